/**
 * Counting paid submissions per job: every submit POST is logged with a fingerprint in which each
 * picture is its bytes' sha256, so the same job sent twice (each time after a fresh upload, under a
 * new URL) is seen as the same job, and a different picture is not.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim/server';
import { checkerPng } from '../../sim/models';
import { call, segmind, SEGMIND_KEY, vtrix, wavespeed, WAVESPEED_KEY } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ config: { durationMs: 60_000 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const picA = checkerPng(128);
const picB = checkerPng(130);

async function segmindUpload(pic: Uint8Array): Promise<string> {
  const r = await segmind(sim, 'POST', '/upload-asset', { data_urls: [`data:image/png;base64,${b64(pic)}`] });
  return (r.body as { urls: string[] }).urls[0]!;
}

async function wavespeedUpload(pic: Uint8Array): Promise<string> {
  const t = await wavespeed(sim, 'POST', '/api/v3/media/uploads', { filename: 'in.png', size: pic.length, content_type: 'image/png' });
  const d = (t.body as { data: { download_url: string; upload: { url: string; headers: Record<string, string> } } }).data;
  const put = await fetch(d.upload.url, { method: 'PUT', headers: d.upload.headers, body: pic });
  expect(put.status).toBe(200);
  return d.download_url;
}

describe('submit fingerprints', () => {
  it('Segmind: the same picture re-uploaded under a new URL is the same job; another picture is not', async () => {
    const url1 = await segmindUpload(picA);
    const url2 = await segmindUpload(picA);
    expect(url1).not.toBe(url2);
    await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { image: url1, mesh: null, seed: 7 });
    await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { seed: 7, mesh: null, image: url2 });
    await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { image: await segmindUpload(picB), mesh: null, seed: 7 });
    const subs = sim.control.submissions();
    expect(subs.map((s) => s.route)).toEqual(['segmind.submit', 'segmind.submit', 'segmind.submit']);
    expect(subs[0]!.submit!.fingerprint).toBe(subs[1]!.submit!.fingerprint);
    expect(subs[2]!.submit!.fingerprint).not.toBe(subs[0]!.submit!.fingerprint);
    expect(subs[0]!.submit!.inputs).toEqual([sha(picA)]);
    expect(sim.control.submissions({ input: sha(picA) })).toHaveLength(2);
    expect(sim.control.submissions({ fingerprint: subs[2]!.submit!.fingerprint })).toHaveLength(1);
  });

  it('a changed parameter is another job', async () => {
    const url = await segmindUpload(picA);
    await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { image: url, seed: 7 });
    await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { image: url, seed: 8 });
    const [a, b] = sim.control.submissions();
    expect(a!.submit!.fingerprint).not.toBe(b!.submit!.fingerprint);
    expect(a!.submit!.inputs).toEqual(b!.submit!.inputs);
  });

  it('WaveSpeed: the picture behind a two-step upload is hashed from the PUT bytes', async () => {
    await wavespeed(sim, 'POST', '/api/v3/wavespeed-ai/hunyuan3d/v2-mini', { image: await wavespeedUpload(picA) });
    await wavespeed(sim, 'POST', '/api/v3/wavespeed-ai/hunyuan3d/v2-mini', { image: await wavespeedUpload(picA) });
    const subs = sim.control.submissions({ route: 'wavespeed.submit' });
    expect(subs).toHaveLength(2);
    expect(subs[0]!.submit).toEqual(subs[1]!.submit);
    expect(subs[0]!.submit!.inputs).toEqual([sha(picA)]);
  });

  it('Vtrix and the self-hosted server: inline base64 pictures are hashed as bytes', async () => {
    const views = [{ View: 'left', ImageBase64: b64(picB) }];
    await vtrix(sim, 'POST', '/model/v1/generation', { model: 'tencent_hunyuan_3d', input: [{ params: { image_base64: b64(picA), multi_view_images: views } }] });
    await call(sim, 'POST', '/send', { image: b64(picA) });
    const [v, l] = sim.control.submissions();
    expect(v!.submit!.inputs).toEqual([sha(picA), sha(picB)]);
    expect(l!.route).toBe('local.send');
    expect(l!.submit!.inputs).toEqual([sha(picA)]);
  });

  it('counts by a value the client put in the body (a unique prompt as a tag)', async () => {
    await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'chair tag-41f2' });
    await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'chair tag-41f2' });
    await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'chair tag-99aa' });
    expect(sim.control.submissions({ contains: 'tag-41f2' })).toHaveLength(2);
    const q = await call(sim, 'GET', '/__sim/submissions?contains=tag-99aa');
    expect((q.body as { count: number }).count).toBe(1);
  });

  it('only submit routes count: uploads, polls and list calls are not submissions', async () => {
    await segmindUpload(picA);
    await wavespeed(sim, 'POST', '/api/v3/predictions', { page: 1, page_size: 10 });
    await segmind(sim, 'GET', '/v2/requests/nope/status');
    expect(sim.control.submissions()).toEqual([]);
    expect(sim.requests).toHaveLength(3);
  });
});

describe('the request log', () => {
  it('records the sha256 of each body as sent, the status answered and the job created', async () => {
    const text = '{"text":"a vase","mesh":null}';
    const res = await fetch(`${sim.url}v2/hunyuan-3d-2`, { method: 'POST', headers: { 'x-api-key': SEGMIND_KEY, 'content-type': 'application/json' }, body: text });
    const id = ((await res.json()) as { request_id: string }).request_id;
    const [r] = sim.control.submissions();
    expect(r!.bodySha256).toBe(sha(text));
    expect(r!.status).toBe(200);
    expect(r!.jobId).toBe(id);
    await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'x', octree_resolution: 1 });
    expect(sim.control.submissions()[1]).toMatchObject({ status: 400 });
    expect(sim.control.submissions()[1]!.jobId).toBeUndefined();
  });

  it('answer-lost: the job exists and is logged with its id, but no status was answered', async () => {
    sim.control.fault('segmind.submit', 'answer-lost');
    await expect(segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'a vase' })).rejects.toThrow();
    const [r] = sim.control.submissions();
    expect(r!.jobId).toMatch(/^\w+$/);
    expect(r!.status).toBeUndefined();
    expect(sim.control.state.jobs.has(r!.jobId!)).toBe(true);
    expect((await segmind(sim, 'GET', `/v2/requests/${r!.jobId}/status`)).status).toBe(200);
  });

  it('answer-stall: the job exists but the answer is held until the client gives up', async () => {
    sim.control.fault('vtrix.create', 'answer-stall');
    const started = Date.now();
    const sent = fetch(`${sim.url}model/v1/generation`, {
      method: 'POST',
      headers: { authorization: 'Bearer vx-123456', 'content-type': 'application/json' },
      body: '{"model":"tencent_hunyuan_3d","prompt":"a kettle"}',
      signal: AbortSignal.timeout(250),
    });
    await expect(sent).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const [r] = sim.control.submissions();
    expect(r!.status).toBeUndefined();
    expect(sim.control.state.jobs.get(r!.jobId!)?.model).toBe('tencent_hunyuan_3d');
  });

  it('GET /__sim/submissions gives counts and fingerprints without headers, so no key', async () => {
    await wavespeed(sim, 'POST', '/api/v3/wavespeed-ai/hunyuan3d/v2-mini', { image: 'https://example.com/a.png' });
    const q = await call(sim, 'GET', '/__sim/submissions?route=wavespeed.submit');
    const body = q.body as { count: number; submissions: { fingerprint: string; jobId: string; status: number }[] };
    expect(body.count).toBe(1);
    expect(body.submissions[0]).toMatchObject({ route: 'wavespeed.submit', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), jobId: expect.any(String), status: 200 });
    expect(JSON.stringify(q.body)).not.toContain(WAVESPEED_KEY);
    const byPrint = await call(sim, 'GET', `/__sim/submissions?fingerprint=${body.submissions[0]!.fingerprint}`);
    expect((byPrint.body as { count: number }).count).toBe(1);
  });
});
