/**
 * The job library: `<root>/library.db` indexes jobs, their state journal and learned durations;
 * `<root>/jobs/<id>/` holds each job's `job.json`, `inputs/` and `outputs/`. The folders are the
 * truth: every update writes job.json (fsynced, renamed) before the database row, and opening the
 * library repairs the database from the folders.
 */
import { randomUUID, webcrypto } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { mkdir, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../shared/errors';
import { isTerminal, jobIdSchema } from '../../../shared/jobs';
import type { LibraryQuery } from '../../../shared/library';
import type { Log } from '../log';
import { readConfined, type JobArea } from './confined-read';
import { JobIndex, isCorruption, moveAside, type BrowsePage, type DurationKey, type HistoryMark, type JournalEntry } from './database';
import { checkIntegrity } from './integrity';
import { lockLibrary } from './lock';
import { isPlainFileName, syncDir, writeFileAtomic } from './files';
import { fixedJobFields, jobFingerprint, jobRecordSchema, resultThumbnailFile, type JobRecord, type MutableJobFields, type NewJob, type NewJobInput, type StoredInput } from './record';
import { repairIndex, type RepairReport } from './repair';
import { cardOf } from './card';

/** jobIdSchema's pattern, tested directly where a page of ids is checked at once (zod costs ~2 µs each). */
const jobIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface LibraryOptions {
  /** `<dataDir>/library`; created if missing. */
  root: string;
  /** Milliseconds since the epoch; the engine's clock. */
  now: () => number;
  log?: Log;
}

export interface Library {
  readonly root: string;
  /** What opening found and fixed: a damaged database moved aside, rows repaired from folders. */
  readonly opened: { movedAside: string | null; repair: RepairReport };
  /** Stores the pictures and the record (state `submitting` unless `init` says otherwise). */
  createJob(init: NewJob, inputs: NewJobInput[]): Promise<JobRecord>;
  /** Applies `patch`, bumps `revision`; journals a state change, or `journal` when given. */
  updateJob(id: string, patch: Partial<MutableJobFields>, journal?: { event: string; detail?: string }): Promise<JobRecord>;
  getJob(id: string): JobRecord | undefined;
  /** Newest first; at most `limit` (default 500, what `jobs:list` can carry). */
  listJobs(opts?: { limit?: number }): JobRecord[];
  /** Jobs whose state is not terminal, oldest first (the order to resume them in). */
  unfinishedJobs(): JobRecord[];
  journal(id: string): JournalEntry[];
  recordDuration(key: DurationKey, seconds: number): void;
  /** Newest first, at most `limit` (default 20). */
  durations(key: DurationKey, limit?: number): number[];
  jobDir(id: string): string;
  inputsDir(id: string): string;
  outputsDir(id: string): string;
  /** One file of a job, confined to its folder; a StudioError with a sentence otherwise. */
  readJobFile(id: string, area: JobArea, name: string): Promise<Uint8Array>;
  /** History's page: newest first, filtered and searched, with a cursor for the next page. */
  browse(query: LibraryQuery): BrowsePage;
  /** Looks at the job's folder now (one stat, as checkFolders); records (and returns) whether it is gone. */
  checkFolder(id: string): Promise<{ missing: boolean }>;
  /** The same for a page of jobs at once (a stat each, ~5 µs: cheaper than 50 trips to the thread pool). */
  checkFolders(jobs: readonly { id: string; missing: boolean }[]): boolean[];
  /** Removes a job's row and journal; its folder is already gone (trashed, or deleted by hand). */
  dropJob(id: string): void;
  /** Stores the result's thumbnail as `jobs/<id>/thumb.webp` (atomically) and notes it in the record. */
  writeResultThumbnail(id: string, bytes: Uint8Array): Promise<JobRecord>;
  /**
   * Builds a fresh library.db from the job folders beside the live one, keeps the journal and
   * learned durations, and swaps it in. Jobs may run meanwhile: their updates are carried over.
   */
  rebuild(): Promise<{ jobs: number; repair: RepairReport }>;
  /** SQLite's `PRAGMA integrity_check`: `ok` when the database is sound. Reads every page. */
  integrityCheck(): string;
  close(): void;
}

const silent: Log = { info: () => {}, warn: () => {}, error: () => {} };

export async function openLibrary(opts: LibraryOptions): Promise<Library> {
  const log = opts.log ?? silent;
  const root = path.resolve(opts.root);
  const jobsDir = path.join(root, 'jobs');
  await mkdir(jobsDir, { recursive: true });
  const release = await lockLibrary(root);
  try {
    const dbFile = path.join(root, 'library.db');
    let movedAside: string | null = null;
    const setAside = (why: unknown): void => {
      movedAside = moveAside(dbFile, opts.now());
      log.warn('library: library.db was damaged; moved aside and rebuilt from the job folders', { movedAside, error: String(why) });
    };
    if (existsSync(dbFile)) {
      const verdict = await checkIntegrity(dbFile);
      if (verdict !== 'ok') setAside(verdict.slice(0, 500));
    }
    let index: JobIndex;
    try {
      index = new JobIndex(dbFile);
    } catch (error) {
      if (!isCorruption(error)) throw error;
      setAside(error);
      index = new JobIndex(dbFile);
    }
    let repair: RepairReport;
    try {
      if (movedAside) keepHistory(index, movedAside, log);
      repair = await repairIndex({ jobsDir, index, now: opts.now, log });
    } catch (error) {
      index.close();
      // Damage deep in the file shows only when repair reads those pages.
      if (!isCorruption(error) || movedAside) throw error;
      setAside(error);
      index = new JobIndex(dbFile);
      repair = await repairIndex({ jobsDir, index, now: opts.now, log });
    }
    if (movedAside) index.pruneJournal();
    return new StoredLibrary(root, await realpath(root), index, opts.now, log, { movedAside, repair }, release);
  } catch (error) {
    release();
    throw error;
  }
}

/** The journal and learned durations live only in library.db: take what a previous file still holds. */
function keepHistory(index: JobIndex, previous: string, log: Log, since?: HistoryMark): HistoryMark | undefined {
  try {
    return index.copyHistoryFrom(previous, since);
  } catch (error) {
    log.warn('library: the journal and learned durations could not be read from the previous library.db; they start afresh', { error: String(error) });
    return since;
  }
}

/** A dropped file's name as History shows and searches it: its last part, no control characters. */
function cleanName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 260);
  return base.length > 0 ? base : undefined;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  // WebCrypto hashes off the main thread: an 8 MB picture would take ~20 ms inline.
  const digest = await webcrypto.subtle.digest('SHA-256', bytes);
  return Buffer.from(digest).toString('hex');
}

