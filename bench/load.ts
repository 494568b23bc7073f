/**
 * `npm run bench -- load`: 200 jobs at once through the real core — `jobs:submit` over the same
 * validating dispatcher as the app, the real image step, the library on disk, real polling and real
 * downloads — against the simulator in a child process (so its work does not count against our
 * event loop). Durations are the realistic medians × 0.05 (σ 0.35) and the engine's clock runs 20×
 * fast, so polls, ETAs and deadlines keep the schedule they would have at full length.
 * Measured over the whole run: event-loop delay (monitorEventLoopDelay, 1 ms resolution) and peak RSS
 * (sampled every 100 ms). An empty loop is measured for 2 s first, as a baseline for a busy machine.
 * LOAD_TRACE=1 also prints a memory/state timeline, every stall over 50 ms, and the start-up costs;
 * LOAD_LIMIT_MS changes how long the run may take (default 240 s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, type ELDHistogram } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createCore } from '../src/main/core';
import { scaledClock } from '../src/main/core/engine/clock';
import { createMemoryLog } from '../src/main/core/log';
import { createMemoryBackend } from '../src/main/core/settings/store';
import { isTerminal, type JobState, type JobSubmitInput, type JobSummary } from '../src/shared/jobs';
import { boundVault, picture, simEnv } from '../test/support/engine-core';
import { createStudioForCore } from '../test/support/studio-for-tests';

const JOBS = 200;
const SCALE = 0.05;
const SIGMA = 0.35;
const SPEED = 1 / SCALE;
const BASELINE_MS = 2_000;
const RSS_EVERY_MS = 100;
/** Longest the whole run may take before the bench gives up and reports what finished. */
const RUN_LIMIT_MS = Number(process.env.LOAD_LIMIT_MS ?? 240_000);
const targets = { loopDelayP99Ms: 20, rssMb: 400 };

/** The mix: mostly Segmind and WaveSpeed, some Vtrix (zipped OBJ and GLB), some self-hosted. */
const mix: { modelId: string; count: number; params?: JobSubmitInput['params']; views?: boolean }[] = [
  { modelId: 'segmind/hunyuan-3d-2', count: 60 },
  { modelId: 'segmind/hunyuan3d-2mv', count: 10, views: true },
  { modelId: 'wavespeed/hunyuan3d/v2-mini', count: 45 },
  { modelId: 'wavespeed/hunyuan3d/v2.1', count: 30 },
  { modelId: 'wavespeed/hunyuan3d/v2-multi-view', count: 5, views: true },
  { modelId: 'vtrix/tencent_hunyuan_3d', count: 20, params: { result_format: 'OBJ' } },
  { modelId: 'vtrix/tencent_hunyuan_3d', count: 10, params: { result_format: 'GLB' } },
  { modelId: 'local/hunyuan3d-2.1', count: 20 },
];
if (mix.reduce((n, m) => n + m.count, 0) !== JOBS) throw new Error('The mix must add up to the job count.');

const ms = (h: ELDHistogram, p: number) => h.percentile(p) / 1e6;
const fmt = (x: number) => x.toFixed(1);

function idleBaseline(): Promise<ELDHistogram> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  return new Promise((resolve) => setTimeout(() => (h.disable(), resolve(h)), BASELINE_MS));
}

/** The simulator as its own process; resolves with its URL once it says it is ready. */
function startSimChild(): Promise<{ url: string; child: ChildProcess }> {
  const config = JSON.stringify({ durationScale: SCALE, durationSigma: SIGMA, durationSeed: 7 });
  const cli = path.resolve(import.meta.dirname, '../test/sim/cli.ts');
  // Node with tsx's loader directly (not through npm or the tsx wrapper), so one pid stops it all.
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--config', config], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^sim ready (\S+)/.exec(line);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`The simulator stopped before it was ready (exit ${code}).`)));
    child.once('error', reject);
  });
}

async function simCount(url: string, what: string): Promise<number> {
  const answer = (await (await fetch(new URL(what, url))).json()) as { count?: number } | unknown[];
  return Array.isArray(answer) ? answer.length : (answer.count ?? -1);
}

