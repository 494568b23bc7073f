/**
 * Offline: the provider cannot be reached when Generate is pressed. The job waits with a sentence
 * that says so, and when the provider is back it is sent and completes without a click — paid once.
 * Real core, real adapters, the simulator stopped and started again on the same port, a 40× clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim/server';
import { createEngineCore, picture } from '../../support/engine-core';

let sim: Simulator | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await sim?.close();
  sim = undefined;
});

async function portThatWasFree(): Promise<{ url: string; port: number }> {
  const probe = await startSimulator();
  await probe.close();
  return { url: probe.url, port: probe.port };
}

describe('a provider that cannot be reached', () => {
  it.each([
    ['segmind/hunyuan-3d-2', 'Segmind', 'segmind.submit'],
    ['wavespeed/hunyuan3d/v2-mini', 'WaveSpeed', 'wavespeed.submit'],
  ])('%s waits with a sentence, then starts and completes on its own when it is back, paid once', async (modelId, name, route) => {
    const { url, port } = await portThatWasFree();
    const { core, studio, waitFor, statesOf } = createEngineCore(url);
    cleanups.push(() => core.close());
    const job = await studio.jobs.submit({ modelId, params: {}, inputs: { kind: 'image', image: { name: 'p.jpg', bytes: await picture(70) } } });

    const waiting = await waitFor(job.id, (j) => /cannot be reached/.test(j.message ?? ''), 20_000);
    expect(waiting.state).toBe('queued');
    expect(waiting.message).toBe(`${name} cannot be reached — check your connection; the job will wait and start when it can.`);
    expect(waiting.canCancel).toBe(true);

    sim = await startSimulator({ port, config: { durationMs: 150 } });
    const done = await waitFor(job.id, undefined, 60_000);
    expect(done.state).toBe('completed');
    expect(done.message).toBeNull();
    expect(sim.control.requestsTo(route)).toHaveLength(1);
    expect(statesOf(job.id)).not.toContain('unknown-submission');
  });

  it('Cancel while it waits ends the job as never sent', async () => {
    const { url } = await portThatWasFree();
    const { core, studio, waitFor } = createEngineCore(url);
    cleanups.push(() => core.close());
    const job = await studio.jobs.submit({ modelId: 'segmind/hunyuan-3d-2', params: {}, inputs: { kind: 'image', image: { name: 'p.jpg', bytes: await picture(71) } } });
    await waitFor(job.id, (j) => /cannot be reached/.test(j.message ?? ''), 20_000);
    const cancelled = await studio.jobs.cancel({ id: job.id });
    expect(cancelled.job.state).toBe('cancelled');
    expect(cancelled.message).toBe('Cancelled before it was sent; nothing was paid.');
  });
});
