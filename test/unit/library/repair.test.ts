import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { newJob, open, picture, tempRoot, testClock } from './helpers';

const dbFiles = (root: string) => ['library.db', 'library.db-wal', 'library.db-shm'].map((f) => path.join(root, f));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('library: opening after a crash', () => {
  it('takes a job.json that is newer than its row: the crash fell between the two writes', async () => {
    const root = tempRoot();
    const clock = testClock();
    let library = await open(root, clock);
    const job = await library.createJob(newJob(), [picture()]);
    library.close();
    const [db] = dbFiles(root);
    copyFileSync(db!, `${db}.before`);

    library = await open(root, clock);
    clock.advance(2000);
    const queued = await library.updateJob(job.id, { state: 'queued', remote: { requestId: 'ws-123' }, submittedAt: clock.now() });
    library.close();
    // The database as it was before the update: job.json got written, the row did not.
    for (const f of dbFiles(root)) rmSync(f, { force: true });
    copyFileSync(`${db}.before`, db!);

    clock.advance(1000);
    library = await open(root, clock);
    expect(library.getJob(job.id)).toEqual(queued);
    expect(library.unfinishedJobs().map((j) => j.remote)).toEqual([{ requestId: 'ws-123' }]);
    expect(library.journal(job.id).at(-1)).toEqual({
      at: clock.now(), event: 'repaired', state: 'queued', detail: 'job.json (revision 2) was newer than the database (revision 1).',
    });
    expect(library.opened.repair.repaired).toBe(1);
    library.close();
  });

  it('writes job.json before the row: an update the database refused still counts, now and after a restart', async () => {
    const root = tempRoot();
    let library = await open(root);
    const job = await library.createJob(newJob(), [picture()]);
    // Another connection holds the write lock, so the row write fails after job.json is on disk.
    const other = new DatabaseSync(path.join(root, 'library.db'));
    other.exec('BEGIN IMMEDIATE');
    const queued = await library.updateJob(job.id, { state: 'queued', remote: { requestId: 'ws-9' } });
    other.exec('ROLLBACK');
    expect(readJson(path.join(root, 'jobs', job.id, 'job.json'))).toEqual(queued);
    expect(library.getJob(job.id)).toEqual(queued);
    expect(other.prepare('SELECT revision FROM jobs WHERE id = ?').get(job.id)).toEqual({ revision: 1 });
    other.close();
    expect(library.logLines.some((l) => l.startsWith('error library: job.json was saved but the database row was not') && l.includes('locked'))).toBe(true);
    library.close();

    library = await open(root);
    expect(library.getJob(job.id)).toMatchObject({ state: 'queued', remote: { requestId: 'ws-9' }, revision: 2 });
    // The next update starts from it and the row catches up.
    expect(await library.updateJob(job.id, { state: 'running' })).toMatchObject({ remote: { requestId: 'ws-9' }, revision: 3 });
    library.close();
  });

  it('starts the next update from a record whose row write failed, and journals what it owed', async () => {
    const root = tempRoot();
    const library = await open(root);
    const job = await library.createJob(newJob(), [picture()]);
    const other = new DatabaseSync(path.join(root, 'library.db'));
    other.exec('BEGIN IMMEDIATE');
    await library.updateJob(job.id, { state: 'queued', remote: { requestId: 'ws-10' } });
    other.exec('ROLLBACK');
    other.close();
    const running = await library.updateJob(job.id, { state: 'running' });
    expect(running).toMatchObject({ remote: { requestId: 'ws-10' }, state: 'running', revision: 3 });
    expect(library.listJobs()).toEqual([running]);
    expect(library.journal(job.id).map((e) => e.state)).toEqual(['submitting', 'queued', 'running']);
    library.close();
  });

  it('indexes a job folder that has no row, and keeps a row whose folder is gone as missing', async () => {
    const root = tempRoot();
    let library = await open(root);
    const kept = await library.createJob(newJob(), [picture()]);
    const gone = await library.createJob(newJob({ modelLabel: 'Gone' }), [picture()]);
    library.close();

    rmSync(path.join(root, 'jobs', gone.id), { recursive: true });
    const copiedId = '0b5a9f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    const copied = { ...readJson(path.join(root, 'jobs', kept.id, 'job.json')), id: copiedId, state: 'completed', revision: 5 };
    mkdirSync(path.join(root, 'jobs', copiedId));
    writeFileSync(path.join(root, 'jobs', copiedId, 'job.json'), JSON.stringify(copied));

    library = await open(root);
    // Deleted behind the app's back: History shows it as missing until the artist forgets it.
    expect(library.getJob(gone.id)).toEqual(gone);
    expect(library.browse({}).records.find((r) => r.card.id === gone.id)?.missing).toBe(true);
    expect(library.unfinishedJobs().map((j) => j.id)).not.toContain(gone.id);
    expect(library.getJob(copiedId)).toMatchObject({ state: 'completed', revision: 5 });
    expect(library.listJobs().map((j) => j.id).sort()).toEqual([kept.id, gone.id, copiedId].sort());
    expect(library.opened.repair).toMatchObject({ repaired: 1, missing: 1 });
    library.close();
  });

  it('deletes leftover temp files and keeps everything else', async () => {
    const root = tempRoot();
    let library = await open(root);
    const job = await library.createJob(newJob(), [picture()]);
    const dir = library.jobDir(job.id);
    library.close();
    writeFileSync(path.join(dir, 'job.json.1a2b3c4d.tmp'), '{"half": ');
    writeFileSync(path.join(dir, 'outputs', 'model.glb.5e6f.part'), 'glTF');
    writeFileSync(path.join(dir, 'outputs', 'model.glb'), 'glTF model');
    writeFileSync(path.join(dir, 'inputs', 'image.png.9f.tmp'), 'half a picture');

    library = await open(root);
    expect(readdirSync(dir).sort()).toEqual(['inputs', 'job.json', 'outputs']);
    expect(readdirSync(path.join(dir, 'outputs'))).toEqual(['model.glb']);
    expect(readdirSync(path.join(dir, 'inputs'))).toEqual(['image.png']);
    expect(library.opened.repair.debris).toBe(3);
    expect(library.getJob(job.id)).toEqual(job);
    library.close();
  });

  it('removes the folder of a job whose creation never finished, and restores a lost job.json from its row', async () => {
    const root = tempRoot();
    let library = await open(root);
    const job = await library.createJob(newJob(), [picture()]);
    library.close();
    const halfMade = path.join(root, 'jobs', '5f0e7d6c-2b3a-4c1d-9e8f-7a6b5c4d3e2f');
    mkdirSync(path.join(halfMade, 'inputs'), { recursive: true });
    writeFileSync(path.join(halfMade, 'inputs', 'image.png'), 'picture');
    rmSync(path.join(root, 'jobs', job.id, 'job.json'));

    library = await open(root);
    expect(existsSync(halfMade)).toBe(false);
    expect(readJson(path.join(root, 'jobs', job.id, 'job.json'))).toEqual(job);
    expect(library.getJob(job.id)).toEqual(job);
    library.close();
  });

  it('leaves a damaged job.json where it is and says so in the log', async () => {
    const root = tempRoot();
    let library = await open(root);
    const job = await library.createJob(newJob(), [picture()]);
    library.close();
    writeFileSync(path.join(root, 'jobs', job.id, 'job.json'), '{ "id": "not closed');

    library = await open(root);
    expect(readFileSync(path.join(root, 'jobs', job.id, 'job.json'), 'utf8')).toBe('{ "id": "not closed');
    expect(library.getJob(job.id)).toEqual(job);
    expect(library.logLines.some((l) => l.startsWith('warn library: a job folder has a damaged job.json') && l.includes(job.id))).toBe(true);
    library.close();
  });
});

