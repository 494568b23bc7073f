import { describe, expect, it } from 'vitest';
import { MemoryVault, type KeyCheck } from '../../../src/main/core/keys';
import { createStudioForTests } from '../../support/studio-for-tests';

const sender = { url: 'app://studio/', isMainFrame: true };
const key = 'SG_channel_test_key_5678';

describe('keys channels', () => {
  it('sets, reports and deletes a key; no reply ever carries it', async () => {
    const { studio, replies, log } = createStudioForTests();
    const changes: unknown[] = [];
    studio.on('keys:changed', (status) => changes.push(status));

    expect((await studio.keys.set({ provider: 'segmind', key })).segmind).toEqual({ set: true, last4: '5678' });
    expect((await studio.keys.status()).segmind).toEqual({ set: true, last4: '5678' });
    expect((await studio.keys.delete({ provider: 'segmind' })).segmind).toEqual({ set: false, last4: null });
    expect(changes).toHaveLength(2);
    expect(JSON.stringify([replies, changes, log.lines])).not.toContain(key);
  });

  it.each([
    ['keys:set', { provider: 'local', key }],
    ['keys:set', { provider: 'segmind' }],
    ['keys:set', { provider: 'segmind', key: 12345678 }],
    ['keys:set', { provider: 'segmind', key, extra: true }],
    ['keys:set', { provider: 'segmind', key: 'k'.repeat(2000) }],
    ['keys:delete', {}],
    ['keys:test', { provider: '__proto__' }],
    ['keys:status', { provider: 'segmind' }],
  ])('refuses malformed %s input (case %#) as invalid-input', async (channel, input) => {
    const { dispatcher } = createStudioForTests();
    const reply = await dispatcher.dispatch(channel, input, sender);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('invalid-input');
    expect(JSON.stringify(reply)).not.toContain(key);
  });

  it('refuses a key with a space with a sentence naming the provider, not the key', async () => {
    const { dispatcher } = createStudioForTests();
    const reply = await dispatcher.dispatch('keys:set', { provider: 'vtrix', key: 'vtx secret 1234' }, sender);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'A Vtrix API key has no spaces or line breaks. Check that only the key was pasted.' },
    });
  });

  it('says plainly when there is no key to test', async () => {
    const { studio } = createStudioForTests({ vault: new MemoryVault({ segmind: key }) });
    expect(await studio.keys.test({ provider: 'vtrix' })).toEqual({
      ok: false,
      message: 'No Vtrix API key is saved yet. Paste one in Settings and press Save.',
    });
  });

  it('runs a plugged-in check with the key and the endpoint, and redacts what it answers', async () => {
    const seen: unknown[] = [];
    const check: KeyCheck = async (k, baseUrl, signal) => {
      seen.push([k, baseUrl, signal instanceof AbortSignal]);
      return { ok: false, message: `401 from ${baseUrl}/v1/me?key=${k}: key ${k} is unknown.` };
    };
    const { studio } = createStudioForTests({
      vault: new MemoryVault({ wavespeed: { key, origin: 'http://127.0.0.1:9' } }),
      keyChecks: { wavespeed: check },
      env: { HY3D_ENDPOINT_WAVESPEED: 'http://127.0.0.1:9' },
    });
    const result = await studio.keys.test({ provider: 'wavespeed' });
    expect(seen).toEqual([[key, 'http://127.0.0.1:9', true]]);
    expect(result.ok).toBe(false);
    expect(result.message).not.toContain(key);
    expect(result.message).toContain('[redacted]');
  });

  it('turns a check that throws into an answer, without the key', async () => {
    const { studio } = createStudioForTests({
      vault: new MemoryVault({ vtrix: { key, origin: 'http://127.0.0.1:9' } }),
      keyChecks: { vtrix: async (k) => Promise.reject(new Error(`socket hang up (Authorization: Bearer ${k})`)) },
    });
    const result = await studio.keys.test({ provider: 'vtrix' });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^The Vtrix key check failed: socket hang up \(Authorization: Bearer \[redacted\]/);
    expect(result.message).not.toContain(key);
  });
});
