import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVtrixAdapter, vtrixPercent } from '../../../src/main/core/providers/vtrix';
import { matchesFormat } from '../../../src/main/core/downloads/magic';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import type { OutputFormat } from '../../../src/shared/catalog';
import { startSimulator, type Simulator } from '../../sim/server';
import { downloaded, makeCtx, model, png, pollToEnd, rejection } from './helpers';

const KEY = 'vx-test-0a1b2c3d4e5f6789';
const adapter = createVtrixAdapter();
const m = model('vtrix/tencent_hunyuan_3d');
let sim: Simulator;
const ctx = () => makeCtx(sim.url, KEY);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

describe('Vtrix tencent_hunyuan_3d', () => {
  it('inlines one picture as image_base64 in the documented envelope, with Bearer auth', async () => {
    const image = png();
    const prepared = await adapter.prepareInputs(ctx(), m, { kind: 'image', image });
    expect(sim.requests).toHaveLength(0); // nothing to upload
    const sub = await adapter.submit(ctx(), m, prepared, { enable_pbr: true });
    const [sent] = sim.control.requestsTo('vtrix.create');
    expect(sent!.path).toBe('/model/v1/generation');
    expect(sent!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent!.body).toEqual({ model: 'tencent_hunyuan_3d', input: [{ params: { image_base64: b64(image.bytes), result_format: 'GLB', enable_pbr: true } }] });
    const done = await pollToEnd(adapter, ctx(), sub.ref);
    expect(done).toMatchObject({ state: 'completed', costUsd: 0.2, assets: [{ format: 'glb' }] });
  });

  it('sends a text prompt as prompt', async () => {
    const prepared = await adapter.prepareInputs(ctx(), m, { kind: 'text', text: 'a brass teapot' });
    await adapter.submit(ctx(), m, prepared, {});
    expect(sim.control.requestsTo('vtrix.create')[0]!.body).toEqual({
      model: 'tencent_hunyuan_3d', input: [{ params: { prompt: 'a brass teapot', result_format: 'GLB', enable_pbr: false } }],
    });
  });

  it('sends extra views as multi_view_images with View and ImageBase64', async () => {
    const views = { front: png(), back: png(130), left: png(140), right: png(150) };
    const prepared = await adapter.prepareInputs(ctx(), m, { kind: 'views', views });
    await adapter.submit(ctx(), m, prepared, {});
    const params = (sim.control.requestsTo('vtrix.create')[0]!.body as { input: [{ params: Record<string, unknown> }] }).input[0].params;
    expect(params.image_base64).toBe(b64(views.front.bytes));
    expect(params.multi_view_images).toEqual([
      { View: 'back', ImageBase64: b64(views.back.bytes) },
      { View: 'left', ImageBase64: b64(views.left.bytes) },
      { View: 'right', ImageBase64: b64(views.right.bytes) },
    ]);
  });

  it.each([
    ['GLB', 'glb'], ['OBJ', 'obj'], ['STL', 'stl'], ['USDZ', 'usdz'], ['FBX', 'fbx'], ['MP4', 'mp4'],
  ] as const)('result format %s arrives as %s, read from `format` (not `type`) and matching its bytes', async (wire, format) => {
    const sub = await adapter.submit(ctx(), m, { fields: { prompt: 'a cube' } }, { result_format: wire });
    const done = await pollToEnd(adapter, ctx(), sub.ref);
    expect(done.state).toBe('completed');
    if (done.state !== 'completed') return;
    expect(done.assets).toHaveLength(1);
    expect(done.assets[0]!.format).toBe(format);
    const { bytes } = await downloaded('vtrix', ctx(), done.assets[0]!);
    expect(matchesFormat(bytes, format as OutputFormat)).toBe(true);
  });

  it('reports progress while the task runs', async () => {
    const sub = await adapter.submit(ctx(), m, { fields: { prompt: 'a cube' } }, {});
    sim.control.state.jobs.get(sub.ref.remoteId)!.durationMs = 10_000;
    const r = await adapter.check(ctx(), sub.ref);
    expect(r).toMatchObject({ state: 'progress', phase: 'running', providerStatus: 'in_progress' });
  });

  it('reports a failed task with its message and Tencent error code', async () => {
    sim.control.configure({ failJobs: true });
    const sub = await adapter.submit(ctx(), m, { fields: { prompt: 'a cube' } }, {});
    const end = await pollToEnd(adapter, ctx(), sub.ref);
    expect(end).toEqual({ state: 'failed', reason: expect.stringMatching(/could not be separated.*generator failed/), providerCode: '13002095' });
  });

  it('refuses a picture over 8 MB once encoded, before any request', async () => {
    const big = { bytes: new Uint8Array(6_400_000), mime: 'image/png' as const, width: 4000, height: 4000 };
    const err = await rejection<ProviderError>(adapter.prepareInputs(ctx(), m, { kind: 'image', image: big }));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/8 MB/);
    expect(sim.requests).toHaveLength(0);
  });

  it('refuses a prompt longer than 1024 characters and an unknown result format, naming the field', async () => {
    const long = await rejection<ProviderError>(adapter.prepareInputs(ctx(), m, { kind: 'text', text: 'x'.repeat(1025) }));
    expect(long.message).toBe('The prompt must be at most 1024 characters.');
    const fmt = await rejection<ProviderError>(adapter.submit(ctx(), m, { fields: { prompt: 'a' } }, { result_format: 'GLTF' }));
    expect(fmt.message).toBe('Result format must be one of GLB, OBJ, STL, USDZ, FBX, MP4.');
    expect(sim.requests).toHaveLength(0);
  });

  it('the simulator refuses two primary inputs at once, as the service does', async () => {
    const err = await rejection<ProviderError>(adapter.submit(ctx(), m, { fields: { prompt: 'a', image_url: 'https://example.com/a.png' } }, {}));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/exactly one of prompt, image_url or image_base64/);
  });

  const front = () => b64(png().bytes);
  it.each([
    ['a view outside left|right|back', [{ View: 'front', ImageBase64: b64(png(130).bytes) }], /View must be one of left, right, back/],
    ['invalid base64', [{ View: 'left', ImageBase64: '!!not base64!!' }], /ImageBase64 \(left\) is not valid base64/],
    ['both ImageUrl and ImageBase64', [{ View: 'left', ImageBase64: b64(png(130).bytes), ImageUrl: 'https://example.com/l.png' }], /exactly one of ImageUrl or ImageBase64/],
    ['neither ImageUrl nor ImageBase64', [{ View: 'back' }], /exactly one of ImageUrl or ImageBase64/],
    ['a duplicate view', [{ View: 'left', ImageBase64: b64(png(130).bytes) }, { View: 'left', ImageBase64: b64(png(131).bytes) }], /duplicate View left/],
    ['not an array', { View: 'left' }, /multi_view_images must be an array/],
  ])('the simulator checks multi_view_images alongside image_base64 too: %s is refused', async (_what, views, text) => {
    const err = await rejection<ProviderError>(adapter.submit(ctx(), m, { fields: { image_base64: front(), multi_view_images: views } }, {}));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(text);
    expect(sim.control.state.jobs.size).toBe(0);
  });

  it('the simulator takes well-formed views alongside image_base64 or image_url', async () => {
    const views = [{ View: 'left', ImageBase64: b64(png(130).bytes) }, { View: 'back', ImageUrl: 'https://example.com/b.png' }];
    await adapter.submit(ctx(), m, { fields: { image_base64: front(), multi_view_images: views } }, {});
    await adapter.submit(ctx(), m, { fields: { image_url: 'https://example.com/f.png', multi_view_images: views } }, {});
    expect(sim.control.state.jobs.size).toBe(2);
  });

  it('reads progress as percent (seed 003 gives no scale): 1 is 1 %, not 100 %', async () => {
    const sub = await adapter.submit(ctx(), m, { fields: { prompt: 'a cube' } }, {});
    const job = sim.control.state.jobs.get(sub.ref.remoteId)!;
    job.durationMs = 100_000;
    job.createdAt = Date.now() - 1_000;
    expect(await adapter.check(ctx(), sub.ref)).toMatchObject({ state: 'progress', percent: 1 });
  });

  it('takes only a clearly fractional progress (non-integer ≤ 1) as a fraction', () => {
    expect([0, 1, 0.5, 0.25, 42, 99.5, 150, -3, '37', '', null, 'soon'].map(vtrixPercent)).toEqual([0, 1, 50, 25, 42, 99.5, 100, 0, 37, undefined, undefined, undefined]);
  });

  it.each([
    [null, undefined],
    ['', undefined],
    ['  ', undefined],
    ['n/a', undefined],
    ['0.2000', 0.2],
    ['0', 0],
  ])('usage.cost %j gives costUsd %s (missing billing data is no cost, not zero)', async (cost, want) => {
    sim.control.configure({ vtrixCost: cost, durationMs: 0 });
    const sub = await adapter.submit(ctx(), m, { fields: { prompt: 'a cube' } }, {});
    const done = await adapter.check(ctx(), sub.ref);
    expect(done.state).toBe('completed');
    if (done.state !== 'completed') return;
    expect(done.costUsd).toBe(want);
    expect('costUsd' in done).toBe(want !== undefined);
  });

  it('a failure message that quotes the key comes out redacted', async () => {
    sim.control.configure({ failJobs: true, echoKeyInFailure: true, durationMs: 0 });
    const sub = await adapter.submit(ctx(), m, { fields: { prompt: 'a cube' } }, {});
    const raw = await fetch(`${sim.url}model/v1/generation/task/${sub.ref.remoteId}`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(JSON.stringify(await raw.json())).toContain(KEY);
    const end = await adapter.check(ctx(), sub.ref);
    expect(end).toMatchObject({ state: 'failed', reason: expect.stringContaining('[redacted]'), providerCode: '13002095' });
    expect(JSON.stringify(end)).not.toContain(KEY);
  });
});
