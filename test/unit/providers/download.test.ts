import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allowedResultUrl, downloadResult, fetchResult } from '../../../src/main/core/providers/download';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { createVtrixAdapter } from '../../../src/main/core/providers/vtrix';
import type { ResultAsset } from '../../../src/main/core/providers/types';
import { startSimulator, type Simulator } from '../../sim/server';
import { makeCtx, model, pollToEnd, rejection } from './helpers';

const KEY = 'vx-dl-0123456789abcdef';
let sim: Simulator;
const ctx = () => makeCtx(sim.url, KEY);
const adapter = createVtrixAdapter();
const m = model('vtrix/tencent_hunyuan_3d');

async function finishedAsset(format = 'GLB'): Promise<ResultAsset> {
  const sub = await adapter.submit(ctx(), m, { fields: { prompt: 'a cube' } }, { result_format: format });
  const done = await pollToEnd(adapter, ctx(), sub.ref);
  if (done.state !== 'completed') throw new Error(`job ended ${done.state}`);
  return done.assets[0]!;
}

beforeAll(async () => {
  sim = await startSimulator({ config: { durationMs: 0 } });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.reset();
  sim.control.configure({ durationMs: 0 });
});

describe('fetching a result file', () => {
  it('does not send the API key to the file host', async () => {
    await fetchResult('vtrix', ctx(), await finishedAsset());
    const [get] = sim.control.requestsTo('files.result');
    expect(get!.headers.authorization).toBeUndefined();
    expect(get!.headers['x-api-key']).toBeUndefined();
  });

  it('an output URL that answers 403 is an expired link, said plainly', async () => {
    const asset = await finishedAsset();
    sim.control.fault('files.result', 'output-403');
    const err = await rejection<ProviderError>(fetchResult('vtrix', ctx(), asset));
    expect(err.kind).toBe('expired');
    expect(err.message).toBe('Vtrix refused to hand over the result file (HTTP 403); its link has probably expired. Run the job again to get a fresh one.');
  });

  it('an output URL that answers 401 is an expired link too: no key is sent there, so none is blamed', async () => {
    const asset = await finishedAsset();
    sim.control.fault('files.result', '401');
    const err = await rejection<ProviderError>(fetchResult('vtrix', ctx(), asset));
    expect(err.kind).toBe('expired');
    expect(err.message).toBe('Vtrix refused to hand over the result file (HTTP 401); its link has probably expired. Run the job again to get a fresh one.');
  });

  it('an oversized output is cut off at the cap, streamed without a length', async () => {
    const asset = await finishedAsset();
    sim.control.configure({ oversizeBytes: 3 * 1024 * 1024 });
    sim.control.fault('files.result', 'oversized');
    const err = await rejection<ProviderError>(fetchResult('vtrix', ctx(), asset, { maxBytes: 1024 * 1024 }));
    expect(err.kind).toBe('too-large');
    expect(err.message).toMatch(/more than 1 MB/);
  });

  it('bytes that are not the declared format are refused', async () => {
    const asset = await finishedAsset('GLB');
    const err = await rejection<ProviderError>(fetchResult('vtrix', ctx(), { ...asset, format: 'stl' }));
    expect(err.kind).toBe('malformed');
    expect(err.message).toBe('Vtrix said the result is STL, but the file is not; it was not saved.');
  });

  it('a missing file (404) is expired', async () => {
    const err = await rejection<ProviderError>(fetchResult('vtrix', ctx(), { url: `${sim.url}files/nope/model.glb`, format: 'glb' }));
    expect(err.kind).toBe('expired');
  });

  it('writes the file atomically and leaves no temp file behind', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hy3d-dl-'));
    try {
      const dest = path.join(dir, 'model.zip');
      const size = await downloadResult('vtrix', ctx(), await finishedAsset('OBJ'), dest);
      expect((await readFile(dest)).subarray(0, 2).toString()).toBe('PK');
      expect(size).toBeGreaterThan(100);
      expect(await readdir(dir)).toEqual(['model.zip']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops when the caller aborts', async () => {
    const asset = await finishedAsset();
    sim.control.fault('files.result', 'stall');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await rejection<ProviderError>(fetchResult('vtrix', { ...ctx(), signal: controller.signal, timeouts: { headersMs: 5_000 } }, asset));
    expect(err.kind).toBe('cancelled');
  });
});

describe('which result URLs are fetched (the boolean form WaveSpeed uses for upload targets)', () => {
  it.each([
    ['https://cdn.example.com/a.glb', 'https://api.segmind.com', true],
    ['http://cdn.example.com/a.glb', 'https://api.segmind.com', false],
    ['http://127.0.0.1:8081/a.glb', 'http://127.0.0.1:8081', true],
    // Only the endpoint's own port: another loopback port is another service.
    ['http://127.0.0.1:9/a.glb', 'http://127.0.0.1:8081', false],
    ['http://localhost:9/a.glb', 'http://127.0.0.1:8081', false],
    ['http://my-gpu-box:8081/a.glb', 'http://my-gpu-box:8081', false],
    ['http://127.0.0.1:9/a.glb', 'https://api.wavespeed.ai', false],
    ['https://169.254.169.254/a.glb', 'https://api.wavespeed.ai', false],
    ['file:///etc/passwd', 'http://127.0.0.1:8081', false],
  ])('%s from %s → %s', (url, base, ok) => {
    expect(allowedResultUrl(url, base)).toBe(ok);
  });
});
