/**
 * npm run bench -- library: History at 10 000 jobs. Seeds the jobs through the real store (job
 * folders + library.db), then, side by side in one run, times what the page waits for through the
 * real core's `library:*` handlers (dispatcher included) against two alternatives holding the same
 * records: an electron-store JSON file (`conf`, the library electron-store wraps) and a plain scan
 * of the 10 000 job.json manifests. Last line:
 * RESULT library jobs=10000 first_page_ms=<x> search_ms=<x> scale_ratio=<a> search_ratio=<b> update_ratio=<c> rebuild_s=<d>
 * scale_ratio = first page at 10 000 jobs ÷ at 100; search_ratio = the manifest scan's search ÷ ours;
 * update_ratio = one job update in the electron-store file ÷ ours. Medians of repeated runs.
 *
 * Fair to both sides: the seeding's own writes are flushed (`sync`) before anything is timed, so the
 * kernel writing them back lands in no figure; each timed path runs a few times first (as it has in
 * any session that shows History); and each side's updates start from a flushed disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { createCore } from '../src/main/core';
import { createMemoryLog } from '../src/main/core/log';
import { createMemoryBackend } from '../src/main/core/settings/store';
import { openLibrary, type JobRecord, type Library } from '../src/main/core/library';
import { createStudioForCore } from '../test/support/studio-for-tests';

const JOBS = 10_000;
const nouns = Array.from({ length: 100 }, (_, i) => `${['chair', 'lamp', 'robot', 'boot', 'vase', 'tree', 'helmet', 'sword', 'mug', 'drone'][i % 10]}${Math.floor(i / 10)}`);
const base = mkdtempSync(path.join(os.tmpdir(), 'hy3d-bench-library-'));
const dataDir = path.join(base, 'data');
const root = path.join(dataDir, 'library');
const start = Date.UTC(2026, 0, 1);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timeMs(runs: number, work: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work(i);
    times.push(performance.now() - t);
  }
  return median(times);
}
/** Writes the seeding left in the kernel's cache go to disk now, not during a timed run. */
const flushDisk = () => execFileSync('sync');

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(2000).fill(7)]);
async function seed(library: Library, from: number, to: number): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) {
      const i = next++;
      const job = await library.createJob(
        {
          provider: i % 3 === 0 ? 'segmind' : 'wavespeed', modelId: i % 3 === 0 ? 'segmind/hunyuan-3d-2' : 'wavespeed/hunyuan3d/v2.1',
          modelLabel: i % 3 === 0 ? 'Hunyuan3D 2' : 'Hunyuan3D 2.1', remoteModel: 'hunyuan', variant: 'default',
          params: { seed: i, octree_resolution: 256, steps: 30, texture: true }, text: i % 5 === 0 ? `a small ${nouns[(i * 7) % 100]} on a table` : null,
          state: 'queued', tags: i % 50 === 0 ? ['keeper'] : [],
        },
        [{ role: 'image', fileName: 'image.png', originalName: `${nouns[i % 100]}-photo-${i}.png`, bytes: png, mime: 'image/png', width: 512, height: 512 }],
      );
      await library.updateJob(job.id, { state: 'completed', outputs: [{ name: 'model.glb', format: 'glb', bytes: 1_000_000, sha256: 'a'.repeat(64) }], primaryOutput: 'model.glb', costUsd: 0.1 });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

// The store's clock: one job a minute, so dates spread like a real library.
let clockAt = start;
const now = () => (clockAt += 60_000);

function core() {
  const log = createMemoryLog();
  const made = createCore({
    dataDir, settings: createMemoryBackend(), log, keys: 'memory',
    app: { name: 'Hunyuan3D Studio', version: '0.0.0-bench', shell: 'harness', platform: 'bench' },
    env: { HY3D_ENDPOINT_SEGMIND: 'http://127.0.0.1:9', HY3D_ENDPOINT_WAVESPEED: 'http://127.0.0.1:9', HY3D_ENDPOINT_VTRIX: 'http://127.0.0.1:9', HY3D_ENDPOINT_LOCAL: 'http://127.0.0.1:9' },
  });
  return { core: made, studio: createStudioForCore(made, log).studio };
}

async function firstPage(): Promise<number> {
  flushDisk();
  const { core: c, studio } = core();
  await c.start();
  await timeMs(50, () => studio.library.list({ limit: 50 })); // warm: statements prepared, pages cached, code compiled
  const ms = await timeMs(30, () => studio.library.list({ limit: 50 }));
  await c.close();
  return ms;
}

console.log(`seeding ${JOBS} jobs through the store in ${base} …`);
let library = await openLibrary({ root, now });
let t = performance.now();
await seed(library, 0, 100);
library.close();
const page100 = await firstPage();
library = await openLibrary({ root, now });
await seed(library, 100, JOBS);
library.close();
console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const page10k = await firstPage();

// ─── ours, through the core ─────────────────────────────────────────────────────────────────────
const { core: c, studio } = core();
await c.start();
const word = nouns[42]!;
// Warm with other words, as an artist's earlier searches would: the measured word's page is not read before.
await timeMs(50, (i) => studio.library.list({ text: nouns[i % 40]!, limit: 50 }));
const found = await studio.library.list({ text: word, limit: 50 });
const searchOurs = await timeMs(30, () => studio.library.list({ text: word, limit: 50 }));
// The worst search: a word every job has (each is a Hunyuan3D model), so every job matches.
const everyJob = await studio.library.list({ text: 'hunyuan3d', limit: 50 });
const searchEvery = await timeMs(10, () => studio.library.list({ text: 'hunyuan3d', limit: 50 }));
const ids = (await studio.library.list({ limit: 200 })).items.map((i) => i.id);

// ─── a plain scan of the manifests ──────────────────────────────────────────────────────────────
const jobsDir = path.join(root, 'jobs');
const scanSearch = () => {
  const hits: JobRecord[] = [];
  const needle = word.toLowerCase();
  for (const id of readdirSync(jobsDir)) {
    const r = JSON.parse(readFileSync(path.join(jobsDir, id, 'job.json'), 'utf8')) as JobRecord;
    const hay = [r.text ?? '', ...r.inputs.map((i) => i.originalName ?? ''), r.modelLabel, r.modelId, r.provider, ...r.tags, r.note].join(' ').toLowerCase();
    if (hay.includes(needle)) hits.push(r);
  }
  return hits.sort((a, b) => b.createdAt - a.createdAt).slice(0, 50);
};
const scanHits = scanSearch().length;
const searchScan = await timeMs(3, scanSearch);

// ─── the same records in an electron-store file ─────────────────────────────────────────────────
const records: Record<string, JobRecord> = {};
for (const id of readdirSync(jobsDir)) records[id] = JSON.parse(readFileSync(path.join(jobsDir, id, 'job.json'), 'utf8')) as JobRecord;
const store = new Conf<{ jobs: Record<string, JobRecord> }>({ cwd: path.join(base, 'conf'), configName: 'history', projectName: 'hy3d-bench' });
store.set('jobs', records);
const confIds = Object.keys(records);
// Each side after a flush of everything before it: an fsync commits the file system's whole
// journal, so timing them in turn made each pay for the other's writes (10 MB for the file).
flushDisk();
for (let i = 0; i < 5; i++) await studio.library.update({ id: ids[i]!, favourite: true });
const updateOurs = await timeMs(30, (i) => studio.library.update({ id: ids[i % ids.length]!, favourite: i % 2 === 0 }));
flushDisk();
const updateConf = await timeMs(7, (i) => store.set(`jobs.${confIds[i]}.favourite`, i % 2 === 0));
await c.close();

// ─── rebuild from the folders ───────────────────────────────────────────────────────────────────
flushDisk();
for (const f of ['library.db', 'library.db-wal', 'library.db-shm']) rmSync(path.join(root, f), { force: true });
t = performance.now();
library = await openLibrary({ root, now });
const rebuildS = (performance.now() - t) / 1000;
const rebuilt = library.browse({}).total;
library.close();

console.log(`first page (50 of ${JOBS}) through library:list: ${page10k.toFixed(2)} ms (at 100 jobs: ${page100.toFixed(2)} ms)`);
console.log(`search "${word}" (${found.total} matches): ours ${searchOurs.toFixed(2)} ms, manifest scan ${searchScan.toFixed(0)} ms (${scanHits} on its first page)`);
console.log(`search "hunyuan3d" (${everyJob.total} matches, every job): ours ${searchEvery.toFixed(2)} ms`);
console.log(`one update (favourite): ours ${updateOurs.toFixed(2)} ms (job.json fsynced + row), electron-store file ${updateConf.toFixed(1)} ms`);
console.log(`rebuild of ${rebuilt} job folders after deleting library.db: ${rebuildS.toFixed(1)} s`);
rmSync(base, { recursive: true, force: true });
const f2 = (x: number) => x.toFixed(2);
console.log(`RESULT library jobs=${JOBS} first_page_ms=${f2(page10k)} search_ms=${f2(searchOurs)} scale_ratio=${f2(page10k / page100)} search_ratio=${f2(searchScan / searchOurs)} update_ratio=${f2(updateConf / updateOurs)} rebuild_s=${f2(rebuildS)}`);