// Inputs are made before anything is measured: they are the artist's photos, not the core's work.
const plan: JobSubmitInput[] = [];
for (const m of mix) {
  for (let i = 0; i < m.count; i++) {
    const seed = plan.length + 1;
    const photo = async (s: number) => ({ name: `photo-${s}.jpg`, bytes: await picture(s, 1024) });
    plan.push({
      modelId: m.modelId,
      params: m.params ?? {},
      inputs: m.views
        ? { kind: 'views', views: { front: await photo(seed), left: await photo(seed + 1000), back: await photo(seed + 2000) } }
        : { kind: 'image', image: await photo(seed) },
    });
  }
}

const baseline = await idleBaseline();
console.log(`idle loop (${BASELINE_MS / 1000} s, nothing running): p50 ${fmt(ms(baseline, 50))} ms, p99 ${fmt(ms(baseline, 99))} ms, max ${fmt(baseline.max / 1e6)} ms`);

const { url: simUrl, child: sim } = await startSimChild();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-load-'));
const log = createMemoryLog();
const caps = { segmind: JOBS, wavespeed: JOBS, vtrix: JOBS, local: JOBS };
const core = createCore({
  dataDir,
  settings: createMemoryBackend(),
  log,
  app: { name: 'Hunyuan3D Studio', version: '0.0.0-bench', shell: 'harness', platform: 'bench' },
  vault: boundVault(simUrl),
  clock: scaledClock(SPEED),
  env: simEnv(simUrl),
  engine: { concurrency: caps },
});
const { studio } = createStudioForCore(core, log);

const rssBefore = process.memoryUsage.rss();
let peakRss = rssBefore;
/** The memory picture at the peak: says whether it is JS heap, buffers, or native (sharp, SQLite). */
let atPeak = process.memoryUsage();
let peakAtMs = 0;
const rssTimer = setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) {
    peakRss = rss;
    atPeak = process.memoryUsage();
    peakAtMs = performance.now() - startedAt;
  }
  if (process.env.LOAD_TRACE && Math.round((performance.now() - startedAt) / 100) % 5 === 0) {
    const count = new Map<string, number>();
    for (const st of states.values()) count.set(st, (count.get(st) ?? 0) + 1);
    const u = process.memoryUsage();
    console.log(`t=${((performance.now() - startedAt) / 1000).toFixed(1)} rss=${(rss / 1048576).toFixed(0)} heap=${(u.heapUsed / 1048576).toFixed(0)} ab=${(u.arrayBuffers / 1048576).toFixed(0)} ${[...count].map(([k, v]) => `${k}:${v}`).join(' ')}`);
  }
}, RSS_EVERY_MS);
// With LOAD_TRACE: name every stall over 50 ms and when it happened, to line up with a --cpu-prof.
let lastBeat = performance.now();
const beat = process.env.LOAD_TRACE
  ? setInterval(() => {
      const now = performance.now();
      if (now - lastBeat > 50) console.log(`stall ${fmt(now - lastBeat)} ms ending at t=${fmt((now - startedAt) / 1000)} s`);
      lastBeat = now;
    }, 5)
  : undefined;
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const startedAt = performance.now();

const ended = new Map<string, JobState>();
const states = new Map<string, JobState>();
let events = 0;
let allEnded: () => void = () => undefined;
const allDone = new Promise<void>((resolve) => (allEnded = resolve));
const ids = new Set<string>();
/** How many jobs the run waits for: known once every submit has answered. */
let expected = Infinity;
// A job can end before the last submit returns, so states are kept for every id and matched later.
const check = () => {
  for (const id of ids) {
    const state = states.get(id);
    if (state && isTerminal(state)) ended.set(id, state);
  }
  if (ended.size >= expected) allEnded();
};
const note = (job: JobSummary) => {
  states.set(job.id, job.state);
  if (expected !== Infinity && isTerminal(job.state)) check();
};
// Through the page's API, as the Jobs list hears it (each event structured-cloned like IPC).
studio.on('jobs:changed', (job) => {
  events++;
  note(job);
});

let mark = performance.now();
await core.start();
const startMs = performance.now() - mark;
mark = performance.now();
// All 200 asked for at once, but each call arrives as its own task, as IPC messages do (ipcMain
// answers each in its own turn of the loop); one synchronous loop of 200 calls would instead run all
// their first steps in one turn, a stall no renderer can cause.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const calls = plan.map(async (input, i) => {
  for (let t = 0; t < i; t++) await nextTurn();
  return studio.jobs.submit(input);
});
const fireMs = performance.now() - mark;
if (process.env.LOAD_TRACE) console.log(`core.start ${fmt(startMs)} ms; firing ${JOBS} submits took ${fmt(fireMs)} ms synchronously`);
const submitted = await Promise.allSettled(calls);
const refused = submitted.filter((s) => s.status === 'rejected');
for (const s of submitted) {
  if (s.status !== 'fulfilled') continue;
  ids.add(s.value.id);
  if (!states.has(s.value.id)) states.set(s.value.id, s.value.state);
}
expected = ids.size;
check();
for (const r of refused.slice(0, 3)) console.log(`refused at submit: ${String((r as PromiseRejectedResult).reason)}`);
const submitMs = performance.now() - startedAt;

