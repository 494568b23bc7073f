import { describe, expect, it } from 'vitest';
import { KeytarVault, MemoryVault, keychainService, validateKey, type KeytarApi } from '../../../src/main/core/keys';
import { createMemoryLog, redact } from '../../../src/main/core/log';
import { StudioError } from '../../../src/shared/errors';

const unset = { set: false, last4: null };

describe('MemoryVault', () => {
  it('saves, reports the last 4 and removes a key', async () => {
    const vault = new MemoryVault();
    expect(await vault.status()).toEqual({ segmind: unset, wavespeed: unset, vtrix: unset });
    await vault.set('segmind', '  SG_0123456789abcd1234 \n', 'https://api.segmind.com');
    expect(await vault.get('segmind')).toEqual({ key: 'SG_0123456789abcd1234', origin: 'https://api.segmind.com' });
    expect(await vault.status()).toEqual({ segmind: { set: true, last4: '1234' }, wavespeed: unset, vtrix: unset });
    await vault.delete('segmind');
    expect(await vault.get('segmind')).toBeNull();
    expect((await vault.status()).segmind).toEqual(unset);
  });
});

describe('key validation', () => {
  it.each([
    ['', /Segmind API key is empty/],
    ['   ', /Segmind API key is empty/],
    ['SG_abc def123456', /no spaces or line breaks/],
    ['SG_abc\ndef123456', /no spaces or line breaks/],
    ['SG_abcdéf123456', /a character no key has/],
    ['SG_abc\u0000def123', /a character no key has/],
    ['SG_1', /too short to be a Segmind API key/],
    ['x'.repeat(513), /too long to be a Segmind API key/],
  ])('refuses %j with a sentence', (key, sentence) => {
    expect(() => validateKey('segmind', key)).toThrow(StudioError);
    expect(() => validateKey('segmind', key)).toThrow(sentence);
  });

  it('never repeats the key in its sentence', () => {
    const key = 'SG_secret with-space';
    expect(() => validateKey('wavespeed', key)).toThrow(/^A WaveSpeed API key has no spaces/);
    try {
      validateKey('wavespeed', key);
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
  });
});

describe('redaction', () => {
  it('scrubs a saved key from every log line, wherever it appears', async () => {
    const key = `WS_${Date.now()}_redact_me`;
    await new MemoryVault().set('wavespeed', key, 'https://api.wavespeed.ai');
    const log = createMemoryLog();
    log.error('submit failed', { error: new Error(`POST https://api.example/x failed for ${key}`), url: `https://h/?k=${key}` });
    log.info(`plain ${key}`);
    expect(log.lines.join('\n')).not.toContain(key);
    expect(log.lines.join('\n')).toContain('[redacted]');
    expect(redact(`Error: bad key ${key}`)).toBe('Error: bad key [redacted]');
  });
});

describe('KeytarVault', () => {
  function fakeKeytar(): KeytarApi & { store: Map<string, string> } {
    const store = new Map<string, string>();
    return {
      store,
      getPassword: async (s, a) => store.get(`${s}/${a}`) ?? null,
      setPassword: async (s, a, p) => void store.set(`${s}/${a}`, p),
      deletePassword: async (s, a) => store.delete(`${s}/${a}`),
      findCredentials: async (s) =>
        [...store].filter(([k]) => k.startsWith(`${s}/`)).map(([k, password]) => ({ account: k.slice(s.length + 1), password })),
    };
  }

  it('keeps keys under the service "Hunyuan3D Studio", one account per provider', async () => {
    const keytar = fakeKeytar();
    keytar.store.set(`${keychainService}/someone-else`, 'ignored-account');
    const vault = new KeytarVault(async () => keytar);
    await vault.set('vtrix', 'vtx-abcdefgh9876', 'https://cloud.vtrix.ai');
    expect(JSON.parse(keytar.store.get('Hunyuan3D Studio/vtrix') ?? '')).toEqual({ v: 1, key: 'vtx-abcdefgh9876', origin: 'https://cloud.vtrix.ai' });
    expect((await vault.status()).vtrix).toEqual({ set: true, last4: '9876' });
    expect(await vault.get('vtrix')).toEqual({ key: 'vtx-abcdefgh9876', origin: 'https://cloud.vtrix.ai' });
    await vault.delete('vtrix');
    expect(await vault.get('vtrix')).toBeNull();
  });

  it('turns a missing keychain into a sentence, never a crash, and tries again later', async () => {
    let loads = 0;
    const vault = new KeytarVault(async () => {
      loads++;
      throw new Error('libsecret-1.so.0: cannot open shared object file\nstack…');
    });
    const error = await vault.status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('unavailable');
    expect((error as StudioError).message).toMatch(/^The system keychain is not available: libsecret-1\.so\.0: cannot open shared object file\. /);
    await expect(vault.get('segmind')).rejects.toThrow(/system keychain is not available/);
    expect(loads).toBe(2);
  });

  it('reports a locked or absent Secret Service the same way, without the key', async () => {
    const key = 'SG_locked_keychain_4321';
    const vault = new KeytarVault(async () => ({
      ...fakeKeytar(),
      setPassword: async () => {
        throw new Error(`Cannot create an item in a locked collection (${key})`);
      },
    }));
    const error = (await vault.set('segmind', key, 'https://api.segmind.com').catch((e: unknown) => e)) as StudioError;
    expect(error.message).toMatch(/^The system keychain is not available: Cannot create an item in a locked collection/);
    expect(error.message).not.toContain(key);
  });

  it('validates before touching the keychain', async () => {
    const keytar = fakeKeytar();
    await expect(new KeytarVault(async () => keytar).set('segmind', 'bad key', 'https://api.segmind.com')).rejects.toThrow(/no spaces/);
    expect(keytar.store.size).toBe(0);
  });
});
