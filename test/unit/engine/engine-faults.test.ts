/**
 * More of what providers do wrong, each driving a state and a sentence an artist can act on, and
 * every provider's happy path through the same engine (Vtrix's zipped OBJ unpacked, the self-hosted
 * server's inline model written). Real core, real adapters, the simulator, a 40× clock.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineCoresAgainstSim, picture } from '../../support/engine-core';

const { ctx, engineCore } = engineCoresAgainstSim();

async function run(modelId: string, seed: number, overrides: Parameters<typeof engineCore>[0] = {}, params: Record<string, string | number | boolean> = {}) {
  const made = engineCore(overrides);
  const job = await made.studio.jobs.submit({ modelId, params, inputs: { kind: 'image', image: { name: `p${seed}.jpg`, bytes: await picture(seed) } } });
  return { ...made, job, done: await made.waitFor(job.id) };
}

describe('every provider, start to finish', () => {
  it.each([
    ['segmind/hunyuan-3d-2', 'glb', 'segmind.submit'],
    ['wavespeed/hunyuan3d/v2-mini', 'glb', 'wavespeed.submit'],
    ['local/hunyuan3d-2.1', 'glb', 'local.send'],
  ])('%s completes with a %s and one paid submit', async (modelId, format, route) => {
    const { done } = await run(modelId, 40);
    expect(done.state).toBe('completed');
    expect(done.outputs.map((o) => o.format)).toContain(format);
    expect(ctx.sim.control.requestsTo(route)).toHaveLength(1);
  });

  it('Vtrix’s zipped OBJ is unpacked into the job folder and opens as OBJ with its material and texture', async () => {
    const { done, dataDir, studio, job } = await run('vtrix/tencent_hunyuan_3d', 41, {}, { result_format: 'OBJ' });
    expect(done.state).toBe('completed');
    const names = readdirSync(path.join(dataDir, 'library/jobs', job.id, 'outputs'), { recursive: true }).map(String);
    expect(names.some((n) => n.endsWith('.obj'))).toBe(true);
    expect(names.some((n) => n.endsWith('.mtl'))).toBe(true);
    expect(names.some((n) => n.endsWith('.zip'))).toBe(false);
    const model = await studio.jobs.model({ id: job.id });
    expect(model.primary).toMatch(/\.obj$/);
    expect(model.files.length).toBeGreaterThanOrEqual(2);
  });
});

describe('provider trouble, in words', () => {
  it('a rate limit waits as told and completes', async () => {
    ctx.sim.control.fault('segmind.status', '429', 1);
    const { done, seen, job } = await run('segmind/hunyuan-3d-2', 42);
    expect(done.state).toBe('completed');
    expect(seen.some((j) => j.id === job.id && /Trying again in 3 s\./.test(j.message ?? ''))).toBe(true);
  });

  it('Segmind’s x-rate-limit-reset-at-utc is honoured too', async () => {
    ctx.sim.control.fault('segmind.status', '429-reset', 1);
    const { done } = await run('segmind/hunyuan-3d-2', 43);
    expect(done.state).toBe('completed');
  });

  it('an HTML error page from a proxy is waited out', async () => {
    ctx.sim.control.fault('segmind.status', 'html', 2);
    const { done } = await run('segmind/hunyuan-3d-2', 44);
    expect(done.state).toBe('completed');
  });

  it('an unreadable status answer fails the job with a sentence; Retry picks the same job up', async () => {
    ctx.sim.control.fault('segmind.status', 'malformed-json', 1);
    const { done, studio, job, waitFor } = await run('segmind/hunyuan-3d-2', 45);
    expect(done).toMatchObject({ state: 'failed', remedy: 'retry', canRetry: true });
    expect(done.message).toMatch(/Segmind/);
    await studio.jobs.retry({ id: job.id });
    expect((await waitFor(job.id, (j) => j.state === 'completed')).state).toBe('completed');
    expect(ctx.sim.control.requestsTo('segmind.submit')).toHaveLength(1);
  });

  it('an expired result link makes the job Expired, saying so', async () => {
    ctx.sim.control.fault('files.result', 'output-403', 10);
    const { done } = await run('segmind/hunyuan-3d-2', 46);
    expect(done.state).toBe('expired');
    expect(done.message).toMatch(/expired|no longer/i);
  });

  it('a result over the size cap is refused and nothing is left in the folder', async () => {
    const { done, dataDir, job } = await run('segmind/hunyuan-3d-2', 47, { engine: { maxOutputBytes: 1_000 } });
    expect(done.state).toBe('failed');
    expect(done.message).toMatch(/more than/i);
    expect(readdirSync(path.join(dataDir, 'library/jobs', job.id, 'outputs'))).toEqual([]);
  });

  it('a provider error on submit ends the job with a sentence after exactly one POST', async () => {
    ctx.sim.control.fault('segmind.submit', '500', 1);
    const { done } = await run('segmind/hunyuan-3d-2', 48);
    expect(['failed', 'unknown-submission']).toContain(done.state);
    expect(done.message?.length).toBeGreaterThan(20);
    expect(ctx.sim.control.requestsTo('segmind.submit')).toHaveLength(1);
  });

  it('a revoked key on submit says so and sends nothing more', async () => {
    ctx.sim.control.fault('segmind.submit', '401', 1);
    const { done } = await run('segmind/hunyuan-3d-2', 49);
    expect(done).toMatchObject({ state: 'failed', remedy: 'open-settings', message: 'Segmind refused the key — open Settings to check it, then Retry.' });
    expect(ctx.sim.control.requestsTo('segmind.status')).toHaveLength(0);
  });
});