/** Checks a record against the schema and makes it plain JSON, exactly as job.json will hold it. */
function checked(candidate: unknown): JobRecord {
  const plain: unknown = JSON.parse(JSON.stringify(candidate));
  const parsed = jobRecordSchema.safeParse(plain);
  if (!parsed.success) {
    throw new Error(`library: refused a job record (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  }
  return parsed.data;
}

class StoredLibrary implements Library {
  private closed = false;
  /** Per job, the tail of its updates: two updates of one job never interleave their writes. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /**
   * Records on disk whose row write failed (a locked or full database). job.json holds them, so
   * they count: reads and the next update start from them, and the next open indexes them.
   */
  private readonly unindexed = new Map<string, { record: JobRecord; owed: JournalEntry[] }>();
  /** While a rebuild runs: the newest record written, or null for a dropped job, to carry over. */
  private carried: Map<string, JobRecord | null> | null = null;

  constructor(
    readonly root: string,
    private readonly realRoot: string,
    private index: JobIndex,
    private readonly now: () => number,
    private readonly log: Log,
    readonly opened: Library['opened'],
    private readonly release: () => void,
  ) {}

  async createJob(init: NewJob, inputs: NewJobInput[]): Promise<JobRecord> {
    this.assertOpen();
    const names = new Set<string>();
    const roles = new Set<string>();
    for (const input of inputs) {
      if (!isPlainFileName(input.fileName) || names.has(input.fileName)) throw new Error(`library: ${JSON.stringify(input.fileName)} is not a usable input file name`);
      if (roles.has(input.role)) throw new Error(`library: two inputs for the role ${JSON.stringify(input.role)}`);
      names.add(input.fileName);
      roles.add(input.role);
    }
    const id = randomUUID();
    const at = this.now();
    const dir = this.jobDir(id);
    try {
      await mkdir(this.inputsDir(id), { recursive: true });
      await mkdir(this.outputsDir(id), { recursive: true });
      const stored: StoredInput[] = [];
      for (const input of inputs) {
        await writeFileAtomic(path.join(this.inputsDir(id), input.fileName), input.bytes);
        const originalName = cleanName(input.originalName);
        stored.push({
          role: input.role, file: input.fileName, mime: input.mime, width: input.width, height: input.height, bytes: input.bytes.byteLength, sha256: await sha256(input.bytes),
          ...(originalName ? { originalName } : {}),
        });
      }
      const given = dropUndefined(init);
      const state = given.state ?? 'submitting';
      const record = checked({
        text: null, notes: [], remote: null, prepared: null, attempt: 0, message: null, remedy: 'none',
        outputs: [], primaryOutput: null, costUsd: null, deadlineAt: null, submittedAt: null, startedAt: null,
        ...given,
        id, state, createdAt: at, updatedAt: at, finishedAt: isTerminal(state) ? at : null,
        inputs: stored,
        fingerprint: jobFingerprint({ provider: init.provider, modelId: init.modelId, remoteModel: init.remoteModel, params: init.params ?? {}, text: init.text ?? null }, stored),
        revision: 1,
      });
      // job.json last in the folder, then the folder's own entry, then the row: a crash before
      // the row leaves a folder the next open either indexes (job.json there) or removes.
      await writeFileAtomic(path.join(dir, 'job.json'), JSON.stringify(record, null, 2));
      await syncDir(path.dirname(dir));
      this.assertOpen();
      this.index.put(record, { at, event: 'created', state: record.state, detail: null });
      this.carried?.set(id, record);
      return record;
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  updateJob(id: string, patch: Partial<MutableJobFields>, journal?: { event: string; detail?: string }): Promise<JobRecord> {
    const run = async (): Promise<JobRecord> => {
      this.assertOpen();
      const current = this.getJob(id);
      if (!current) throw new StudioError('not-found', 'That job is no longer in the library.');
      const given = dropUndefined(patch) as Partial<JobRecord>;
      for (const key of fixedJobFields) {
        if (key in given) throw new Error(`library: a job's ${key} cannot change`);
      }
      const at = this.now();
      const state = given.state ?? current.state;
      // Entering a terminal state stamps the finish; leaving one (a retry) clears it.
      let finishedAt = current.finishedAt;
      if (!isTerminal(state)) finishedAt = null;
      else if (!isTerminal(current.state)) finishedAt = at;
      const next = checked({ ...current, ...given, finishedAt: 'finishedAt' in given ? given.finishedAt : finishedAt, updatedAt: at, revision: current.revision + 1 });
      await writeFileAtomic(path.join(this.jobDir(id), 'job.json'), JSON.stringify(next, null, 2));
      // From here the update is durable: a failed row write is caught up later, never reported as
      // a failed update (the engine must not think a stored provider id was lost).
      const entry = next.state !== current.state || journal
        ? { at, event: journal?.event ?? 'state', state: next.state, detail: journal?.detail ?? null }
        : null;
      if (this.closed) return next;
      this.carried?.set(id, next);
      const owed = [...(this.unindexed.get(id)?.owed ?? []), ...(entry ? [entry] : [])];
      try {
        this.index.put(next, owed);
        this.unindexed.delete(id);
      } catch (error) {
        this.unindexed.set(id, { record: next, owed });
        this.log.error('library: job.json was saved but the database row was not; it will be written with the next update or the next start', { id, error: String(error) });
      }
      return next;
    };
    const previous = this.queues.get(id) ?? Promise.resolve();
    const result = previous.then(run, run);
    const tail = result.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return result;
  }

  getJob(id: string): JobRecord | undefined {
    if (!jobIdSchema.safeParse(id).success) return undefined;
    this.assertOpen();
    return this.unindexed.get(id)?.record ?? this.index.get(id);
  }

  listJobs(opts?: { limit?: number }): JobRecord[] {
    this.assertOpen();
    const limit = Math.max(0, Math.floor(opts?.limit ?? 500));
    return limit === 0 ? [] : this.index.list(limit);
  }

  unfinishedJobs(): JobRecord[] {
    this.assertOpen();
    return this.index.unfinished();
  }

  journal(id: string): JournalEntry[] {
    this.assertOpen();
    return this.index.journal(id);
  }

  recordDuration(key: DurationKey, seconds: number): void {
    this.assertOpen();
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`library: ${seconds} is not a duration in seconds`);
    this.index.addDuration(key, seconds, this.now());
  }

  durations(key: DurationKey, limit = 20): number[] {
    this.assertOpen();
    return this.index.durations(key, Math.max(0, Math.floor(limit)));
  }

  jobDir(id: string): string {
    // Ids come from randomUUID; anything else would be a path, and paths do not become folders here.
    if (!jobIdSchema.safeParse(id).success) throw new Error(`library: ${JSON.stringify(id)} is not a job id`);
    return path.join(this.root, 'jobs', id);
  }

  inputsDir(id: string): string {
    return path.join(this.jobDir(id), 'inputs');
  }

  outputsDir(id: string): string {
    return path.join(this.jobDir(id), 'outputs');
  }

  readJobFile(id: string, area: JobArea, name: string): Promise<Uint8Array> {
    return readConfined(this.realRoot, id, area, name);
  }

  browse(query: LibraryQuery): BrowsePage {
    this.assertOpen();
    const page = this.index.browse(query);
    // A record whose row write failed is newer on disk than in its row.
    if (this.unindexed.size === 0) return page;
    return { ...page, records: page.records.map((r) => { const newer = this.unindexed.get(r.card.id)?.record; return newer ? { ...r, card: cardOf(newer) } : r; }) };
  }

  async checkFolder(id: string): Promise<{ missing: boolean }> {
    this.assertOpen();
    const [missing] = this.checkFolders([{ id, missing: this.index.isMissing(id) }]);
    return { missing: missing! };
  }

  checkFolders(jobs: readonly { id: string; missing: boolean }[]): boolean[] {
    this.assertOpen();
    // A page asks for 50–200 of these at once: the id check and path are kept to plain string work.
    const jobsDir = path.join(this.root, 'jobs') + path.sep;
    return jobs.map(({ id, missing: known }) => {
      if (!jobIdPattern.test(id)) throw new Error(`library: ${JSON.stringify(id)} is not a job id`);
      const missing = !existsSync(`${jobsDir}${id}${path.sep}job.json`);
      if (known !== missing) this.index.setMissing(id, missing);
      return missing;
    });
  }

  dropJob(id: string): void {
    this.assertOpen();
    this.index.drop(id);
    this.unindexed.delete(id);
    this.carried?.set(id, null);
  }

  async writeResultThumbnail(id: string, bytes: Uint8Array): Promise<JobRecord> {
    this.assertOpen();
    if (!this.getJob(id)) throw new StudioError('not-found', 'That job is no longer in the library.');
    await writeFileAtomic(path.join(this.jobDir(id), resultThumbnailFile), bytes);
    const job = this.getJob(id);
    return job?.resultThumbnail ? job : this.updateJob(id, { resultThumbnail: true });
  }

  async rebuild(): Promise<{ jobs: number; repair: RepairReport }> {
    this.assertOpen();
    if (this.carried) throw new StudioError('unavailable', 'History is already being rebuilt; wait for it to finish.');
    const dbFile = this.index.file;
    const sideFile = path.join(this.root, `library.rebuild-${randomUUID().slice(0, 8)}.db`);
    const removeSide = () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(sideFile + suffix, { force: true });
    };
    this.carried = new Map();
    let side: JobIndex | null = null;
    let liveClosed = false;
    try {
      side = new JobIndex(sideFile);
      // The journal first, so entries keep their order; what is written meanwhile follows at the swap.
      const mark = keepHistory(side, dbFile, this.log);
      const repair = await repairIndex({ jobsDir: path.join(this.root, 'jobs'), index: side, now: this.now, log: this.log, live: true });
      this.assertOpen();
      // From here to the end nothing awaits, so no update can land between copy and swap.
      keepHistory(side, dbFile, this.log, mark);
      side.pruneJournal();
      side.close();
      this.index.close();
      liveClosed = true;
      for (const suffix of ['-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
      renameSync(sideFile, dbFile);
      for (const suffix of ['-wal', '-shm']) rmSync(sideFile + suffix, { force: true });
      this.index = new JobIndex(dbFile);
      for (const [id, record] of this.carried) {
        if (record === null) this.index.drop(id);
        else if ((this.index.revisionOf(id) ?? 0) < record.revision) this.index.put(record, null);
      }
      return { jobs: this.index.ids().length, repair };
    } catch (error) {
      side?.close();
      removeSide();
      // The live index stays usable whatever failed: reopen it if the swap had begun.
      if (liveClosed) this.index = new JobIndex(dbFile);
      throw error;
    } finally {
      this.carried = null;
    }
  }

  integrityCheck(): string {
    this.assertOpen();
    return this.index.integrityCheck();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.index.close();
    this.release();
  }

  private assertOpen(): void {
    if (this.closed) throw new StudioError('unavailable', 'The job library is closed; restart the app to see your jobs.');
  }
}
