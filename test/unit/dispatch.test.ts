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

describe('size before schema', () => {
  const MiB = 1024 * 1024;

  it('refuses a 64 MiB typed array on a channel that takes no bytes in well under a second, and keeps answering', async () => {
    const { dispatcher, spies } = spiedDispatcher();
    for (const input of [new Uint8Array(64 * MiB), { layout: new Uint8Array(64 * MiB) }, { endpoints: new Uint8Array(64 * MiB) }]) {
      const started = performance.now();
      const reply = await dispatcher.dispatch('settings:set', input, trusted);
      expect(performance.now() - started).toBeLessThan(250);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^This request does not take file bytes here/) } });
    }
    expect(spies['settings:set']).not.toHaveBeenCalled();
    await expect(dispatcher.dispatch('settings:get', undefined, trusted)).resolves.toMatchObject({ ok: true });
  });

  it('refuses a picture over the limit and bytes outside picture slots before jobs:submit runs', async () => {
    const { dispatcher, spies } = spiedDispatcher();
    const { maxPictureBytes } = await import('../../src/shared/jobs');
    const huge = await dispatcher.dispatch('jobs:submit', { modelId: 'm', params: {}, inputs: { kind: 'image', image: { name: 'a.png', bytes: new Uint8Array(maxPictureBytes + 1) } } }, trusted);
    expect(huge).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/larger than 40 MB/) } });
    const misplaced = await dispatcher.dispatch('jobs:submit', { modelId: 'm', params: { seed: new Uint8Array(64 * MiB) }, inputs: { kind: 'text', text: 't' } }, trusted);
    expect(misplaced).toMatchObject({ ok: false, error: { message: 'This request does not take file bytes here (at params.seed).' } });
    expect(spies['jobs:submit']).not.toHaveBeenCalled();
  });

  it('refuses huge objects, strings and keys quickly, with a short sentence', async () => {
    const { dispatcher } = spiedDispatcher();
    const inputs = [
      Object.fromEntries(Array.from({ length: 300_000 }, (_, i) => [`k${i}`, i])),
      { lastModelId: 'x'.repeat(64 * MiB) },
      { ['k'.repeat(8 * MiB)]: 1 },
    ];
    for (const input of inputs) {
      const started = performance.now();
      const reply = await dispatcher.dispatch('settings:set', input, trusted);
      expect(performance.now() - started).toBeLessThan(250);
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.message.length).toBeLessThanOrEqual(1000);
    }
  });
});

describe('error text that crosses is capped', () => {
  it('cuts a handler’s long StudioError message to 1000 characters', async () => {
    const handlers = {
      'app:info': () => {
        throw new StudioError('unavailable', `The provider said: ${'z'.repeat(190_000_000)}`);
      },
    } as unknown as Handlers;
    const dispatcher = createDispatcher(handlers, { trustedOrigin: APP_ORIGIN, log: createMemoryLog() });
    const reply = await dispatcher.dispatch('app:info', undefined, trusted);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/^The provider said: z+…$/) } });
    if (!reply.ok) expect(reply.error.message).toHaveLength(1000);
  });

  it('keeps the log line of an unexpected failure short too', async () => {
    const log = createMemoryLog();
    const handlers = {
      'app:info': () => {
        throw new Error('q'.repeat(10_000_000));
      },
    } as unknown as Handlers;
    const reply = await createDispatcher(handlers, { trustedOrigin: APP_ORIGIN, log }).dispatch('app:info', undefined, trusted);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log.lines.join('\n').length).toBeLessThan(20_000);
  });

  it('caps describeIssues, whatever zod wrote', async () => {
    const { describeIssues } = await import('../../src/shared/studio-client');
    expect(describeIssues([{ path: Array.from({ length: 1000 }, () => 'k'.repeat(1000)), message: 'm'.repeat(1_000_000) }]).length).toBeLessThanOrEqual(1000);
  });
});

describe('a hostile sender', () => {
  it.each([
    ['a url that is a number', { url: 42, isMainFrame: true }],
    ['a url that is an object', { url: { toString: () => `${APP_ORIGIN}/index.html` }, isMainFrame: true }],
    ['a truthy non-boolean main-frame flag', { url: `${APP_ORIGIN}/index.html`, isMainFrame: 'yes' }],
    ['a string instead of a sender', `${APP_ORIGIN}/index.html`],
    ['a url whose getter throws', { get url(): string { throw new Error('boom'); }, isMainFrame: true }],
  ])('with %s is refused, not thrown at', async (_label, sender) => {
    const { dispatcher, spies } = spiedDispatcher();
    const reply = await dispatcher.dispatch('settings:set', { lastModelId: 'x' }, sender as never);
    expect(reply.ok).toBe(false);
    expect(spies['settings:set']).not.toHaveBeenCalled();
  });

  it('is refused even when the channel name cannot be turned into a string', async () => {
    const { dispatcher } = spiedDispatcher();
    const channel = { toString: () => { throw new Error('boom'); } };
    await expect(dispatcher.dispatch(channel, undefined, { url: 7, isMainFrame: true } as never)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
