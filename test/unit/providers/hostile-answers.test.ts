/**
 * Answers the simulator does not give: ids that would change our URLs, floods of result links,
 * envelopes the documents leave open, a model inside JSON, a list of recent jobs, a key check
 * that times out. Each asserts what a person or the next request would see.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { statusProbeCheck } from '../../../src/main/core/providers/key-checks';
import { createLocalAdapter } from '../../../src/main/core/providers/local';
import { createSegmindAdapter } from '../../../src/main/core/providers/segmind';
import type { RemoteRef } from '../../../src/main/core/providers/types';
import { createVtrixAdapter } from '../../../src/main/core/providers/vtrix';
import { createWaveSpeedAdapter } from '../../../src/main/core/providers/wavespeed';
import { makeCtx, model, rejection } from './helpers';
import { json, tinyServer, type Seen, type TinyServer } from './tiny-server';

const KEY = 'sk-hostile-answers-0123456789';
let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(answer: (req: Seen, res: ServerResponse) => void): Promise<TinyServer> {
  server = await tinyServer(answer);
  return server;
}

const wavespeed = createWaveSpeedAdapter();
const vtrix = createVtrixAdapter();
const segmind = createSegmindAdapter();
const mini = model('wavespeed/hunyuan3d/v2-mini');
const vm = model('vtrix/tencent_hunyuan_3d');
const hy2 = model('segmind/hunyuan-3d-2');

const ref = (provider: RemoteRef['provider'], remoteId: string, extra: Partial<RemoteRef> = {}): RemoteRef => ({
  provider, remoteId, route: 'async', remoteModel: 'm', outputFormat: 'glb', submittedAt: 0, ...extra,
});

describe('provider-supplied ids are checked before they reach a URL', () => {
  it.each(['../../api/v3/balance', 'a/b', 'x?y=1', 'a b', '%2e%2e', 'é', 'x'.repeat(129), '', '..'])('WaveSpeed submit naming id %j is malformed, and may have started', async (id) => {
    const s = await serve((_req, res) => json(res, 200, { code: 200, message: 'success', data: { id, status: 'created' } }));
    const err = await rejection<ProviderError>(wavespeed.submit(makeCtx(s.url, KEY), mini, { fields: { image: 'https://example.com/a.png' } }, {}));
    expect(err.kind).toBe('malformed');
    expect(err.mayHaveStarted).toBe(true);
    expect(err.message).toMatch(/^WaveSpeed (sent a job id the app does not accept|sent no job id)\. The job may have started/);
    expect(s.seen).toHaveLength(1);
  });

  it('a good id with every allowed character goes through as it is', async () => {
    const id = 'Ab9._:-z';
    const s = await serve((_req, res) => json(res, 200, { code: 200, data: { id, status: 'created' } }));
    const sub = await wavespeed.submit(makeCtx(s.url, KEY, { now: () => 42 }), mini, { fields: { image: 'https://example.com/a.png' } }, {});
    expect(sub.ref).toEqual({ provider: 'wavespeed', remoteId: id, route: 'async', remoteModel: mini.remoteModel, outputFormat: 'glb', submittedAt: 42 });
    await wavespeed.check(makeCtx(s.url, KEY), sub.ref);
    expect(s.seen[1]!.path).toBe(`/api/v3/predictions/${id}/result`);
  });

  it('a stored ref with a bad id is refused with no request at all', async () => {
    const s = await serve((_req, res) => json(res, 200, {}));
    for (const adapter of [wavespeed, vtrix, segmind, createLocalAdapter()]) {
      const err = await rejection<ProviderError>(adapter.check(makeCtx(s.url, KEY), ref(adapter.id, '../secrets')));
      expect(err.kind).toBe('malformed');
    }
    expect(s.seen).toHaveLength(0);
  });

  it('Vtrix and Segmind submits naming a bad id are malformed too', async () => {
    const v = await serve((_req, res) => json(res, 200, { id: 'task/../../x', status: 'pending' }));
    expect(await rejection<ProviderError>(vtrix.submit(makeCtx(v.url, KEY), vm, { fields: { prompt: 'a chair' } }, {}))).toMatchObject({ kind: 'malformed', mayHaveStarted: true });
    await v.close();
    const g = await serve((req, res) => json(res, 200, { request_id: 'r?x=1', status_url: `http://h/${req.path}`, response_url: 'http://h/r' }));
    expect(await rejection<ProviderError>(segmind.submit(makeCtx(g.url, KEY), hy2, { fields: { text: 'a chair' } }, {}))).toMatchObject({ kind: 'malformed', mayHaveStarted: true });
  });
});

describe('how many result files an answer may name', () => {
  const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example.com/out/${i}.glb`);

  it('WaveSpeed: 20 are taken, 21 are a malformed answer', async () => {
    let n = 20;
    const s = await serve((_req, res) => json(res, 200, { code: 200, data: { id: 'abc', status: 'completed', outputs: urls(n) } }));
    const ok = await wavespeed.check(makeCtx(s.url, KEY), ref('wavespeed', 'abc'));
    expect(ok.state === 'completed' && ok.assets).toHaveLength(20);
    n = 21;
    const err = await rejection<ProviderError>(wavespeed.check(makeCtx(s.url, KEY), ref('wavespeed', 'abc')));
    expect(err.kind).toBe('malformed');
    expect(err.message).toBe('WaveSpeed named more than 20 result files in one answer; the app did not use any of them.');
  });

  it('Segmind: a result body scattered with 1000 model links is malformed', async () => {
    const s = await serve((req, res) =>
      req.path.endsWith('/status') ? json(res, 200, { status: 'COMPLETED' }) : json(res, 200, { output: urls(1000).map((u) => ({ nested: { u } })) }),
    );
    const err = await rejection<ProviderError>(segmind.check(makeCtx(s.url, KEY), ref('segmind', 'req-1')));
    expect(err.message).toMatch(/^Segmind named more than 20 result files/);
  });

  it('Vtrix: 21 content entries are malformed', async () => {
    const s = await serve((_req, res) => json(res, 200, { id: 't', status: 'completed', output: [{ content: urls(21).map((url) => ({ format: 'glb', url })) }] }));
    expect(await rejection<ProviderError>(vtrix.check(makeCtx(s.url, KEY), ref('vtrix', 't')))).toMatchObject({ kind: 'malformed' });
  });
});

describe('shapes the documents leave open are all read', () => {
  it.each([
    ['bare, progress as percent', { id: 't', status: 'in_progress', progress: 40 }, 40],
    ['bare, progress as a fraction', { id: 't', status: 'in_progress', progress: 0.4 }, 40],
    ['in a {code, data} envelope', { code: 0, message: 'ok', data: { id: 't', status: 'in_progress', progress: 40 } }, 40],
    ['in an envelope, progress as a string fraction', { code: 200, data: { id: 't', status: 'processing', progress: '0.25' } }, 25],
  ])('Vtrix task %s', async (_name, body, percent) => {
    const s = await serve((_req, res) => json(res, 200, body));
    expect(await vtrix.check(makeCtx(s.url, KEY), ref('vtrix', 't'))).toMatchObject({ state: 'progress', phase: 'running', percent });
  });

  it('Vtrix: an enveloped submit gives its id, an enveloped error code is classified', async () => {
    let body: unknown = { code: 0, data: { id: 'task-9', status: 'pending' } };
    const s = await serve((_req, res) => json(res, 200, body));
    expect((await vtrix.submit(makeCtx(s.url, KEY), vm, { fields: { prompt: 'a chair' } }, {})).ref.remoteId).toBe('task-9');
    body = { code: 401, message: 'no', data: null };
    expect(await rejection<ProviderError>(vtrix.submit(makeCtx(s.url, KEY), vm, { fields: { prompt: 'a chair' } }, {}))).toMatchObject({ kind: 'auth' });
  });

  it('an extension-less result URL is taken as the format the job asked for, kept in its ref', async () => {
    const s = await serve((_req, res) => json(res, 200, { id: 't', status: 'completed', output: [{ content: [{ format: 'OBJ', url: 'https://cdn.example.com/r/abc' }] }] }));
    const done = await vtrix.check(makeCtx(s.url, KEY), ref('vtrix', 't', { outputFormat: 'stl' }));
    expect(done).toMatchObject({ state: 'completed', assets: [{ url: 'https://cdn.example.com/r/abc', format: 'obj' }] });
    const ws = await serve((_req, res) => json(res, 200, { code: 200, data: { status: 'completed', outputs: ['https://cdn.example.com/r/abc', 'https://cdn.example.com/r/m.zip'] } }));
    const w = await wavespeed.check(makeCtx(ws.url, KEY), ref('wavespeed', 'x', { outputFormat: 'stl' }));
    expect(w).toMatchObject({ state: 'completed', assets: [{ format: 'stl' }, { format: 'obj' }] });
  });
});

describe('a self-hosted /status with the model inside JSON', () => {
  const glb = Buffer.concat([Buffer.from('glTF'), Buffer.alloc(9 * 1024 * 1024, 7)]);

  it('a 12 MB base64 model (past the 4 MiB JSON cap) is cut out and decoded, `\\/` escapes included', async () => {
    const escaped = glb.toString('base64').replace(/\//g, '\\/');
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{ "status" : "completed", "model_base64" : "${escaped}", "note": "done" }`);
    });
    const done = await createLocalAdapter().check(makeCtx(s.url, ''), ref('local', 'uid-1'));
    expect(done.state).toBe('completed');
    const asset = done.state === 'completed' ? done.assets[0] : undefined;
    expect(asset && 'bytes' in asset && Buffer.from(asset.bytes).equals(glb)).toBe(true);
  });

  it('something other than base64 in model_base64 is malformed', async () => {
    const s = await serve((_req, res) => json(res, 200, { status: 'completed', model_base64: 'not\nbase64 at all' }));
    expect(await rejection<ProviderError>(createLocalAdapter().check(makeCtx(s.url, ''), ref('local', 'uid-1')))).toMatchObject({ kind: 'malformed' });
  });
});

describe('WaveSpeed findRecent (list predictions)', () => {
  const at = (iso: string) => Date.parse(iso);

  it('asks for the model and window, and returns only that model\'s jobs inside it, newest first', async () => {
    const s = await serve((_req, res) =>
      json(res, 200, {
        code: 200,
        message: 'success',
        data: {
          page: 1,
          items: [
            { id: 'n3', model: mini.remoteModel, status: 'completed', created_at: '2026-12-01T10:05:00.123456789Z', outputs: [] },
            { id: 'other', model: 'wavespeed-ai/flux-dev', status: 'completed', created_at: '2026-12-01T10:04:00Z' },
            { id: 'n2', model: mini.remoteModel, status: 'processing', created_at: '2026-12-01T10:01:00Z' },
            { id: 'old', model: mini.remoteModel, status: 'completed', created_at: '2026-12-01T09:00:00Z' },
          ],
        },
      }),
    );
    const from = at('2026-12-01T10:00:00Z');
    const to = at('2026-12-01T10:10:00Z');
    const found = await wavespeed.findRecent!(makeCtx(s.url, KEY), { remoteModel: mini.remoteModel, from, to });
    expect(found).toEqual([
      { remoteId: 'n3', createdAt: at('2026-12-01T10:05:00.123Z'), status: 'completed' },
      { remoteId: 'n2', createdAt: at('2026-12-01T10:01:00Z'), status: 'processing' },
    ]);
    expect(s.seen).toHaveLength(1); // the page reached past `from`: no second page
    expect(s.seen[0]).toMatchObject({ method: 'POST', path: '/api/v3/predictions', headers: { authorization: `Bearer ${KEY}` } });
    expect(s.seen[0]!.body).toEqual({ page: 1, page_size: 100, model: mini.remoteModel, created_after: '2026-12-01T10:00:00.000Z', created_before: '2026-12-01T10:10:00.000Z' });
  });

  it('a listed job with a bad id makes the list malformed', async () => {
    const s = await serve((_req, res) => json(res, 200, { code: 200, data: { items: [{ id: '../x', model: mini.remoteModel, created_at: '2026-12-01T10:05:00Z' }] } }));
    expect(await rejection<ProviderError>(wavespeed.findRecent!(makeCtx(s.url, KEY), { remoteModel: mini.remoteModel, from: 0, to: Date.now() }))).toMatchObject({ kind: 'malformed' });
  });

  it('a refused key is an auth error with our sentence', async () => {
    const s = await serve((_req, res) => json(res, 401, { code: 401, message: `bad key ${KEY}` }));
    const err = await rejection<ProviderError>(wavespeed.findRecent!(makeCtx(s.url, KEY), { remoteModel: mini.remoteModel, from: 0, to: 1 }));
    expect(err.kind).toBe('auth');
    expect(err.message).toBe('WaveSpeed did not accept the API key (HTTP 401). Check the key in Settings → Keys.');
  });

  it('no adapter claims a cancel route: none is documented', () => {
    for (const adapter of [wavespeed, vtrix, segmind, createLocalAdapter()]) expect(adapter.cancel).toBeUndefined();
  });
});

describe('a key check that times out', () => {
  it('ends with the caller\'s TimeoutError (so Settings says how long it waited), not "cancelled"', async () => {
    const s = await serve(() => undefined);
    const err = await rejection<Error>(statusProbeCheck('wavespeed')('sk-timeout-check-1', s.url, AbortSignal.timeout(300)));
    expect(err.name).toBe('TimeoutError');
  });
});
