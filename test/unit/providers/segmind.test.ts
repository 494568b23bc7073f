import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSegmindAdapter, findAssets, segmindUploadBase } from '../../../src/main/core/providers/segmind';
import { describeInputs } from '../../../src/main/core/providers/inputs';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { startSimulator, type Simulator } from '../../sim/server';
import { downloaded, makeCtx, model, png, pollToEnd, rejection } from './helpers';

const KEY = 'sg-test-5e8a1c77f0d24e3b';
const adapter = createSegmindAdapter();
const hy2 = model('segmind/hunyuan-3d-2');
const mv = model('segmind/hunyuan3d-2mv');
let sim: Simulator;
const ctx = () => makeCtx(sim.url, KEY);
const defaults2 = { octree_resolution: 256, num_inference_steps: 30, guidance_scale: 5.5, seed: -1, texture: false, face_count: 40000 };

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

describe('Segmind hunyuan-3d-2 (async v2)', () => {
  it('uploads the picture, submits the exact documented body with x-api-key, and completes with a GLB', async () => {
    const prepared = await adapter.prepareInputs(ctx(), hy2, { kind: 'image', image: png() });
    const upload = sim.control.requestsTo('segmind.upload');
    expect(upload).toHaveLength(1);
    expect(upload[0]!.headers['x-api-key']).toBe(KEY);
    expect(upload[0]!.body).toEqual({ data_urls: [`data:image/png;base64,${Buffer.from(png().bytes).toString('base64')}`] });

    const sub = await adapter.submit(ctx(), hy2, prepared, { num_inference_steps: 40 });
    const sent = sim.control.requestsTo('segmind.submit');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe('/v2/hunyuan-3d-2');
    expect(sent[0]!.headers['x-api-key']).toBe(KEY);
    expect(sent[0]!.headers.authorization).toBeUndefined();
    expect(sent[0]!.body).toEqual({ image: prepared.fields.image, mesh: null, ...defaults2, num_inference_steps: 40 });

    const done = await pollToEnd(adapter, ctx(), sub.ref);
    expect(done.state).toBe('completed');
    if (done.state !== 'completed') return;
    expect(done.assets).toEqual([{ url: expect.stringMatching(/\/files\/\w+\/model\.glb$/), format: 'glb' }]);
    expect(done.costUsd).toBeCloseTo(0.0475);
    expect(done.metrics?.inference_time).toBeCloseTo(36.5);
    const { bytes } = await downloaded('segmind', ctx(), done.assets[0]!);
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('glTF');
    expect(sim.control.requestsTo('segmind.status').length).toBeGreaterThanOrEqual(1);
    expect(sim.control.requestsTo('segmind.result')).toHaveLength(1);
  });

  it('sends a text prompt without uploading anything', async () => {
    const prepared = await adapter.prepareInputs(ctx(), hy2, { kind: 'text', text: 'a red armchair' });
    await adapter.submit(ctx(), hy2, prepared, {});
    expect(sim.control.requestsTo('segmind.upload')).toHaveLength(0);
    expect(sim.control.requestsTo('segmind.submit')[0]!.body).toEqual({ text: 'a red armchair', mesh: null, ...defaults2 });
  });

  it('reads the older upload answer that names the list file_urls', async () => {
    sim.control.configure({ segmindUploadField: 'file_urls' });
    const prepared = await adapter.prepareInputs(ctx(), hy2, { kind: 'image', image: png() });
    expect(prepared.fields.image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/assets\//);
  });

  it('refuses an out-of-range value before any request, naming the field', async () => {
    const err = await rejection<ProviderError>(adapter.submit(ctx(), hy2, { fields: { image: 'https://x/y.png' } }, { num_inference_steps: 60 }));
    expect(err.kind).toBe('invalid');
    expect(err.message).toBe('Inference steps must be between 20 and 50.');
    expect(sim.requests).toHaveLength(0);
  });

  it('reports a FAILED job (HTTP 422) with Segmind’s reason', async () => {
    sim.control.configure({ failJobs: true });
    const sub = await adapter.submit(ctx(), hy2, { fields: { text: 'x' } }, {});
    const end = await pollToEnd(adapter, ctx(), sub.ref);
    expect(end).toEqual({ state: 'failed', reason: expect.stringContaining('could not be separated'), providerCode: 'FAILED' });
  });

  it('treats an unknown or expired request id (404) as expired, not as retry', async () => {
    sim.control.configure({ retentionMs: 0 });
    const sub = await adapter.submit(ctx(), hy2, { fields: { text: 'x' } }, {});
    await new Promise((r) => setTimeout(r, 5));
    const r = await adapter.check(ctx(), sub.ref);
    expect(r.state).toBe('expired');
    if (r.state === 'expired') expect(r.reason).toMatch(/one hour/);
  });

  it('sends mesh: null, which satisfies even a Segmind that reads seed 000’s "required" literally', async () => {
    sim.control.configure({ segmindMeshRequired: true });
    await adapter.submit(ctx(), hy2, { fields: { text: 'a stool' } }, {});
    expect(sim.control.requestsTo('segmind.submit')[0]!.body).toEqual({ text: 'a stool', mesh: null, ...defaults2 });
  });

  it('a failure reason that quotes the key comes out redacted and bounded', async () => {
    sim.control.configure({ failJobs: true, echoKeyInFailure: true, durationMs: 0 });
    const sub = await adapter.submit(ctx(), hy2, { fields: { text: 'x' } }, {});
    const raw = await fetch(`${sim.url}v2/requests/${sub.ref.remoteId}/status`, { headers: { 'x-api-key': KEY } });
    expect(JSON.stringify(await raw.json())).toContain(KEY); // the simulator really echoes it
    const end = await adapter.check(ctx(), sub.ref);
    expect(end.state).toBe('failed');
    if (end.state !== 'failed') return;
    expect(end.reason).not.toContain(KEY);
    expect(end.reason).toContain('[redacted]');
    sim.control.state.jobs.get(sub.ref.remoteId)!.failMessage = 'e'.repeat(5000);
    const long = await adapter.check(ctx(), sub.ref);
    expect(long.state === 'failed' && long.reason.length).toBeLessThan(400);
  });

  it.each([
    ['401', 'auth', /did not accept the API key.*Settings → Keys/],
    ['500', 'server', /server problem \(HTTP 500\)\. This usually passes\.$/],
    ['429', 'rate-limited', /HTTP 429/],
  ] as const)('a %s from upload-asset is %s, before any job exists', async (fault, kind, text) => {
    sim.control.fault('segmind.upload', fault);
    const err = await rejection<ProviderError>(adapter.prepareInputs(ctx(), hy2, { kind: 'image', image: png() }));
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(text);
    expect(err.mayHaveStarted).toBe(false);
    expect(err.message).not.toContain(KEY);
    expect(sim.control.requestsTo('segmind.submit')).toHaveLength(0);
  });

  it('uses workflows-api.segmind.com for uploads only when talking to the public endpoint', () => {
    expect(segmindUploadBase('https://api.segmind.com')).toBe('https://workflows-api.segmind.com');
    expect(segmindUploadBase('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
  });
});

describe('Segmind hunyuan3d-2mv', () => {
  const views = { front: png(), back: png(130), left: png(132), right: png(134) };

  it('uploads four views in one call and submits them under the documented names (v2)', async () => {
    const prepared = await adapter.prepareInputs(ctx(), mv, { kind: 'views', views });
    expect((sim.control.requestsTo('segmind.upload')[0]!.body as { data_urls: string[] }).data_urls).toHaveLength(4);
    const sub = await adapter.submit(ctx(), mv, prepared, { file_type: 'obj' });
    const body = sim.control.requestsTo('segmind.submit')[0]!.body as Record<string, unknown>;
    expect(body).toEqual({
      front_image: prepared.fields.front_image, back_image: prepared.fields.back_image,
      left_image: prepared.fields.left_image, right_image: prepared.fields.right_image,
      file_type: 'obj', steps: 30, guidance_scale: 5, octree_resolution: 256, seed: -1,
      randomize_seed: false, remove_background: true, target_face_num: 10000, num_chunks: 200000,
    });
    const done = await pollToEnd(adapter, ctx(), sub.ref);
    expect(done.state).toBe('completed');
    if (done.state !== 'completed') return;
    expect(done.assets[0]!.format).toBe('obj');
    // The zip (OBJ + MTL + texture) is unpacked where the job keeps its outputs; the .obj opens.
    const saved = await downloaded('segmind', ctx(), done.assets[0]!);
    expect(saved.primary).toMatch(/\.obj$/);
    expect(saved.files.map((f) => f.format)).toEqual(expect.arrayContaining(['obj', 'mtl']));
  });

  it('falls back to synchronous v1 when v2 answers 404, and takes the model bytes it returns', async () => {
    sim.control.configure({ segmindV2Models: ['hunyuan-3d-2'] });
    const prepared = await adapter.prepareInputs(ctx(), mv, { kind: 'views', views: { front: png() } });
    const sub = await adapter.submit(ctx(), mv, prepared, { file_type: 'stl' });
    expect(sim.control.requestsTo('segmind.submit')).toHaveLength(1);
    const v1 = sim.control.requestsTo('segmind.v1');
    expect(v1).toHaveLength(1);
    expect(v1[0]!.path).toBe('/v1/hunyuan3d-2mv');
    expect(v1[0]!.body).toMatchObject({ front_image: prepared.fields.front_image, file_type: 'stl' });
    expect(sub.immediate?.costUsd).toBeCloseTo(0.31);
    const asset = sub.immediate?.assets[0];
    expect(asset && 'bytes' in asset && asset.format).toBe('stl');
    expect((await downloaded('segmind', ctx(), asset!)).bytes).toHaveLength(684);
    expect(sub.ref).toMatchObject({ provider: 'segmind', route: 'sync', remoteModel: 'hunyuan3d-2mv', outputFormat: 'stl' });
    // Nothing to ask again: the result came with the answer, and no request is made for it.
    const before = sim.control.state.requests.length;
    expect((await adapter.check(ctx(), sub.ref)).state).toBe('expired');
    expect(sim.control.state.requests.length).toBe(before);
  });

  it('v1 waits for the model even when the caller’s headers timeout is short; syncHeadersMs shortens it on purpose', async () => {
    sim.control.configure({ segmindV2Models: [], durationMs: 600 });
    const short = makeCtx(sim.url, KEY, { timeouts: { connectMs: 1_000, headersMs: 150, bodyMs: 1_000 } });
    const sub = await adapter.submit(short, mv, { fields: { front_image: 'https://example.com/f.png' } }, {});
    expect(sub.immediate?.state).toBe('completed');
    const err = await rejection<ProviderError>(adapter.submit(makeCtx(sim.url, KEY, { syncHeadersMs: 150 }), mv, { fields: { front_image: 'https://example.com/f.png' } }, {}));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/did not answer in [\d.]+ seconds?\..*may have started/);
  });

  it('a view given as undefined is no view: uploads and fields hold only the real ones', async () => {
    const prepared = await adapter.prepareInputs(ctx(), mv, { kind: 'views', views: { front: png(), back: undefined, left: png(132) } });
    expect((sim.control.requestsTo('segmind.upload')[0]!.body as { data_urls: string[] }).data_urls).toHaveLength(2);
    expect(Object.keys(prepared.fields).sort()).toEqual(['front_image', 'left_image']);
    expect(describeInputs({ kind: 'views', views: { front: png(), back: undefined } })).toEqual({ views: ['front'] });
  });

  it('takes a v1 JSON answer with an output URL', async () => {
    sim.control.configure({ segmindV2Models: [], segmindV1Answer: 'json' });
    const sub = await adapter.submit(ctx(), mv, { fields: { front_image: 'https://example.com/f.png' } }, {});
    expect(sub.immediate?.assets).toEqual([{ url: expect.stringMatching(/model\.glb$/), format: 'glb' }]);
  });

  it('refuses a job without the required front view before uploading', async () => {
    const err = await rejection<ProviderError>(adapter.prepareInputs(ctx(), mv, { kind: 'views', views: { back: png() } as never }));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/needs a front view/);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('Segmind result scan', () => {
  it('uses the fallback format only for an output URL without an extension', () => {
    expect(findAssets({ output: 'https://cdn.segmind.com/out/7f3a' }, 'glb')).toEqual([{ url: 'https://cdn.segmind.com/out/7f3a', format: 'glb' }]);
    expect(findAssets({ output: 'https://cdn.segmind.com/out/model.obj' }, 'glb')).toEqual([{ url: 'https://cdn.segmind.com/out/model.obj', format: 'obj' }]);
  });

  it('does not label a .png preview as a model', () => {
    expect(findAssets({ output: 'https://cdn.segmind.com/out/preview.png' }, 'glb')).toEqual([]);
    expect(findAssets({ output: ['https://cdn.segmind.com/out/preview.png', 'https://cdn.segmind.com/out/model.glb'] }, 'glb')).toEqual([
      { url: 'https://cdn.segmind.com/out/model.glb', format: 'glb' },
    ]);
  });

  it('skips URLs the job was given: an echoed input mesh or image is not a result', () => {
    const body = {
      status: 'COMPLETED',
      output: 'https://cdn.segmind.com/out/result.glb',
      mesh: 'https://example.com/in/mesh.glb',
      input: { mesh: 'https://example.com/in/other.glb', image: 'https://example.com/in/photo.png' },
    };
    expect(findAssets(body, 'glb')).toEqual([{ url: 'https://cdn.segmind.com/out/result.glb', format: 'glb' }]);
    expect(findAssets({ result: { files: ['https://example.com/in/mesh.glb', 'https://cdn.segmind.com/x.stl'] } }, 'glb', ['https://example.com/in/mesh.glb'])).toEqual([
      { url: 'https://cdn.segmind.com/x.stl', format: 'stl' },
    ]);
  });
});
