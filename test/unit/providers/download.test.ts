/**
 * Result files from the simulator's file host, fetched the way the job engine does
 * (`downloadAsset`): what the host saw, and the sentences for its faults. The download path's own
 * edge cases (redirects, retries, timeouts, caps) are in test/unit/downloads/download.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { createVtrixAdapter } from '../../../src/main/core/providers/vtrix';
import type { ResultAsset } from '../../../src/main/core/providers/types';
import { startSimulator, type Simulator } from '../../sim/server';
import { downloaded, makeCtx, model, pollToEnd, rejection } from './helpers';

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

describe('fetching a result file from the provider’s file host', () => {
  it('does not send the API key to the file host', async () => {
    await downloaded('vtrix', ctx(), await finishedAsset());
    const [get] = sim.control.requestsTo('files.result');
    expect(get!.headers.authorization).toBeUndefined();
    expect(get!.headers['x-api-key']).toBeUndefined();
  });

  // A 401 is an expired link too: no key is sent to the file host, so none is blamed.
  it.each([
    ['output-403', 403],
    ['401', 401],
  ] as const)('an output URL that answers %s is an expired link, said plainly', async (fault, status) => {
    const asset = await finishedAsset();
    sim.control.fault('files.result', fault);
    const err = await rejection<ProviderError>(downloaded('vtrix', ctx(), asset));
    expect(err.kind).toBe('expired');
    expect(err.message).toBe(`Vtrix refused to hand over the result file (HTTP ${status}); its link has probably expired. Run the job again to get a fresh one.`);
  });

  it('an oversized output is cut off at the cap, streamed without a length', async () => {
    const asset = await finishedAsset();
    sim.control.configure({ oversizeBytes: 3 * 1024 * 1024 });
    sim.control.fault('files.result', 'oversized');
    const err = await rejection<ProviderError>(downloaded('vtrix', ctx(), asset, { maxBytes: 1024 * 1024 }));
    expect(err.kind).toBe('too-large');
    expect(err.message).toMatch(/more than 1 MB/);
  });

  it('bytes that are not the declared format are refused', async () => {
    const asset = await finishedAsset('GLB');
    const err = await rejection<ProviderError>(downloaded('vtrix', ctx(), { ...asset, format: 'stl' }));
    expect(err.kind).toBe('malformed');
    expect(err.message).toBe('Vtrix said the result is STL, but the file is not; it was not saved.');
  });

  it('a zipped OBJ from the simulator arrives unpacked: the .obj first, with its material and texture', async () => {
    const saved = await downloaded('vtrix', ctx(), await finishedAsset('OBJ'));
    expect(saved.primary).toMatch(/\.obj$/);
    expect(new TextDecoder().decode(saved.bytes)).toMatch(/^v\s/m);
    expect(saved.files.map((f) => f.format).sort()).toEqual(expect.arrayContaining(['mtl', 'obj', 'png']));
  });
});
