import { describe, expect, it } from 'vitest';
import { errorForStatus, rateLimitWaitMs } from '../../../src/main/core/providers/classify';
import { ProviderError } from '../../../src/main/core/providers/errors';
import type { HttpAnswer } from '../../../src/main/core/providers/http';
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
    [{ 'x-rate-limit-reset-at-utc': '2026-11-21T09:00:00Z' }, 0],
    [{}, undefined],
    [{ 'retry-after': 'soon' }, undefined],
  ])('%j → %s ms', (headers, ms) => {
    expect(rateLimitWaitMs(headers, now)).toBe(ms);
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
