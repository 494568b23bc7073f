import { describe, expect, it } from 'vitest';
import { errorForStatus, rateLimitWaitMs } from '../../../src/main/core/providers/classify';
import { ProviderError } from '../../../src/main/core/providers/errors';
import { providerMessage, type HttpAnswer } from '../../../src/main/core/providers/http';
import { providerText, providerTextMax } from '../../../src/main/core/text';
import { createProviderRegistry } from '../../../src/main/core/providers/registry';
import { registerSecret, forgetSecret } from '../../../src/main/core/log';
import { providerIds } from '../../../src/shared/providers';

const now = Date.parse('2026-11-21T10:00:00Z');
const answer = (status: number, body: string, headers: Record<string, string> = {}): HttpAnswer => ({
  status, headers, contentType: headers['content-type'] ?? 'application/json', bytes: new TextEncoder().encode(body),
});

describe('how long a 429 asks us to wait', () => {
  it.each([
    [{ 'retry-after': '12' }, 12_000],
    [{ 'retry-after': 'Sat, 21 Nov 2026 10:00:30 GMT' }, 30_000],
    [{ 'x-rate-limit-reset-at-utc': '2026-11-21T10:00:05Z' }, 5_000],
    [{ 'x-rate-limit-reset-at-utc': '2026-11-21T10:00:05' }, 5_000],
    [{ 'x-rate-limit-reset-at-utc': String(now / 1000 + 8) }, 8_000],
    [{ 'x-rate-limit-reset-at-utc': String(now + 9_000) }, 9_000],
    [{ 'x-rate-limit-reset-at-utc': '2026-11-21T09:00:00Z' }, 1_000],
    [{}, undefined],
    [{ 'retry-after': 'soon' }, undefined],
  ])('%j → %s ms', (headers, ms) => {
    expect(rateLimitWaitMs(headers, now)).toBe(ms);
  });

  it.each([
    // Absurd asks are capped at ten minutes.
    [{ 'retry-after': '1e300' }, 600_000],
    [{ 'retry-after': '3000000' }, 600_000],
    [{ 'x-rate-limit-reset-at-utc': '1e300' }, 600_000],
    // Too small to be an epoch: seconds to wait (here capped).
    [{ 'x-rate-limit-reset-at-utc': '3000000' }, 600_000],
    [{ 'x-rate-limit-reset-at-utc': '30' }, 30_000],
    // Now or already past: the one-second floor, never 0.
    [{ 'retry-after': '0' }, 1_000],
    [{ 'retry-after': 'Sat, 21 Nov 2026 09:00:00 GMT' }, 1_000],
    [{ 'x-rate-limit-reset-at-utc': String(now / 1000 - 60) }, 1_000],
    [{ 'x-rate-limit-reset-at-utc': '2020-01-01T00:00:00' }, 1_000],
    // HTTP-date and offset forms in the Segmind header.
    [{ 'x-rate-limit-reset-at-utc': 'Sat, 21 Nov 2026 10:00:20 GMT' }, 20_000],
    [{ 'x-rate-limit-reset-at-utc': '2026-11-21T11:00:10+01:00' }, 10_000],
  ])('clamped to [1 s, 10 min]: %j → %s ms', (headers, ms) => {
    expect(rateLimitWaitMs(headers, now)).toBe(ms);
  });

  it('a 429 whose header asks for 1e300 seconds waits ten minutes', () => {
    const err = errorForStatus('segmind', answer(429, '{}', { 'retry-after': '1e300' }), 'check');
    expect(err.retryAfterMs).toBe(600_000);
    expect(err.message).toMatch(/wait 600 s/);
  });
});

describe('provider text in messages', () => {
  it('redacts before cutting, so a key straddling the 300th character leaves no prefix behind', () => {
    const key = 'sk-straddle-0123456789abcdef';
    registerSecret(key);
    try {
      const said = providerMessage(answer(400, JSON.stringify({ error: `${'x'.repeat(295)}${key} and more` })));
      expect(said).toBeDefined();
      expect(said).not.toContain(key.slice(0, 5));
      expect(said!.length).toBeLessThanOrEqual(providerTextMax + 1);
      expect(said!.endsWith('…')).toBe(true);
      const err = errorForStatus('segmind', answer(400, JSON.stringify({ error: `${'y'.repeat(290)}${key}` })), 'submit');
      expect(err.message).not.toContain(key.slice(0, 5));
    } finally {
      forgetSecret(key);
    }
  });

  it('providerText removes keys first, then cuts to about 300 characters with an ellipsis', () => {
    const key = 'sk-provider-text-99887766';
    registerSecret(key);
    try {
      expect(providerText(`  job failed for ${key}  `)).toBe('job failed for [redacted]');
      const long = providerText(`${'z'.repeat(298)}${key}${'z'.repeat(500)}`);
      expect(long).toBe(`${'z'.repeat(298)}[r…`);
      expect(long).not.toContain('sk-');
      expect(providerText('authorization: Bearer abcdef123456')).toBe('authorization: Bearer [redacted]');
    } finally {
      forgetSecret(key);
    }
  });
});