describe('library: a damaged database', () => {
  it('moves garbage aside as library.corrupt-<time>.db and rebuilds from the job folders', async () => {
    const root = tempRoot();
    const clock = testClock();
    let library = await open(root, clock);
    const first = await library.createJob(newJob(), [picture()]);
    const second = await library.updateJob((await library.createJob(newJob(), [picture()])).id, { state: 'running' });
    library.close();
    const garbage = new Uint8Array(8192).map((_, i) => (i * 7919) % 251);
    for (const f of dbFiles(root)) rmSync(f, { force: true });
    writeFileSync(path.join(root, 'library.db'), garbage);

    library = await open(root, clock);
    expect(library.getJob(first.id)).toEqual(first);
    expect(library.getJob(second.id)).toEqual(second);
    expect(library.unfinishedJobs().map((j) => j.id).sort()).toEqual([first.id, second.id].sort());
    expect(library.integrityCheck()).toBe('ok');
    const aside = readdirSync(root).filter((f) => /^library\.corrupt-.+\.db$/.test(f));
    expect(aside).toEqual([`library.corrupt-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}.db`]);
    expect(new Uint8Array(readFileSync(path.join(root, aside[0]!)))).toEqual(garbage);
    expect(library.opened.movedAside).toBe(path.join(root, aside[0]!));
    expect(library.logLines.some((l) => l.startsWith('warn library: library.db was damaged'))).toBe(true);
    // The rebuilt database keeps working.
    await library.updateJob(first.id, { state: 'queued' });
    library.close();
  });

  it('notices damaged pages inside a file that still looks like a database', async () => {
    const root = tempRoot();
    let library = await open(root);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await library.createJob(newJob({ notes: ['n'.repeat(2000)] }), [picture()])).id);
    library.close();
    const fd = openSync(path.join(root, 'library.db'), 'r+');
    writeSync(fd, Buffer.alloc(6 * 4096, 0xab), 0, 6 * 4096, 2 * 4096);
    closeSync(fd);

    library = await open(root);
    expect(library.opened.movedAside).toMatch(/library\.corrupt-.+\.db$/);
    expect(library.listJobs().map((j) => j.id).sort()).toEqual([...ids].sort());
    expect(library.integrityCheck()).toBe('ok');
    library.close();
  });
});

