import { describe, expect, it } from 'vitest';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { send } from '../../../src/main/core/providers/http';
import { rejection } from './helpers';

describe('a request that never left', () => {
  it.each([
    ['not a url', 'ERR_INVALID_URL'],
    ['http://', 'ERR_INVALID_URL'],
    ['htp://example.com/v2/x', 'UND_ERR_INVALID_ARG'],
    ['ftp://example.com/v2/x', 'UND_ERR_INVALID_ARG'],
  ])('%j is a bad endpoint, not a network error that may have started a paid job', async (url, code) => {
    const err = await rejection<ProviderError>(send({ provider: 'segmind', method: 'POST', url, json: {}, paid: true }));
    expect(err.kind).toBe('invalid');
    expect(err.providerCode).toBe(code);
    expect(err.mayHaveStarted).toBe(false);
    expect(err.retryable).toBe(false);
    expect(err.message).toBe('The request to Segmind could not be sent: its address is not a valid http(s) URL. Check the endpoint for Segmind in Settings.');
  });
});
