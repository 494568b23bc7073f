/**
 * npm run chaos [-- --trials N]: the core in a child process against the simulator, SIGKILLed at
 * random moments — during submit, polling, download, rename — restarted each time, then left to
 * finish. Checked afterwards, from the outside: every job ended (completed, or a terminal state
 * whose sentence explains it); the simulator saw no second submission of any job except ones marked
 * "Needs attention"; no partial or temp file in any job folder; the database passes integrity_check.
 * Ends with: RESULT chaos trials=<n> lost=<n> duplicate_submits=<n> partial_files=<n> integrity=<ok|bad>
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openLibrary } from '../../src/main/core/library';
import { isTerminal, type JobState } from '../../src/shared/jobs';
import { startSimulator } from '../sim/server';
import { simKeys } from '../support/engine-core';
import { seeded } from '../support/random';

const { values } = parseArgs({ options: { trials: { type: 'string', default: '120' }, seed: { type: 'string', default: '7' } } });
const trials = Number(values.trials);
const random = seeded(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const models = ['segmind/hunyuan-3d-2', 'segmind/hunyuan-3d-2', 'wavespeed/hunyuan3d/v2-mini', 'vtrix/tencent_hunyuan_3d', 'local/hunyuan3d-2.1'];
// Moments worth dying in: a state just entered, after a short, random delay (up to 40 ms real).
const killOn: (JobState | 'any')[] = ['submitting', 'submitting', 'queued', 'running', 'downloading', 'downloading', 'completed', 'any'];

const sim = await startSimulator({
  config: {
    keys: { segmind: [simKeys.segmind], wavespeed: [simKeys.wavespeed], vtrix: [simKeys.vtrix] },
    durationMs: 900,
    durationSigma: 0.5,
    // About a quarter of a second per result file: kills land mid-download too.
    downloadBytesPerSec: 200_000,
  },
});
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-chaos-'));
const child = path.join(import.meta.dirname, 'child.ts');
const told = new Map<string, number>(); // job id → seed, for jobs whose submit the artist saw succeed
let seed = 1000;

function startChild(): Promise<{ proc: ChildProcess; events: { id: string; state: string }[] }> {
  const proc = fork(child, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, CHAOS_SIM_URL: sim.url, CHAOS_DATA_DIR: dataDir, CHAOS_SPEED: '20' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let errors = '';
  proc.stderr?.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-4000)));
  const events: { id: string; state: string }[] = [];
  proc.on('message', (m) => {
    const message = m as { type: string; id?: string; state?: string; seed?: number };
    if (message.type === 'changed' && message.id && message.state) events.push({ id: message.id, state: message.state });
    if (message.type === 'submitted' && message.id) told.set(message.id, message.seed ?? 0);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the core did not start:\n${errors}`)), 60_000);
    proc.on('message', (m) => {
      if ((m as { type: string }).type === 'ready') {
        clearTimeout(timer);
        resolve({ proc, events });
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the core exited (${code ?? signal}) before it was ready:\n${errors}`));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function kill(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGKILL');
  return exited;
}

const started = Date.now();
const moments: Record<string, number> = {};
for (let trial = 1; trial <= trials; trial++) {
  const { proc, events } = await startChild();
  const submitted = Math.floor(random() * 3);
  for (let i = 0; i < submitted; i++) proc.send({ type: 'submit', seed: seed++, modelId: pick(models) });
  const moment = pick(killOn);
  const from = events.length;
  // Wait for the chosen moment (or give up after a while and kill anyway).
  const deadline = Date.now() + 2_500 + random() * 2_000;
  while (Date.now() < deadline) {
    if (moment === 'any' ? random() < 0.05 : events.slice(from).some((e) => e.state === moment)) break;
    await sleep(5);
  }
  await sleep(random() * 40);
  moments[moment] = (moments[moment] ?? 0) + 1;
  await kill(proc);
  if (trial % 10 === 0) console.log(`chaos: ${trial}/${trials} trials, ${told.size} jobs so far, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// The last start: nobody kills it; every job must reach an end.
console.log('chaos: letting the last start finish every job…');
const last = await startChild();
const listJobs = () =>
  new Promise<{ id: string; state: JobState; message: string | null }[]>((resolve) => {
    const onMessage = (m: unknown) => {
      const message = m as { type: string; jobs?: { id: string; state: JobState; message: string | null }[] };
      if (message.type === 'list') {
        last.proc.off('message', onMessage);
        resolve(message.jobs ?? []);
      }
    };
    last.proc.on('message', onMessage);
    last.proc.send({ type: 'list' });
  });
const settleBy = Date.now() + 180_000;
let jobs = await listJobs();
while (jobs.some((j) => !isTerminal(j.state)) && Date.now() < settleBy) {
  await sleep(500);
  jobs = await listJobs();
}
last.proc.send({ type: 'stop' });
await new Promise<void>((r) => last.proc.once('exit', () => r()));

// ─── the checks, from outside the app ───────────────────────────────────────────────────────────
const library = await openLibrary({ root: path.join(dataDir, 'library'), now: Date.now });
const records = library.listJobs({ limit: 100_000 });
const byId = new Map(records.map((r) => [r.id, r]));
let lost = 0;
const why: string[] = [];
for (const id of told.keys()) {
  const r = byId.get(id);
  if (!r) {
    lost++;
    why.push(`${id}: confirmed to the artist but missing from the library`);
  }
}
for (const r of records) {
  const explained = r.state === 'completed' || (r.message !== null && r.message.length > 10);
  if (!isTerminal(r.state) || !explained) {
    lost++;
    why.push(`${r.id}: ended ${r.state} with ${r.message === null ? 'no sentence' : `"${r.message}"`}`);
  }
  if (r.state === 'completed') {
    for (const out of r.outputs) {
      const file = path.join(library.outputsDir(r.id), out.name);
      const ok = (() => {
        try {
          return createHash('sha256').update(readFileSync(file)).digest('hex') === out.sha256;
        } catch {
          return false;
        }
      })();
      if (!ok) {
        lost++;
        why.push(`${r.id}: output ${out.name} missing or not what was downloaded`);
      }
    }
  }
}
let duplicates = 0;
for (const r of records) {
  const input = r.inputs.find((i) => i.role !== 'thumbnail');
  if (!input) continue;
  const count = sim.control.submissions({ input: input.sha256 }).length;
  if (count > 1 && r.state !== 'unknown-submission') {
    duplicates++;
    why.push(`${r.id}: submitted ${count} times (${r.state})`);
  }
}
const debris: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (/\.(part|tmp)$/i.test(name) || name.includes('.tmp-') || name.includes('.part-')) debris.push(path.relative(dataDir, full));
  }
};
walk(path.join(dataDir, 'library/jobs'));
const integrity = library.integrityCheck();
library.close();
await sim.close();

const counts: Record<string, number> = {};
for (const r of records) counts[r.state] = (counts[r.state] ?? 0) + 1;
console.log(`chaos: ${records.length} jobs in the library: ${JSON.stringify(counts)}; kills by moment: ${JSON.stringify(moments)}`);
console.log(`chaos: ${sim.control.submissions().length} paid submits seen by the simulator; data in ${dataDir}`);
for (const line of why.slice(0, 30)) console.log(`  ${line}`);
for (const file of debris.slice(0, 30)) console.log(`  left behind: ${file}`);
console.log(`RESULT chaos trials=${trials} lost=${lost} duplicate_submits=${duplicates} partial_files=${debris.length} integrity=${integrity === 'ok' ? 'ok' : 'bad'}`);
process.exit(lost + duplicates + debris.length === 0 && integrity === 'ok' ? 0 : 1);