describe('library: migrations', () => {
  it('brings a version 1 database up to date and keeps its jobs and journal', async () => {
    const root = tempRoot();
    // A library as version 1 wrote it: create a job with today's code for a valid job.json, then
    // replace the database with the version 1 schema holding the same row.
    let library = await open(root);
    const job = await library.updateJob((await library.createJob(newJob(), [picture()])).id, { state: 'completed' });
    library.close();
    for (const f of dbFiles(root)) rmSync(f, { force: true });
    const v1 = new DatabaseSync(path.join(root, 'library.db'));
    v1.exec(`
      CREATE TABLE jobs (id TEXT PRIMARY KEY, provider TEXT NOT NULL, model_id TEXT NOT NULL, state TEXT NOT NULL,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, revision INTEGER NOT NULL, record TEXT NOT NULL);
      CREATE INDEX jobs_created ON jobs (created_at);
      CREATE TABLE journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, at INTEGER NOT NULL,
        event TEXT NOT NULL, state TEXT NOT NULL, detail TEXT);
      CREATE INDEX journal_job ON journal (job_id, seq);
      PRAGMA user_version = 1;`);
    v1.prepare('INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(job.id, job.provider, job.modelId, job.state, job.createdAt, job.updatedAt, job.revision, JSON.stringify(job));
    v1.prepare('INSERT INTO journal (job_id, at, event, state, detail) VALUES (?, ?, ?, ?, ?)').run(job.id, 5, 'created', 'submitting', 'from version 1');
    v1.close();

    library = await open(root);
    expect(library.getJob(job.id)).toEqual(job);
    expect(library.journal(job.id)).toEqual([{ at: 5, event: 'created', state: 'submitting', detail: 'from version 1' }]);
    expect(library.unfinishedJobs()).toEqual([]);
    library.recordDuration({ provider: 'wavespeed', modelId: job.modelId, variant: job.variant }, 42);
    expect(library.durations({ provider: 'wavespeed', modelId: job.modelId, variant: job.variant })).toEqual([42]);
    // History finds it, its card made from the record by migration 4.
    expect(library.browse({ text: 'wavespeed' }).records).toEqual([
      { missing: false, card: expect.objectContaining({ id: job.id, state: 'completed', favourite: false, tags: [], outputs: [], inputs: [{ role: 'image', file: 'image.png' }] }) },
    ]);
    expect(library.integrityCheck()).toBe('ok');
    library.close();
    const peek = new DatabaseSync(path.join(root, 'library.db'), { readOnly: true });
    expect(peek.prepare('PRAGMA user_version').get()).toEqual({ user_version: 4 });
    // Migration 4 put each job's created_at beside its words, so a search orders it as the page does.
    expect(peek.prepare('SELECT created_at FROM search WHERE job_id = ?').get(job.id)).toEqual({ created_at: job.createdAt });
    expect(peek.prepare('SELECT finished_at FROM jobs WHERE id = ?').get(job.id)).toEqual({ finished_at: job.finishedAt });
    peek.close();
  });

  it('refuses a database from a newer app with a sentence and leaves it untouched', async () => {
    const root = tempRoot();
    (await open(root)).close();
    const db = new DatabaseSync(path.join(root, 'library.db'));
    db.exec('PRAGMA user_version = 99');
    db.close();
    const before = readFileSync(path.join(root, 'library.db'));
    await expect(open(root)).rejects.toThrow('The job library was written by a newer version of Hunyuan3D Studio (library version 99, this app knows 4). Update the app to open it.');
    expect(readFileSync(path.join(root, 'library.db'))).toEqual(before);
    expect(readdirSync(root).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});