let timedOut = false;
await Promise.race([allDone, new Promise<void>((resolve) => setTimeout(() => ((timedOut = true), resolve()), RUN_LIMIT_MS).unref())]);
for (const id of ids) if (!ended.has(id)) ended.set(id, states.get(id) ?? 'queued');
const runMs = performance.now() - startedAt;
loop.disable();
clearInterval(rssTimer);
clearInterval(beat);
peakRss = Math.max(peakRss, process.memoryUsage.rss());

const byState = new Map<string, number>();
for (const state of ended.values()) byState.set(state, (byState.get(state) ?? 0) + 1);
const completedIds = [...ended].filter(([, s]) => s === 'completed').map(([id]) => id);
// A completed job has its model in its folder: count the folders that really hold one.
const withFiles = completedIds.filter((id) => readdirSync(path.join(dataDir, 'library/jobs', id, 'outputs')).length > 0).length;
// Cross-check against the library: what the Jobs list would show for every job that did not complete.
const stuck = (await studio.jobs.list()).filter((j) => ids.has(j.id) && j.state !== 'completed');
if (stuck.length > 0) {
  const by = new Map<string, number>();
  for (const j of stuck) by.set(`${j.modelId} ${j.state}`, (by.get(`${j.modelId} ${j.state}`) ?? 0) + 1);
  console.log(`not completed, by model and state: ${[...by].map(([k, v]) => `${k} ${v}`).join('; ')}; first: ${stuck[0]?.message ?? '(no message)'}`);
}
const paid = await simCount(simUrl, '/__sim/submissions');
const simJobs = await simCount(simUrl, '/__sim/jobs');

await core.close();
sim.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });

const p99 = ms(loop, 99);
const rssMb = peakRss / 1024 / 1024;
const completed = byState.get('completed') ?? 0;
console.log(`jobs: ${JOBS} submitted in ${fmt(submitMs / 1000)} s, all ended in ${fmt(runMs / 1000)} s${timedOut ? ` (gave up after ${RUN_LIMIT_MS / 1000} s)` : ''}; ${events} jobs:changed events`);
console.log(`  end states: ${[...byState].map(([s, n]) => `${s} ${n}`).join(', ')}; refused at submit ${refused.length}`);
console.log(`  completed with a model file on disk: ${withFiles}; paid submits at the simulator: ${paid} for ${simJobs} provider jobs`);
console.log(`loop delay during the run: p50 ${fmt(ms(loop, 50))} ms, p99 ${fmt(p99)} ms, max ${fmt(loop.max / 1e6)} ms  (idle baseline p99 ${fmt(ms(baseline, 99))} ms)`);
const mb = (n: number) => fmt(n / 1024 / 1024);
console.log(`peak RSS: ${fmt(rssMb)} MB at ${fmt(peakAtMs / 1000)} s (sampled every ${RSS_EVERY_MS} ms; ${mb(rssBefore)} MB before the run) — heap ${mb(atPeak.heapUsed)} MB, buffers ${mb(atPeak.arrayBuffers)} MB, external ${mb(atPeak.external)} MB`);
const missed = [
  completed < JOBS ? `${JOBS - completed} jobs did not complete` : '',
  p99 > targets.loopDelayP99Ms ? `p99 ${fmt(p99)} ms > ${targets.loopDelayP99Ms} ms` : '',
  rssMb > targets.rssMb ? `RSS ${fmt(rssMb)} MB > ${targets.rssMb} MB` : '',
].filter(Boolean);
console.log(missed.length ? `targets missed: ${missed.join('; ')}` : `targets met: all complete, p99 ≤ ${targets.loopDelayP99Ms} ms, RSS ≤ ${targets.rssMb} MB`);
console.log(`RESULT load jobs=${JOBS} completed=${completed} loop_delay_p99_ms=${fmt(p99)} rss_mb=${Math.round(rssMb)}`);
if (completed < JOBS) process.exitCode = 1;
