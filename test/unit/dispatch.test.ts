import { describe, expect, it, vi } from 'vitest';
import { channelNames, channels } from '../../src/shared/ipc';
import { createDispatcher, type Handlers } from '../../src/main/core/dispatch';
import { createMemoryLog } from '../../src/main/core/log';
import { APP_ORIGIN } from '../../src/main/core/security/navigation';
import { StudioError } from '../../src/shared/errors';
import { createTestCore } from '../support/core';

const trusted = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };

function spiedDispatcher() {
  const { core } = createTestCore();
  const log = createMemoryLog();
  const spies = Object.fromEntries(channelNames.map((name) => [name, vi.fn(core.handlers[name] as (i: unknown) => unknown)])) as unknown as Handlers &
    Record<string, ReturnType<typeof vi.fn>>;
  return { dispatcher: createDispatcher(spies, { trustedOrigin: APP_ORIGIN, log }), spies, log };
}

describe('the IPC wrapper', () => {
  it('answers our main frame with plain data', async () => {
    const { dispatcher } = spiedDispatcher();
    const reply = await dispatcher.dispatch('settings:get', undefined, trusted);
    expect(reply.ok).toBe(true);
  });

  it.each([
    ['another origin', { url: 'https://evil.example/index.html', isMainFrame: true }],
    ['a look-alike origin', { url: 'app://studio.evil/index.html', isMainFrame: true }],
    ['a file: page', { url: 'file:///tmp/index.html', isMainFrame: true }],
    ['a subframe of our own page', { url: `${APP_ORIGIN}/index.html`, isMainFrame: false }],
    ['no frame at all', null],
  ])('refuses %s without calling the handler', async (_label, sender) => {
    const { dispatcher, spies } = spiedDispatcher();
    const reply = await dispatcher.dispatch('settings:set', { lastModelId: 'x' }, sender);
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(spies['settings:set']).not.toHaveBeenCalled();
  });

  it('refuses malformed input without calling the handler, naming the field', async () => {
    const { dispatcher, spies } = spiedDispatcher();
    const reply = await dispatcher.dispatch('settings:set', { layout: { leftWidth: 'wide' } }, trusted);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid-input');
      expect(reply.error.message).toMatch(/^layout/);
    }
    expect(spies['settings:set']).not.toHaveBeenCalled();
  });

  it('refuses unknown channels, including prototype names', async () => {
    const { dispatcher } = spiedDispatcher();
    for (const name of ['nope:nothing', '__proto__', 'constructor', 'toString', 42, null]) {
      const reply = await dispatcher.dispatch(name, undefined, trusted);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('turns a StudioError into {code, message} and hides anything else', async () => {
    const log = createMemoryLog();
    const handlers = {
      'app:info': () => {
        throw new StudioError('unavailable', 'The provider is down. Try again later.');
      },
      'settings:get': () => {
        throw new Error('ENOENT: /home/artist/secret/path with key sk-live-123456789');
      },
    } as unknown as Handlers;
    const dispatcher = createDispatcher(handlers, { trustedOrigin: APP_ORIGIN, log });
    await expect(dispatcher.dispatch('app:info', undefined, trusted)).resolves.toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'The provider is down. Try again later.' },
    });
    const hidden = await dispatcher.dispatch('settings:get', undefined, trusted);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toMatch(/ENOENT|home|sk-live/);
    expect(Object.keys(hidden.ok ? {} : hidden.error).sort()).toEqual(['code', 'message']);
  });

  it('strips fields a handler returned by mistake', async () => {
    const handlers = {
      'app:info': () => ({ name: 'n', version: 'v', shell: 'harness', platform: 'p', apiKey: 'sk-secret' }),
    } as unknown as Handlers;
    const dispatcher = createDispatcher(handlers, { trustedOrigin: APP_ORIGIN, log: createMemoryLog() });
    const reply = await dispatcher.dispatch('app:info', undefined, trusted);
    expect(JSON.stringify(reply)).not.toContain('sk-secret');
  });
});

/** A small deterministic generator of hostile values: wrong types, huge strings, deep nesting, prototype keys. */
function* malformedValues(seed: number, count: number): Generator<unknown> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const atoms: unknown[] = [
    null, 0, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, true, '', 'x'.repeat(100_000), '\u0000',
    [], [1, 2, 3], { __proto__: { polluted: true } }, JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } }, new Uint8Array(8), Symbol.for('x').toString(),
  ];
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const build = (depth: number): unknown => {
    const r = next();
    if (depth > 3 || r < 0.4) return pick(atoms);
    if (r < 0.7) return Object.fromEntries(Array.from({ length: 1 + Math.floor(next() * 4) }, () => [pick(['layout', 'endpoints', 'lastModelId', 'leftWidth', 'segmind', 'x', '__proto__']), build(depth + 1)]));
    return Array.from({ length: Math.floor(next() * 4) }, () => build(depth + 1));
  };
  for (let i = 0; i < count; i++) yield build(0);
}

describe('every channel under 50 malformed inputs', () => {
  it.each(channelNames)('%s answers invalid-input and never calls its handler', async (name) => {
    const { dispatcher, spies } = spiedDispatcher();
    let tried = 0;
    for (const value of malformedValues(name.length * 7919, 400)) {
      if (channels[name].input.safeParse(value).success) continue; // that one happens to be valid
      const reply = await dispatcher.dispatch(name, value, trusted);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.any(String) } });
      if (++tried === 50) break;
    }
    expect(tried).toBe(50);
    expect(spies[name]).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('events to the page', () => {
  it('carry only what their schema declares', async () => {
    const { MemoryVault } = await import('../../src/main/core/keys');
    class LeakyVault extends MemoryVault {
      override async status() {
        const status = await super.status();
        return { ...status, segmind: { ...status.segmind, key: 'sk-should-never-leave' } } as typeof status;
      }
    }
    const { core } = createTestCore({ vault: new LeakyVault() });
    const seen: string[] = [];
    core.onEvent((event, payload) => seen.push(JSON.stringify([event, payload])));
    await core.handlers['keys:set']({ provider: 'segmind', key: 'sk-should-never-leave' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('keys:changed');
    expect(seen[0]).not.toContain('sk-should-never-leave');
  });
});
