import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalAdapter, localHealth } from '../../../src/main/core/providers/local';
import { fetchResult } from '../../../src/main/core/providers/download';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { startSimulator, type Simulator } from '../../sim/server';
import { makeCtx, model, png, pollToEnd, rejection } from './helpers';

const adapter = createLocalAdapter();
const v20 = model('local/hunyuan3d-2.0');
const v21 = model('local/hunyuan3d-2.1');
let sim: Simulator;
const ctx = () => makeCtx(sim.url, '');

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
    const done = await pollToEnd(adapter, ctx(), v21, sub);
    expect(done.state).toBe('completed');
    if (done.state !== 'completed') return;
    const bytes = await fetchResult('local', ctx(), done.assets[0]!);
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
    expect(await pollToEnd(adapter, ctx(), v21, sub)).toEqual({ state: 'failed', reason: expect.stringContaining('CUDA out of memory') });
  });

  it('2.0: gives up on a job that stays "processing" past the deadline', async () => {
    sim.control.configure({ localVersion: '2.0', failJobs: true });
    let clock = 1_000_000;
    const timed = createLocalAdapter({ maxRunMs: 60_000, now: () => clock });
    const sub = await timed.submit(ctx(), v20, await timed.prepareInputs(ctx(), v20, { kind: 'image', image: png() }), {});
    expect((await timed.check(ctx(), v20, sub)).state).toBe('progress');
    clock += 61_000;
    expect(await timed.check(ctx(), v20, sub)).toMatchObject({ state: 'failed', providerCode: 'deadline', reason: expect.stringMatching(/not finished after 1 minute;/) });
  });

  it('synchronous /generate returns the GLB bytes with the submit', async () => {
    const sync = createLocalAdapter({ synchronous: true });
    const sub = await sync.submit(ctx(), v21, await sync.prepareInputs(ctx(), v21, { kind: 'image', image: png() }), {});
    expect(sim.control.requestsTo('local.generate')).toHaveLength(1);
    const asset = sub.immediate?.assets[0];
    expect(asset && 'bytes' in asset ? Buffer.from(asset.bytes.subarray(0, 4)).toString() : '').toBe('glTF');
  });

  it('/generate’s error answer (404 {text, error_code}) becomes a sentence with the server’s text', async () => {
    const sync = createLocalAdapter({ synchronous: true });
    const err = await rejection<ProviderError>(sync.submit(ctx(), v21, { fields: { image: 'bm90IGFuIGltYWdl' } }, {}));
    expect(err.kind).toBe('server');
    expect(err.message).toMatch(/could not make this model: “NETWORK ERROR DUE TO HIGH TRAFFIC/);
  });

  it('2.1 refuses an out-of-range field with 422; the app refuses it first, naming the field', async () => {
    const err = await rejection<ProviderError>(adapter.submit(ctx(), v21, { fields: { image: 'x' } }, { num_inference_steps: 30 }));
    expect(err.message).toBe('Inference steps must be between 1 and 20.');
    expect(sim.requests).toHaveLength(0);
    const res = await fetch(`${sim.url}send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ image: Buffer.from(png().bytes).toString('base64'), num_inference_steps: 30 }) });
    expect(res.status).toBe(422);
  });

  it('health: 2.1 answers healthy, 2.0 has no /health', async () => {
    expect(await localHealth(ctx())).toEqual({ ok: true, message: 'Your Hunyuan3D server is up.' });
    sim.control.configure({ localVersion: '2.0' });
    expect((await localHealth(ctx())).message).toMatch(/no health check/);
  });
});
