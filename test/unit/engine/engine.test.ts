/**
 * The job engine, end to end in Node: a real core (library on disk, real adapters, real image step)
 * against the simulator, on a clock running 40× fast. Assertions are what an artist or the
 * provider would see: states and sentences in `jobs:changed`, files in the job folder, and the
 * requests the simulator received — above all, how many paid submits each job caused.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryVault } from '../../../src/main/core/keys';
import { openLibrary } from '../../../src/main/core/library';
import { StudioError } from '../../../src/shared/errors';
import { engineCoresAgainstSim, picture, simKeys } from '../../support/engine-core';

const { ctx, engineCore } = engineCoresAgainstSim();

const segmind = 'segmind/hunyuan-3d-2';
const submits = (route = 'segmind.submit') => ctx.sim.control.requestsTo(route).length;

async function submitPicture(studio: ReturnType<typeof engineCore>['studio'], seed: number, modelId = segmind) {
  return studio.jobs.submit({ modelId, params: {}, inputs: { kind: 'image', image: { name: `photo-${seed}.jpg`, bytes: await picture(seed) } } });
}

describe('a job from picture to model', () => {
  it('goes queued → running → downloading → completed, keeps the model in its folder, and pays once', async () => {
    const { studio, waitFor, statesOf, dataDir } = engineCore();
    const job = await submitPicture(studio, 1);
    expect(job.state).toBe('queued');
    const done = await waitFor(job.id);
    expect(done).toMatchObject({ state: 'completed', progress: 1, canRetry: false, canCancel: false, message: null });
    expect(statesOf(job.id)).toEqual(expect.arrayContaining(['queued', 'submitting', 'downloading', 'completed']));
    expect(done.outputs[0]).toMatchObject({ format: 'glb' });
    const folder = path.join(dataDir, 'library/jobs', job.id);
    const manifest = JSON.parse(readFileSync(path.join(folder, 'job.json'), 'utf8')) as { state: string; inputs: { file: string }[] };
    expect(manifest.state).toBe('completed');
    expect(readdirSync(path.join(folder, 'outputs'))).toEqual([done.outputs[0]?.name]);
    expect(readFileSync(path.join(folder, 'outputs', done.outputs[0]?.name ?? '')).subarray(0, 4).toString()).toBe('glTF');
    expect(manifest.inputs.map((i) => i.file)).toContain('image.jpg');
    const model = await studio.jobs.model({ id: job.id });
    expect(model.primary).toBe(done.outputs[0]?.name);
    expect(new TextDecoder().decode(model.files[0]?.bytes.subarray(0, 4))).toBe('glTF');
    expect(await studio.jobs.thumbnail({ id: job.id })).toMatchObject({ mime: 'image/webp' });
    expect(submits()).toBe(1);
  });

  it('refuses a picture that is not one before anything is stored or sent', async () => {
    const { studio } = engineCore();
    const error = await studio.jobs
      .submit({ modelId: segmind, params: {}, inputs: { kind: 'image', image: { name: 'notes.pdf', bytes: new TextEncoder().encode('%PDF-1.7 not a picture') } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as Error).message).toMatch(/PDF/);
    expect(await studio.jobs.list()).toEqual([]);
    expect(ctx.sim.control.state.requests).toEqual([]);
  });

  it('refuses to start without a key saved for this address', async () => {
    const { studio } = engineCore({ vault: new MemoryVault({ segmind: { key: simKeys.segmind, origin: 'https://api.segmind.com' } }) });
    await expect(submitPicture(studio, 2)).rejects.toThrow(/Your Segmind key was saved for https:\/\/api.segmind.com/);
    expect(ctx.sim.control.state.requests).toEqual([]);
  });
});

describe('what the provider says drives the state and the sentence', () => {
  it('rides out a burst of 502s on status and still completes, saying it will try again', async () => {
    ctx.sim.control.fault('segmind.status', '502', 3);
    const { studio, waitFor, seen } = engineCore();
    const job = await submitPicture(studio, 3);
    expect((await waitFor(job.id)).state).toBe('completed');
    expect(seen.some((j) => j.id === job.id && /Trying again in \d+ s\./.test(j.message ?? ''))).toBe(true);
    expect(submits()).toBe(1);
  });

  it('a refused key fails the job with "open Settings" and keeps the provider’s job for Retry', async () => {
    ctx.sim.control.fault('segmind.status', '401', 1);
    const { studio, waitFor } = engineCore();
    const job = await submitPicture(studio, 4);
    const failed = await waitFor(job.id);
    expect(failed).toMatchObject({ state: 'failed', remedy: 'open-settings', canRetry: true });
    expect(failed.message).toBe('Segmind refused the key — open Settings to check it, then Retry.');
    // Retry picks the same provider job up again: no second payment.
    await studio.jobs.retry({ id: job.id });
    expect((await waitFor(job.id, (j) => j.state === 'completed')).state).toBe('completed');
    expect(submits()).toBe(1);
  });

  it('no credits is said as such', async () => {
    ctx.sim.control.fault('segmind.submit', '406', 1);
    const { studio, waitFor } = engineCore();
    const job = await submitPicture(studio, 5);
    expect(await waitFor(job.id)).toMatchObject({ state: 'failed', message: 'Not enough Segmind credits. Add credits in your Segmind account, then Retry.' });
  });

  it('a job the provider failed shows the provider’s reason', async () => {
    ctx.sim.control.configure({ failJobs: true });
    const { studio, waitFor } = engineCore();
    const job = await submitPicture(studio, 6);
    const failed = await waitFor(job.id);
    expect(failed.state).toBe('failed');
    expect(failed.message).toMatch(/^Segmind could not make this model: /);
  });

  it('a job the provider forgot is expired', async () => {
    ctx.sim.control.fault('segmind.status', '404', 50);
    const { studio, waitFor } = engineCore();
    const job = await submitPicture(studio, 7);
    expect(await waitFor(job.id)).toMatchObject({ state: 'expired', canRetry: true });
  });

  it('a submit whose answer was lost is "Needs attention", never sent again on its own', async () => {
    ctx.sim.control.fault('segmind.submit', 'answer-lost', 1);
    const { studio, waitFor } = engineCore();
    const job = await submitPicture(studio, 8);
    const attention = await waitFor(job.id);
    expect(attention).toMatchObject({ state: 'unknown-submission', retryMayPayTwice: true, canRetry: true });
    expect(attention.message).toMatch(/Retry may start and bill a second job/);
    await expect(studio.jobs.retry({ id: job.id })).rejects.toThrow(/Confirm to retry/);
    await studio.jobs.retry({ id: job.id, confirmPaidTwice: true });
    expect((await waitFor(job.id, (j) => j.state === 'completed')).state).toBe('completed');
  });

  it('WaveSpeed: a submit whose answer was lost is found among recent predictions and finished, paid once', async () => {
    ctx.sim.control.fault('wavespeed.submit', 'answer-lost', 1);
    // Real time here: the provider's list is searched by its own (wall-clock) creation times.
    const { studio, waitFor } = engineCore({ speed: 1 });
    const job = await submitPicture(studio, 12, 'wavespeed/hunyuan3d/v2-mini');
    expect((await waitFor(job.id, (j) => j.state === 'completed', 40_000)).state).toBe('completed');
    expect(ctx.sim.control.requestsTo('wavespeed.submit').length).toBe(1);
    expect(ctx.sim.control.requestsTo('wavespeed.list').length).toBeGreaterThan(0);
  }, 60_000);

  it('a truncated download is fetched again', async () => {
    ctx.sim.control.fault('files.result', 'truncated', 1);
    const { studio, waitFor } = engineCore();
    const job = await submitPicture(studio, 9);
    expect((await waitFor(job.id)).state).toBe('completed');
  });

  it('a self-hosted job that never finishes hits its deadline', async () => {
    ctx.sim.control.configure({ durationMs: 60_000 });
    const { studio, waitFor } = engineCore({ engine: { deadlineMs: { segmind: 1, wavespeed: 1, vtrix: 1, local: 20_000 } } });
    const job = await submitPicture(studio, 10, 'local/hunyuan3d-2.1');
    const failed = await waitFor(job.id);
    expect(failed.state).toBe('failed');
    expect(failed.message).toMatch(/^Your Hunyuan3D server has not finished this job after 0 minutes|has not finished this job after/);
  });
});

describe('cancel and concurrency', () => {
  it('cancel stops all work for the job and says the provider was not told', async () => {
    ctx.sim.control.configure({ durationMs: 5_000 });
    const { studio, waitFor } = engineCore();
    const job = await submitPicture(studio, 11);
    await waitFor(job.id, (j) => j.state === 'queued' || j.state === 'running');
    await waitFor(job.id, () => ctx.sim.control.requestsTo('segmind.submit').length === 1, 10_000);
    const result = await studio.jobs.cancel({ id: job.id });
    expect(result.job.state).toBe('cancelled');
    expect(result.providerTold).toBe(false);
    expect(result.message).toMatch(/may still run there and be billed/);
    const polls = ctx.sim.control.requestsTo('segmind.status').length;
    await new Promise((r) => setTimeout(r, 500));
    expect(ctx.sim.control.requestsTo('segmind.status').length).toBe(polls);
  });

  it('WaveSpeed runs at most 2 jobs at once; the third waits its turn', async () => {
    ctx.sim.control.configure({ durationMs: 400 });
    const { studio, waitFor } = engineCore();
    const jobs = [];
    for (let i = 0; i < 3; i++) jobs.push(await submitPicture(studio, 20 + i, 'wavespeed/hunyuan3d/v2-mini'));
    await waitFor(jobs[0]?.id ?? '', () => ctx.sim.control.requestsTo('wavespeed.submit').length >= 2, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(ctx.sim.control.requestsTo('wavespeed.submit').length).toBe(2);
    for (const j of jobs) expect((await waitFor(j.id)).state).toBe('completed');
    expect(ctx.sim.control.requestsTo('wavespeed.submit').length).toBe(3);
  });
});

describe('surviving a restart', () => {
  it('a job submitted, Studio stopped, started again: it finishes without a second POST', async () => {
    ctx.sim.control.configure({ durationMs: 2_000 });
    const first = engineCore();
    const job = await submitPicture(first.studio, 30);
    await first.waitFor(job.id, (j) => j.state === 'queued' || j.state === 'running');
    await first.waitFor(job.id, () => submits() === 1, 10_000);
    await first.core.close();
    const second = engineCore({ dataDir: first.dataDir });
    await second.core.start();
    expect((await second.waitFor(job.id)).state).toBe('completed');
    expect(submits()).toBe(1);
  });

  it('a job caught between "submitting" and the provider’s id becomes "Needs attention" on restart', async () => {
    const first = engineCore();
    await first.core.start();
    await first.core.close();
    // As a crash would leave it: written as submitting, the answer never stored.
    const library = await openLibrary({ root: path.join(first.dataDir, 'library'), now: Date.now });
    const stranded = await library.createJob({ provider: 'segmind', modelId: segmind, modelLabel: 'x', remoteModel: 'hunyuan-3d-2', variant: 'default', params: {}, state: 'submitting' }, []);
    library.close();
    const second = engineCore({ dataDir: first.dataDir });
    await second.core.start();
    const job = await second.studio.jobs.get({ id: stranded.id });
    expect(job).toMatchObject({ state: 'unknown-submission', retryMayPayTwice: true });
    expect(submits()).toBe(0);
  });

  it('no temp file is left in a job’s outputs', async () => {
    const { studio, waitFor, dataDir } = engineCore();
    const job = await submitPicture(studio, 31);
    await waitFor(job.id);
    const outputs = path.join(dataDir, 'library/jobs', job.id, 'outputs');
    expect(existsSync(outputs)).toBe(true);
    expect(readdirSync(outputs).filter((f) => /\.(part|tmp)$/.test(f))).toEqual([]);
  });
});
