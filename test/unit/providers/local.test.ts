import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalAdapter } from '../../../src/main/core/providers/local';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { startSimulator, type Simulator } from '../../sim/server';
import { forgetSecret, registerSecret } from '../../../src/main/core/log';
import { downloaded, makeCtx, model, png, pollToEnd, rejection } from './helpers';

const adapter = createLocalAdapter();
const v20 = model('local/hunyuan3d-2.0');
const v21 = model('local/hunyuan3d-2.1');
let sim: Simulator;
const ctx = (extra: Parameters<typeof makeCtx>[2] = {}) => makeCtx(sim.url, '', extra);

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

describe('self-hosted Hunyuan3D server', () => {
  it('2.1: sends raw base64 and the 2.1 parameters to /send, then decodes model_base64 into a GLB', async () => {
    const image = png();
    const prepared = await adapter.prepareInputs(ctx(), v21, { kind: 'image', image });
    const sub = await adapter.submit(ctx(), v21, prepared, { texture: true });
    const [sent] = sim.control.requestsTo('local.send');
    expect(sent!.headers.authorization).toBeUndefined();
    expect(sent!.headers['x-api-key']).toBeUndefined();
    expect(sent!.body).toEqual({
      image: Buffer.from(image.bytes).toString('base64'),
      seed: 1234, guidance_scale: 5, texture: true, face_count: 40000, octree_resolution: 256,
      num_inference_steps: 5, remove_background: true, num_chunks: 8000,
    });
    const done = await pollToEnd(adapter, ctx(), sub.ref);
    expect(done.state).toBe('completed');
    if (done.state !== 'completed') return;
    const { bytes } = await downloaded('local', ctx(), done.assets[0]!);
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('glTF');
  });

  it('2.0: sends only the 2.0 parameter set', async () => {
    sim.control.configure({ localVersion: '2.0' });
    const prepared = await adapter.prepareInputs(ctx(), v20, { kind: 'image', image: png() });
    await adapter.submit(ctx(), v20, prepared, {});
    expect(Object.keys(sim.control.requestsTo('local.send')[0]!.body as object).sort()).toEqual(
      ['face_count', 'guidance_scale', 'image', 'num_inference_steps', 'octree_resolution', 'seed', 'texture'],
    );
  });

  it('2.1: reports a job that ended in "error" with the server’s message', async () => {
    sim.control.configure({ failJobs: true });
    const sub = await adapter.submit(ctx(), v21, await adapter.prepareInputs(ctx(), v21, { kind: 'image', image: png() }), {});
    expect(await pollToEnd(adapter, ctx(), sub.ref)).toEqual({ state: 'failed', reason: expect.stringContaining('CUDA out of memory') });
  });

  it('2.1: the simulator answers a failed job with HTTP 500 {status:"error"} as Tencent’s server does, and the adapter reads it as failed, not retry', async () => {
    sim.control.configure({ failJobs: true, durationMs: 0 });
    const sub = await adapter.submit(ctx(), v21, await adapter.prepareInputs(ctx(), v21, { kind: 'image', image: png() }), {});
    const raw = await fetch(`${sim.url}status/${sub.ref.remoteId}`);
    expect(raw.status).toBe(500);
    expect(await raw.json()).toEqual({ status: 'error', message: 'Generation failed: CUDA out of memory' });
    expect(await adapter.check(ctx(), sub.ref)).toEqual({ state: 'failed', reason: 'Your Hunyuan3D server could not make this model: Generation failed: CUDA out of memory' });
  });

  it('2.1: an ordinary 500 from /status (not an "error" body) is still a retry', async () => {
    const sub = await adapter.submit(ctx(), v21, await adapter.prepareInputs(ctx(), v21, { kind: 'image', image: png() }), {});
    sim.control.fault('local.status', '500');
    expect(await adapter.check(ctx(), sub.ref)).toMatchObject({ state: 'retry-after', kind: 'server' });
  });

  it('the job is stamped with the engine\'s clock, and the stored ref names the route, model and format', async () => {
    const at = 1_700_000_000_000;
    const sub = await adapter.submit(ctx({ now: () => at }), v21, await adapter.prepareInputs(ctx(), v21, { kind: 'image', image: png() }), {});
    expect(sub.ref).toEqual({ provider: 'local', remoteId: expect.stringMatching(/^[A-Za-z0-9._:-]+$/), route: 'async', remoteModel: v21.remoteModel, outputFormat: 'glb', submittedAt: at });
    // Plain JSON: what the engine stores is what it checks with after a restart.
    expect((await pollToEnd(adapter, ctx(), JSON.parse(JSON.stringify(sub.ref)))).state).toBe('completed');
  });

  it('a failure message from the server is redacted and cut short', async () => {
    const secret = 'local-secret-token-4242';
    registerSecret(secret);
    try {
      sim.control.configure({ failJobs: true, durationMs: 0 });
      const sub = await adapter.submit(ctx(), v21, await adapter.prepareInputs(ctx(), v21, { kind: 'image', image: png() }), {});
      sim.control.state.jobs.get(sub.ref.remoteId)!.failMessage = `token ${secret} ${'w'.repeat(1000)}`;
      const r = await adapter.check(ctx(), sub.ref);
      expect(r.state).toBe('failed');
      if (r.state !== 'failed') return;
      expect(r.reason).not.toContain(secret);
      expect(r.reason).toContain('[redacted]');
      expect(r.reason.length).toBeLessThan(400);
      expect(r.reason.endsWith('…')).toBe(true);
    } finally {
      forgetSecret(secret);
    }
  });

  it('2.0: a job stuck at "processing" stays in progress however late it is; the deadline is the engine\'s', async () => {
    sim.control.configure({ localVersion: '2.0', failJobs: true });
    const sub = await adapter.submit(ctx({ now: () => 1_000_000 }), v20, await adapter.prepareInputs(ctx(), v20, { kind: 'image', image: png() }), {});
    expect(await adapter.check(ctx({ now: () => 1_000_000 + 24 * 3_600_000 }), sub.ref)).toMatchObject({ state: 'progress', phase: 'running' });
  });

  it('a stored id that could change the URL is refused before any request', async () => {
    const before = sim.control.state.requests.length;
    const bad = { provider: 'local' as const, remoteId: '../health', route: 'async' as const, remoteModel: v21.remoteModel, outputFormat: 'glb' as const, submittedAt: 0 };
    expect(await rejection<ProviderError>(adapter.check(ctx(), bad))).toMatchObject({ kind: 'malformed' });
    expect(sim.control.state.requests.length).toBe(before);
  });

  it('synchronous /generate returns the GLB bytes with the submit', async () => {
    const sync = createLocalAdapter({ synchronous: true });
    const sub = await sync.submit(ctx(), v21, await sync.prepareInputs(ctx(), v21, { kind: 'image', image: png() }), {});
    expect(sim.control.requestsTo('local.generate')).toHaveLength(1);
    const asset = sub.immediate?.assets[0];
    expect(asset && 'bytes' in asset ? Buffer.from(asset.bytes.subarray(0, 4)).toString() : '').toBe('glTF');
  });

  it('/generate’s error answer (404 {text, error_code}) becomes a sentence with the server’s text, not a retry', async () => {
    const sync = createLocalAdapter({ synchronous: true });
    const err = await rejection<ProviderError>(sync.submit(ctx(), v21, { fields: { image: 'bm90IGFuIGltYWdl' } }, {}));
    expect(err.kind).toBe('invalid');
    expect(err.retryable).toBe(false);
    expect(err.mayHaveStarted).toBe(false);
    expect(err.providerCode).toBe('1');
    expect(err.message).toMatch(/could not make this model: “NETWORK ERROR DUE TO HIGH TRAFFIC/);
  });

  it('/generate at a wrong address (FastAPI’s own 404) says to check the endpoint', async () => {
    const sync = createLocalAdapter({ synchronous: true });
    const err = await rejection<ProviderError>(sync.submit(makeCtx(`${sim.url}nope`, ''), v21, { fields: { image: 'bm90IGFuIGltYWdl' } }, {}));
    expect(err.kind).toBe('not-found');
    expect(err.message).toMatch(/Check the server’s address in Settings/);
  });

  it('/generate is a paid call: an answer lost after sending may have started the job', async () => {
    const sync = createLocalAdapter({ synchronous: true });
    sim.control.configure({ stallMs: 5_000 });
    sim.control.fault('local.generate', 'stall');
    const err = await rejection<ProviderError>(sync.submit(makeCtx(sim.url, '', { syncHeadersMs: 300 }), v21, { fields: { image: Buffer.from(png().bytes).toString('base64') } }, {}));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/did not answer in [\d.]+ seconds?\..*may have started/);
    expect(err.mayHaveStarted).toBe(true);
    expect(err.retryable).toBe(false);
  });

  it('/generate waits for the model even when the caller’s headers timeout is short', async () => {
    sim.control.configure({ durationMs: 600 });
    const sync = createLocalAdapter({ synchronous: true });
    const short = makeCtx(sim.url, '', { timeouts: { connectMs: 1_000, headersMs: 150, bodyMs: 1_000 } });
    const sub = await sync.submit(short, v21, await sync.prepareInputs(short, v21, { kind: 'image', image: png() }), {});
    expect(sub.immediate?.state).toBe('completed');
  });

  it('2.1 refuses an out-of-range field with 422; the app refuses it first, naming the field', async () => {
    const err = await rejection<ProviderError>(adapter.submit(ctx(), v21, { fields: { image: 'x' } }, { num_inference_steps: 30 }));
    expect(err.message).toBe('Inference steps must be between 1 and 20.');
    expect(sim.requests).toHaveLength(0);
    const res = await fetch(`${sim.url}send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ image: Buffer.from(png().bytes).toString('base64'), num_inference_steps: 30 }) });
    expect(res.status).toBe(422);
  });
});
