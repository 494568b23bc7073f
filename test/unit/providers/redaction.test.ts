/**
 * A key echoed back in disguise — by a provider's error text, a proxy's page, a URL — must still
 * never reach a log line or a sentence. Each form is one a real service or proxy could produce.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLog, forgetSecret, redact, registerSecret } from '../../../src/main/core/log';
import { ProviderError } from '../../../src/main/core/providers/errors';
import { errorForStatus } from '../../../src/main/core/providers/classify';

const KEY = 'sk-live_9fQ2+xZ/aB7kLmN0pRsT4uVw';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const html = (s: string) => s.replace(/[+/_-]/g, (c) => `&#${c.charCodeAt(0)};`);

beforeAll(() => registerSecret(KEY));
afterAll(() => forgetSecret(KEY));

const forms: [string, string][] = [
  ['as written', KEY],
  ['URL-encoded', encodeURIComponent(KEY)],
  ['URL-encoded with lower-case hex', encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
  ['base64', b64(KEY)],
  ['base64 inside a Basic credential', b64(`user:${KEY}`)],
  ['base64 at the third alignment', b64(`ab${KEY}`)],
  ['base64url', b64url(`x${KEY}`)],
  ['upper-cased', KEY.toUpperCase()],
  ['lower-cased', KEY.toLowerCase()],
  ['split by zero-width spaces', [...KEY].join('\u200B')],
  ['split by zero-width joiners and word joiners', [...KEY].join('\u200D\u2060')],
  ['split by a BOM', `${KEY.slice(0, 10)}\uFEFF${KEY.slice(10)}`],
  ['HTML-escaped (decimal entities)', html(KEY)],
  ['HTML-escaped (hex entities)', KEY.replace(/[+/]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`)],
  ['cut to its first half', KEY.slice(0, Math.ceil(KEY.length / 2))],
  ['cut to its last half', KEY.slice(-Math.ceil(KEY.length / 2))],
  ['its first 20 characters and an ellipsis', `${KEY.slice(0, 20)}…`],
];

/** What a reader could still piece the key together from: 8 or more of its characters in a row. */
function leaks(text: string): boolean {
  const plain = text.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').toLowerCase();
  const decoded = [plain, decodeURIComponent(plain.replace(/%(?![0-9a-f]{2})/g, '%25')), plain.replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d)))];
  const k = KEY.toLowerCase();
  for (const t of decoded) for (let i = 0; i + 8 <= k.length; i++) if (t.includes(k.slice(i, i + 8))) return true;
  for (const t of [text]) {
    for (const chunk of t.match(/[A-Za-z0-9+/_-]{12,}={0,2}/g) ?? []) {
      const bytes = Buffer.from(chunk.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1').toLowerCase();
      for (let i = 0; i + 8 <= k.length; i++) if (bytes.includes(k.slice(i, i + 8))) return true;
    }
  }
  return false;
}

describe('redact finds the key in every disguise', () => {
  it.each(forms)('%s', (_name, form) => {
    const line = `provider said: "invalid token ${form}" (code 401)`;
    expect(leaks(line)).toBe(true); // the detector sees the planted key…
    const out = redact(line);
    expect(out).toContain('[redacted]');
    expect(leaks(out)).toBe(false); // …and nothing of it is left
    expect(out).toMatch(/^provider said: "invalid token /);
    expect(out).toMatch(/" \(code 401\)$/);
  });

  it('leaves text that only shares a few characters with the key alone', () => {
    const text = 'sk-live is a prefix every key has; 9fQ2 is four characters.';
    expect(redact(text)).toBe(text);
  });

  it('a log line carrying the key in a field is redacted too', () => {
    const log = createMemoryLog();
    log.warn('upload failed', { url: `https://x.test/u?sig=${encodeURIComponent(KEY)}`, body: b64(KEY) });
    expect(log.lines).toHaveLength(1);
    expect(leaks(log.lines[0]!)).toBe(false);
  });

  it('an error built from an echoed, disguised key carries none of it', () => {
    const err = new ProviderError({ provider: 'vtrix', kind: 'invalid', message: `bad request for ${[...KEY].join('\u200C')}` });
    expect(leaks(err.message)).toBe(false);
  });
});

describe('on 401/403 the artist reads our sentence, never the provider\'s', () => {
  const answer = (status: number, said: string) => ({ status, headers: {}, contentType: 'application/json', bytes: new TextEncoder().encode(JSON.stringify({ error: said })) });

  it.each([401, 403])('HTTP %i', (status) => {
    const said = 'Your token is revoked; visit http://phish.example to renew it';
    const err = errorForStatus('wavespeed', answer(status, said), 'submit');
    expect(err.kind).toBe('auth');
    expect(err.message).not.toContain('phish');
    expect(err.message).not.toContain('revoked');
    expect(err.message).toMatch(/^WaveSpeed (did not accept the API key|says this key may not do that) \(HTTP 40[13]\)\. Check the key in Settings → Keys\./);
  });

  it('other refusals may quote the provider, redacted', () => {
    const err = errorForStatus('segmind', answer(400, `field image: bad value for key ${KEY.toUpperCase()}`), 'submit');
    expect(err.message).toContain('field image: bad value');
    expect(leaks(err.message)).toBe(false);
  });
});
