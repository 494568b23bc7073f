import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { jsonLimitBytes, readJson, resultLimitBytes, send } from '../../../src/main/core/providers/http';
import { rejection } from './helpers';
import { json, tinyServer, type TinyServer } from './tiny-server';

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

describe('deadlines and size caps', () => {
  let server: TinyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('a server dripping one byte every 400 ms is cut off at the overall deadline, though it is never idle', async () => {
    server = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 400);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const err = await rejection<ProviderError>(send({ provider: 'wavespeed', method: 'GET', url: `${server.url}/drip`, timeouts: { headersMs: 1_000, bodyMs: 1_000, totalMs: 2_000 } }));
    const took = Date.now() - started;
    expect(err.kind).toBe('network');
    expect(err.providerCode).toBe('DEADLINE');
    expect(err.message).toBe('WaveSpeed did not finish its answer within 2 seconds.');
    expect(err.retryable).toBe(true);
    expect(took).toBeGreaterThanOrEqual(1_900);
    expect(took).toBeLessThan(3_500);
  });

  it('a silent server is cut off at the headers wait, and the sentence says how long it waited', async () => {
    server = await tinyServer(() => undefined);
    const err = await rejection<ProviderError>(send({ provider: 'vtrix', method: 'GET', url: `${server.url}/silent`, timeouts: { headersMs: 300 } }));
    expect(err.message).toBe('Vtrix did not answer in 0.3 seconds.');
  });

  it('the caller\'s own AbortSignal.timeout is a timeout, not "cancelled"', async () => {
    server = await tinyServer(() => undefined);
    const err = await rejection<ProviderError>(send({ provider: 'segmind', method: 'GET', url: `${server.url}/silent`, signal: AbortSignal.timeout(200) }));
    expect(err.kind).toBe('network');
    expect(err.providerCode).toBe('TIMEOUT');
    expect(err.message).toBe('Segmind did not answer in time.');
  });

  it('a person\'s abort is still "cancelled"', async () => {
    server = await tinyServer(() => undefined);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const err = await rejection<ProviderError>(send({ provider: 'segmind', method: 'GET', url: `${server.url}/silent`, signal: abort.signal }));
    expect(err.kind).toBe('cancelled');
  });

  it('a status answer over 4 MiB is refused while it streams', async () => {
    server = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"x":"${'a'.repeat(jsonLimitBytes)}"}`);
    });
    const err = await rejection<ProviderError>(send({ provider: 'wavespeed', method: 'GET', url: `${server.url}/big` }));
    expect(err.kind).toBe('too-large');
    expect(err.message).toMatch(/^WaveSpeed sent more than 4 MB/);
  });

  it('a larger cap is for results only, and even then a JSON text over 4 MiB is not parsed', async () => {
    server = await tinyServer((_req, res) => json(res, 200, { output: 'a'.repeat(jsonLimitBytes) }));
    const answer = await send({ provider: 'segmind', method: 'POST', url: `${server.url}/v1/x`, json: {}, maxBytes: resultLimitBytes });
    expect(answer.bytes.byteLength).toBeGreaterThan(jsonLimitBytes);
    const err = await rejection<ProviderError>(Promise.resolve().then(() => readJson('segmind', answer, true)));
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/far larger than it should be.*may have started/);
  });
});
