/**
 * Makes the database agree with the job folders on open. Every update writes job.json before the
 * row, so after a crash a folder may be ahead of its row (or have none) but never behind: the newer
 * job.json wins, and temp files a crash left behind are deleted. A row whose folder is gone was
 * deleted behind the app's back: it stays, marked missing, so History can say so and offer to
 * forget it (and a folder put back is found again).
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { jobIdSchema } from '../../../shared/jobs';
import type { Log } from '../log';
import type { JobIndex } from './database';
import { removeDebris, writeFileAtomic } from './files';
import { jobRecordSchema, type JobRecord } from './record';

export interface RepairReport {
  /** Rows written from a newer (or row-less) job.json. */
  repaired: number;
  /** job.json files written again from their row (the file was missing). */
  restored: number;
  /** Rows whose folder is gone (kept, marked missing). */
  missing: number;
  /** Folders of a createJob that never finished (no job.json, no row): nothing was submitted. */
  abandoned: number;
  /** Temp files deleted. */
  debris: number;
}

/** Folders handled at once: enough to keep the disk busy, few enough to keep each task short. */
const parallel = 8;

type Manifest = { kind: 'ok'; record: JobRecord } | { kind: 'missing' } | { kind: 'damaged'; reason: string };

export async function readManifest(file: string, id: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'damaged', reason: 'not JSON' };
  }
  const parsed = jobRecordSchema.safeParse(json);
  if (!parsed.success) return { kind: 'damaged', reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ') };
  if (parsed.data.id !== id) return { kind: 'damaged', reason: `its id ${parsed.data.id} is not its folder's name` };
  return { kind: 'ok', record: parsed.data };
}

/**
 * `live`: the library is open and jobs may be writing (an on-demand rebuild into a fresh index): a
 * temp file may be an update in flight and a folder without job.json a createJob in progress, so
 * neither is touched.
 */
export async function repairIndex(opts: { jobsDir: string; index: JobIndex; now: () => number; log: Log; live?: boolean }): Promise<RepairReport> {
  const { jobsDir, index, now, log, live = false } = opts;
  const report: RepairReport = { repaired: 0, restored: 0, missing: 0, abandoned: 0, debris: 0 };
  // Only real directories named like a job id: a symlink or a stray file is not a job.
  const folders = (await readdir(jobsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && jobIdSchema.safeParse(e.name).success)
    .map((e) => e.name);
  const kept = new Set<string>();

  const repairOne = async (id: string): Promise<void> => {
    const dir = path.join(jobsDir, id);
    if (!live) for (const d of [dir, path.join(dir, 'inputs'), path.join(dir, 'outputs')]) report.debris += await removeDebris(d);
    const manifest = await readManifest(path.join(dir, 'job.json'), id);
    const revision = index.revisionOf(id);
    if (manifest.kind === 'ok') {
      kept.add(id);
      if (revision !== undefined && manifest.record.revision <= revision) return;
      const detail = revision === undefined
        ? `The database had no row for this job; rebuilt from job.json (revision ${manifest.record.revision}).`
        : `job.json (revision ${manifest.record.revision}) was newer than the database (revision ${revision}).`;
      index.put(manifest.record, { at: now(), event: 'repaired', state: manifest.record.state, detail });
      report.repaired += 1;
      return;
    }
    if (manifest.kind === 'damaged') {
      // Kept as it is: a damaged manifest may still be the only record of a paid job.
      kept.add(id);
      log.warn('library: a job folder has a damaged job.json; left as it is', { id, reason: manifest.reason });
      return;
    }
    const row = revision === undefined ? undefined : index.get(id);
    if (row) {
      kept.add(id);
      await writeFileAtomic(path.join(dir, 'job.json'), JSON.stringify(row, null, 2));
      report.restored += 1;
      log.warn('library: a job folder had lost its job.json; written again from the database', { id });
      return;
    }
    if (live) return;
    // createJob writes job.json last and the row after it: without both, the job was never returned
    // to the engine, so nothing was submitted for it.
    await rm(dir, { recursive: true, force: true });
    report.abandoned += 1;
  };

  for (let i = 0; i < folders.length; i += parallel) {
    await Promise.all(folders.slice(i, i + parallel).map(repairOne));
  }
  for (const id of index.ids()) {
    const gone = !kept.has(id);
    if (gone !== index.isMissing(id)) index.setMissing(id, gone);
    if (gone) report.missing += 1;
  }
  if (report.repaired + report.restored + report.abandoned + report.debris > 0 || report.missing > 0) log.info('library: repaired on open', { ...report });
  return report;
}
