import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWaveSpeedAdapter } from '../../../src/main/core/providers/wavespeed';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { startSimulator, type Simulator } from '../../sim/server';
import { downloaded, makeCtx, model, png, pollToEnd, rejection } from './helpers';

const KEY = 'ws-test-91b0c3d2e4f5a6b7';
const adapter = createWaveSpeedAdapter();
let sim: Simulator;
const ctx = () => makeCtx(sim.url, KEY);

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

describe('WaveSpeed single-image models', () => {
  it.each(['wavespeed/hunyuan3d/v2-mini', 'wavespeed/hunyuan3d/v2-base', 'wavespeed/hunyuan3d/v2.1'])(
    '%s: uploads in two steps, submits {image} with Bearer auth and completes with a GLB',
    async (id) => {
      const m = model(id);
      const image = png();
      const prepared = await adapter.prepareInputs(ctx(), m, { kind: 'image', image });
      const [ticket] = sim.control.requestsTo('wavespeed.upload-ticket');
      expect(ticket!.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(ticket!.body).toEqual({ filename: 'image.png', size: image.bytes.byteLength, content_type: 'image/png' });
      const [put] = sim.control.requestsTo('files.put');
      expect(put!.headers.authorization).toBeUndefined();
      expect(put!.headers['content-type']).toBe('image/png');
      expect(put!.body).toEqual({ bytes: image.bytes.byteLength, contentType: 'image/png' });

      const sub = await adapter.submit(ctx(), m, prepared, {});
      const [sent] = sim.control.requestsTo('wavespeed.submit');
      expect(sent!.path).toBe(`/api/v3/${m.remoteModel}`);
      expect(sent!.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(sent!.body).toEqual({ image: prepared.fields.image });

      const done = await pollToEnd(adapter, ctx(), sub.ref);
      expect(done.state).toBe('completed');
      if (done.state !== 'completed') return;
      expect(done.assets).toEqual([{ url: expect.stringMatching(/model\.glb$/), format: 'glb' }]);
      expect(done.metrics?.inference_ms).toBeGreaterThanOrEqual(0);
      // The result URL is built by the adapter: every poll used the clean path, never urls.get's double slash.
      for (const r of sim.control.requestsTo('wavespeed.result')) expect(r.path).toBe(`/api/v3/predictions/${sub.ref.remoteId}/result`);
      const { bytes } = await downloaded('wavespeed', ctx(), done.assets[0]!);
      expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('glTF');
    },
  );
});

describe('WaveSpeed multi-view', () => {
  const m = model('wavespeed/hunyuan3d/v2-multi-view');

  it('uploads front, back and left and submits the documented field names and parameters', async () => {
    const prepared = await adapter.prepareInputs(ctx(), m, { kind: 'views', views: { front: png(), back: png(130), left: png(140) } });
    expect(sim.control.requestsTo('wavespeed.upload-ticket').map((r) => (r.body as { filename: string }).filename)).toEqual(['front.png', 'back.png', 'left.png']);
    await adapter.submit(ctx(), m, prepared, { textured_mesh: true, seed: 42 });
    expect(sim.control.requestsTo('wavespeed.submit')[0]!.body).toEqual({
      front_image_url: prepared.fields.front_image_url,
      back_image_url: prepared.fields.back_image_url,
      left_image_url: prepared.fields.left_image_url,
      seed: 42, num_inference_steps: 50, guidance_scale: 7.5, octree_resolution: 256, textured_mesh: true,
    });
  });

  it('refuses a missing required view before uploading anything', async () => {
    const err = await rejection<ProviderError>(adapter.prepareInputs(ctx(), m, { kind: 'views', views: { front: png(), back: png() } }));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/needs a left view/);
    expect(sim.requests).toHaveLength(0);
  });

  it('a required view given as undefined counts as missing, refused before uploading anything', async () => {
    const err = await rejection<ProviderError>(adapter.prepareInputs(ctx(), m, { kind: 'views', views: { front: png(), back: undefined, left: png() } }));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/needs a back view/);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('WaveSpeed upload faults', () => {
  const mini = model('wavespeed/hunyuan3d/v2-mini');

  it.each([
    ['401', 'auth', /did not accept the API key.*Settings → Keys/],
    ['500', 'server', /server problem \(HTTP 500\)\. This usually passes\.$/],
    ['429', 'rate-limited', /HTTP 429/],
  ] as const)('a %s on the upload ticket is %s (the key was sent there)', async (fault, kind, text) => {
    sim.control.fault('wavespeed.upload-ticket', fault);
    const err = await rejection<ProviderError>(adapter.prepareInputs(ctx(), mini, { kind: 'image', image: png() }));
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(text);
    expect(err.mayHaveStarted).toBe(false);
    expect(err.message).not.toContain(KEY);
    expect(sim.control.requestsTo('files.put')).toHaveLength(0);
  });

  it.each(['401', '403'] as const)('a %s on the presigned PUT blames the upload link, not the key (none is sent there)', async (fault) => {
    sim.control.fault('files.put', fault);
    const err = await rejection<ProviderError>(adapter.prepareInputs(ctx(), mini, { kind: 'image', image: png() }));
    expect(err.kind).toBe('expired');
    expect(err.message).toBe(`WaveSpeed’s storage refused the picture upload (HTTP ${fault}); the upload link was refused or has expired. Try again to get a fresh one.`);
    expect(sim.control.requestsTo('files.put')[0]!.headers.authorization).toBeUndefined();
  });

  it('a 500 on the presigned PUT is a retryable server problem', async () => {
    sim.control.fault('files.put', '500');
    const err = await rejection<ProviderError>(adapter.prepareInputs(ctx(), mini, { kind: 'image', image: png() }));
    expect(err.kind).toBe('server');
    expect(err.retryable).toBe(true);
  });
});

describe('WaveSpeed failure text', () => {
  it('a failure reason that quotes the key comes out redacted', async () => {
    const mini = model('wavespeed/hunyuan3d/v2-mini');
    sim.control.configure({ failJobs: true, echoKeyInFailure: true, durationMs: 0 });
    const sub = await adapter.submit(ctx(), mini, { fields: { image: 'https://example.com/a.png' } }, {});
    const raw = await fetch(`${sim.url}api/v3/predictions/${sub.ref.remoteId}/result`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(JSON.stringify(await raw.json())).toContain(KEY);
    const end = await adapter.check(ctx(), sub.ref);
    expect(end).toMatchObject({ state: 'failed', reason: expect.stringContaining('[redacted]') });
    expect(JSON.stringify(end)).not.toContain(KEY);
  });
});

describe('WaveSpeed quirks', () => {
  const mini = model('wavespeed/hunyuan3d/v2-mini');

  it('reads a failed task served as HTTP 200 and reports WaveSpeed’s error text', async () => {
    sim.control.configure({ failJobs: true });
    const sub = await adapter.submit(ctx(), mini, { fields: { image: 'https://example.com/a.png' } }, {});
    const end = await pollToEnd(adapter, ctx(), sub.ref);
    expect(end).toEqual({ state: 'failed', reason: expect.stringContaining('could not be separated'), providerCode: 'failed' });
  });

  it.each(['cancelled', 'timeout', 'deleted'] as const)('treats a %s task as failed, as the official SDKs do', async (status) => {
    sim.control.configure({ failJobs: true, wavespeedFailStatus: status });
    const sub = await adapter.submit(ctx(), mini, { fields: { image: 'https://example.com/a.png' } }, {});
    const end = await pollToEnd(adapter, ctx(), sub.ref);
    expect(end).toEqual({ state: 'failed', reason: `WaveSpeed could not make this model: the task ended as “${status}”`, providerCode: status });
  });

  it('the simulator drops unknown fields silently, as documented — so a typo only shows in the recorded body', async () => {
    const res = await fetch(`${sim.url}api/v3/wavespeed-ai/hunyuan3d/v2-mini`, {
      method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ image: 'https://example.com/a.png', imgae_size: 3 }),
    });
    expect(res.status).toBe(200);
    const id = ((await res.json()) as { data: { id: string } }).data.id;
    expect(sim.control.state.jobs.get(id)?.input).toEqual({ image: 'https://example.com/a.png' });
  });

  it('reports a refused submit (HTTP 400 with {code:400}) in WaveSpeed’s own words', async () => {
    const err = await rejection<ProviderError>(adapter.submit(ctx(), mini, { fields: {} }, {}));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/image is required/);
  });

  it('accepts the older one-step upload/binary route', async () => {
    const form = new FormData();
    form.append('file', new Blob([png().bytes], { type: 'image/png' }), 'cat.png');
    const res = await fetch(`${sim.url}api/v3/media/upload/binary`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: form });
    const body = (await res.json()) as { code: number; data: { download_url: string } };
    expect(body.code).toBe(200);
    const back = await fetch(body.data.download_url);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(png().bytes);
  });
});