describe('links that carry no key', () => {
  it.each([401, 403, 404])('a presigned upload PUT answering %s blames the upload link, not the API key', (status) => {
    const err = errorForStatus('wavespeed', answer(status, '<Error><Code>AccessDenied</Code></Error>', { 'content-type': 'application/xml' }), 'upload-link');
    expect(err.kind).toBe('expired');
    expect(err.message).toBe(`WaveSpeed’s storage refused the picture upload (HTTP ${status}); the upload link was refused or has expired. Try again to get a fresh one.`);
    expect(err.message).not.toMatch(/key/i);
  });

  it.each([401, 403])('a result download answering %s says the link expired, not the key', (status) => {
    const err = errorForStatus('vtrix', answer(status, '{"error":"denied"}'), 'download');
    expect(err.kind).toBe('expired');
    expect(err.message).toMatch(/refused to hand over the result file .*link has probably expired/);
    expect(err.message).not.toMatch(/key/i);
  });

  it('the same statuses on a keyed call still point at the key', () => {
    expect(errorForStatus('wavespeed', answer(401, '{}'), 'upload').message).toMatch(/Settings → Keys/);
    expect(errorForStatus('wavespeed', answer(403, '{}'), 'check').message).toMatch(/Settings → Keys/);
  });
});

describe('retryable never means "send the paid job again"', () => {
  it('is false whenever the call may have started a job', () => {
    expect(new ProviderError({ provider: 'segmind', kind: 'server', mayHaveStarted: true, message: 'x' }).retryable).toBe(false);
    expect(new ProviderError({ provider: 'segmind', kind: 'network', mayHaveStarted: true, message: 'x' }).retryable).toBe(false);
    expect(new ProviderError({ provider: 'segmind', kind: 'server', message: 'x' }).retryable).toBe(true);
    const submit = errorForStatus('segmind', answer(502, '{}'), 'submit');
    expect(submit.mayHaveStarted).toBe(true);
    expect(submit.retryable).toBe(false);
    expect(errorForStatus('segmind', answer(502, '{}'), 'check').retryable).toBe(true);
  });
});

describe('status classification', () => {
  it('quotes the provider’s own words, whatever shape its error body has', () => {
    expect(errorForStatus('segmind', answer(400, '{"error":"seed must be an integer"}'), 'submit').message).toContain('“seed must be an integer”');
    expect(errorForStatus('vtrix', answer(400, '{"error":{"code":"400","message":"bad View"}}'), 'submit').message).toContain('“bad View”');
    expect(errorForStatus('local', answer(422, '{"detail":[{"msg":"too big"}]}'), 'submit').message).toContain('“too big”');
    expect(errorForStatus('wavespeed', answer(400, '{"code":400,"message":"no image"}'), 'submit').message).toContain('“no image”');
  });

  it('never quotes an HTML page', () => {
    const err = errorForStatus('segmind', answer(405, '<html><body>405 Not Allowed</body></html>', { 'content-type': 'text/html' }), 'submit');
    expect(err.kind).toBe('malformed');
    expect(err.message).not.toContain('<');
  });

  it('removes a registered key wherever it appears', () => {
    const key = 'sk-echoed-0123456789';
    registerSecret(key);
    try {
      const err = errorForStatus('segmind', answer(401, `{"error":"invalid key ${key}"}`), 'check');
      expect(err.message).not.toContain(key);
      expect(err.toStudioError().toData()).toEqual({ code: 'forbidden', message: err.message });
    } finally {
      forgetSecret(key);
    }
  });

  it('maps kinds onto the codes that cross IPC', () => {
    const code = (status: number) => errorForStatus('vtrix', answer(status, '{}'), 'check').toStudioError().code;
    expect([401, 406, 410, 400, 502].map(code)).toEqual(['forbidden', 'forbidden', 'not-found', 'invalid-input', 'unavailable']);
    expect(new ProviderError({ provider: 'local', kind: 'network', message: 'x' }).retryable).toBe(true);
    expect(new ProviderError({ provider: 'local', kind: 'auth', message: 'x' }).retryable).toBe(false);
  });
});

describe('registry', () => {
  it('has one adapter per provider id', () => {
    const registry = createProviderRegistry();
    expect(Object.keys(registry).sort()).toEqual([...providerIds].sort());
    for (const id of providerIds) expect(registry[id].id).toBe(id);
  });
});
