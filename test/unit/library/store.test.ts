import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { newJob, open, picture, tempRoot, testClock } from './helpers';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const onDisk = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('library: jobs', () => {
  it('keeps a new job in its own folder: job.json, the pictures, an empty outputs folder', async () => {
    const root = tempRoot();
    const clock = testClock();
    const library = await open(root, clock);
    const image = picture();
    const job = await library.createJob(newJob(), [image]);

    expect(job).toMatchObject({ state: 'submitting', revision: 1, attempt: 0, createdAt: clock.now(), finishedAt: null, remote: null, outputs: [], remedy: 'none' });
    expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(job.inputs).toEqual([{ role: 'image', file: 'image.png', mime: 'image/png', width: 512, height: 512, bytes: image.bytes.byteLength, sha256: sha(image.bytes) }]);
    expect(library.jobDir(job.id)).toBe(path.join(root, 'jobs', job.id));
    expect(onDisk(path.join(library.jobDir(job.id), 'job.json'))).toEqual(job);
    expect(new Uint8Array(readFileSync(path.join(library.inputsDir(job.id), 'image.png')))).toEqual(image.bytes);
    expect(readdirSync(library.outputsDir(job.id))).toEqual([]);
    expect(library.getJob(job.id)).toEqual(job);
    expect(library.journal(job.id)).toEqual([{ at: clock.now(), event: 'created', state: 'submitting', detail: null }]);
    library.close();
  });

  it('gives the same request the same fingerprint, whatever the order of its parameters', async () => {
    const library = await open(tempRoot());
    const a = await library.createJob(newJob({ params: { seed: 7, textured: true } }), [picture()]);
    const b = await library.createJob(newJob({ params: { textured: true, seed: 7 } }), [picture()]);
    const otherPicture = await library.createJob(newJob(), [picture({ bytes: new Uint8Array([9, 9, 9]) })]);
    const otherSeed = await library.createJob(newJob({ params: { seed: 8, textured: true } }), [picture()]);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(new Set([a.fingerprint, otherPicture.fingerprint, otherSeed.fingerprint]).size).toBe(3);
    library.close();
  });

  it('refuses an input file name that is a path and leaves no folder behind', async () => {
    const root = tempRoot();
    const library = await open(root);
    for (const fileName of ['../escape.png', 'a/b.png', '..', 'c:\\x.png']) {
      await expect(library.createJob(newJob(), [picture({ fileName })])).rejects.toThrow(/not a usable input file name/);
    }
    await expect(library.createJob(newJob({ params: undefined as never }), [picture()])).rejects.toThrow(/params/);
    expect(readdirSync(path.join(root, 'jobs'))).toEqual([]);
    expect(existsSync(path.join(root, '..', 'escape.png'))).toBe(false);
    library.close();
  });

  it('writes every update to job.json and the row, bumps the revision and journals state changes', async () => {
    const clock = testClock();
    const library = await open(tempRoot(), clock);
    const job = await library.createJob(newJob(), [picture()]);
    clock.advance(1000);
    const queued = await library.updateJob(job.id, { state: 'queued', remote: { route: 'v3', requestId: 'abc' }, submittedAt: clock.now() }, { event: 'submitted', detail: 'WaveSpeed accepted the job.' });
    clock.advance(1000);
    const noted = await library.updateJob(job.id, { message: 'Waiting for WaveSpeed.' });
    clock.advance(5000);
    const done = await library.updateJob(job.id, { state: 'completed', outputs: [{ name: 'model.glb', format: 'glb', bytes: 10, sha256: 'a'.repeat(64) }], primaryOutput: 'model.glb' });

    expect([queued.revision, noted.revision, done.revision]).toEqual([2, 3, 4]);
    expect(done).toMatchObject({ state: 'completed', updatedAt: clock.now(), finishedAt: clock.now(), remote: { route: 'v3', requestId: 'abc' }, message: 'Waiting for WaveSpeed.', createdAt: job.createdAt });
    expect(onDisk(path.join(library.jobDir(job.id), 'job.json'))).toEqual(done);
    expect(library.getJob(job.id)).toEqual(done);
    expect(library.journal(job.id).map((e) => [e.event, e.state, e.detail])).toEqual([
      ['created', 'submitting', null],
      ['submitted', 'queued', 'WaveSpeed accepted the job.'],
      ['state', 'completed', null],
    ]);

    const retried = await library.updateJob(job.id, { state: 'submitting', attempt: 1 }, { event: 'retry' });
    expect(retried.finishedAt).toBeNull();
    library.close();
  });

  it('refuses changes to what a job is, states that do not exist, and unknown jobs', async () => {
    const library = await open(tempRoot());
    const job = await library.createJob(newJob(), [picture()]);
    await expect(library.updateJob(job.id, { modelId: 'other' } as never)).rejects.toThrow(/modelId cannot change/);
    await expect(library.updateJob(job.id, { state: 'exploded' } as never)).rejects.toThrow(/state/);
    await expect(library.updateJob('7d0c2c4e-0000-4000-8000-000000000000', { state: 'queued' })).rejects.toThrow('That job is no longer in the library.');
    expect(library.getJob(job.id)).toEqual(job);
    expect(onDisk(path.join(library.jobDir(job.id), 'job.json'))).toEqual(job);
    expect(() => library.jobDir('../../etc')).toThrow(/not a job id/);
    expect(library.getJob('../../etc')).toBeUndefined();
    library.close();
  });

  it('applies updates of one job one after another, none lost', async () => {
    const library = await open(tempRoot());
    const job = await library.createJob(newJob(), [picture()]);
    const results = await Promise.all([
      library.updateJob(job.id, { state: 'queued' }),
      library.updateJob(job.id, { attempt: 2 }),
      library.updateJob(job.id, { message: 'Running on WaveSpeed.', state: 'running' }),
    ]);
    expect(results.map((r) => r.revision)).toEqual([2, 3, 4]);
    expect(library.getJob(job.id)).toMatchObject({ state: 'running', attempt: 2, message: 'Running on WaveSpeed.', revision: 4 });
    expect(library.journal(job.id).map((e) => e.state)).toEqual(['submitting', 'queued', 'running']);
    library.close();
  });

  it('lists jobs newest first, finds the unfinished ones, and still has them after reopening', async () => {
    const root = tempRoot();
    const clock = testClock();
    let library = await open(root, clock);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(1000);
      ids.push((await library.createJob(newJob(), [picture()])).id);
    }
    await library.updateJob(ids[1]!, { state: 'failed', message: 'WaveSpeed could not make a model from this picture.' });
    await library.updateJob(ids[2]!, { state: 'running' });
    library.close();

    library = await open(root, clock);
    expect(library.listJobs().map((j) => j.id)).toEqual([...ids].reverse());
    expect(library.listJobs({ limit: 2 }).map((j) => j.id)).toEqual([ids[3], ids[2]]);
    expect(library.unfinishedJobs().map((j) => [j.id, j.state])).toEqual([[ids[0], 'submitting'], [ids[2], 'running'], [ids[3], 'submitting']]);
    library.close();
    expect(() => library.listJobs()).toThrow('The job library is closed; restart the app to see your jobs.');
  });

  it('learns durations per provider, model and variant, newest first, keeping the last 200', async () => {
    const clock = testClock();
    const library = await open(tempRoot(), clock);
    const textured = { provider: 'wavespeed', modelId: 'wavespeed/hunyuan3d/v2.1', variant: 'textured' };
    const plain = { ...textured, variant: 'untextured' };
    for (const s of [60, 75, 90]) {
      clock.advance(1000);
      library.recordDuration(textured, s);
    }
    library.recordDuration(plain, 20);
    expect(library.durations(textured)).toEqual([90, 75, 60]);
    expect(library.durations(textured, 2)).toEqual([90, 75]);
    expect(library.durations(plain)).toEqual([20]);
    expect(library.durations({ ...textured, modelId: 'other' })).toEqual([]);
    expect(() => library.recordDuration(plain, Number.NaN)).toThrow(/not a duration/);

    for (let i = 0; i < 250; i++) library.recordDuration(plain, i);
    const kept = library.durations(plain, 1000);
    expect(kept).toHaveLength(200);
    expect(kept[0]).toBe(249);
    library.close();
  });

  it('keeps the database in WAL mode and passes its integrity check', async () => {
    const root = tempRoot();
    const library = await open(root);
    await library.createJob(newJob(), [picture()]);
    expect(library.integrityCheck()).toBe('ok');
    const peek = new DatabaseSync(path.join(root, 'library.db'), { readOnly: true });
    expect(peek.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    peek.close();
    library.close();
  });
});
