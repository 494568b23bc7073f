/**
 * Status polling on a fake clock: the engine's PollPlanner (learning only from the first 50 jobs of
 * each model) against fixed 1.0 s polling (the official SDKs' default) and against an oracle planner
 * that knows the true duration distribution, tuned to the same mean detection latency as ours.
 * Durations: lognormal around the catalog median, σ of the log 0.35. Every count includes the
 * request that discovers completion.
 */
import { findModel } from '../src/shared/catalog';
import { LognormalEta } from '../src/main/core/engine/eta';
import { learnEta, PollPlanner, type EtaModel } from '../src/main/core/engine/schedule';
import { seeded } from '../test/support/random';

const SIGMA = 0.35;
const HISTORY = 50;
const MEASURED = 500;
const SDK_INTERVAL_S = 1;
/** Segmind documents no gap between polls; half a second keeps us from hammering it. */
const FLOOR_MS = 500;
const MODELS = ['segmind/hunyuan-3d-2', 'segmind/hunyuan3d-2mv'];


function lognormalDraws(rng: () => number, median: number, count: number): number[] {
  const out: number[] = [];
  while (out.length < count) {
    // Box–Muller; 1 − u keeps the logarithm finite.
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    out.push(median * Math.exp(SIGMA * z));
  }
  return out;
}

interface Tally { requests: number; latency: number }

function sdk(durations: readonly number[]): Tally {
  let requests = 0;
  let latency = 0;
  for (const d of durations) {
    const polls = Math.max(1, Math.ceil(d / SDK_INTERVAL_S));
    requests += polls;
    latency += polls * SDK_INTERVAL_S - d;
  }
  return { requests: requests / durations.length, latency: latency / durations.length };
}

/** One planner per job, as the engine makes; the provider says "running" until the job is done. */
function planned(durations: readonly number[], eta: EtaModel, seed: number, targetLatencyMs?: number): Tally {
  const rng = seeded(seed);
  let requests = 0;
  let latency = 0;
  for (const d of durations) {
    const planner = new PollPlanner({ eta, floorMs: FLOOR_MS, rng, ...(targetLatencyMs ? { targetLatencyMs } : {}) });
    let nowMs = 0;
    for (;;) {
      nowMs += planner.next({ elapsedMs: nowMs, phase: 'running' });
      requests += 1;
      if (nowMs >= d * 1000) {
        latency += nowMs / 1000 - d;
        break;
      }
    }
  }
  return { requests: requests / durations.length, latency: latency / durations.length };
}

/** The oracle's target latency, bisected until its measured mean latency equals ours. */
function oracleAtLatency(durations: readonly number[], truth: EtaModel, latency: number, seed: number): Tally {
  let lo = 50;
  let hi = 5000;
  let best = planned(durations, truth, seed, (lo + hi) / 2);
  for (let i = 0; i < 20; i += 1) {
    const mid = (lo + hi) / 2;
    best = planned(durations, truth, seed, mid);
    if (best.latency > latency) hi = mid;
    else lo = mid;
  }
  return best;
}

const fmt = (x: number, digits = 2) => x.toFixed(digits);
const rows: { id: string; requestsRatio: number; latencyRatio: number; oracleRatio: number }[] = [];

for (const [index, id] of MODELS.entries()) {
  const model = findModel(id);
  if (!model) throw new Error(`The catalog has no model ${id}.`);
  const rng = seeded(1000 + index);
  const all = lognormalDraws(rng, model.typicalSeconds, HISTORY + MEASURED);
  const past = all.slice(0, HISTORY);
  const measured = all.slice(HISTORY);

  const eta = learnEta(past, model.typicalSeconds);
  const base = sdk(measured);
  const ours = planned(measured, eta, 7 + index);
  const oracle = oracleAtLatency(measured, new LognormalEta(model.typicalSeconds, SIGMA), ours.latency, 7 + index);
  const row = {
    id,
    requestsRatio: base.requests / ours.requests,
    latencyRatio: ours.latency / base.latency,
    oracleRatio: base.requests / oracle.requests,
  };
  rows.push(row);
  console.log(
    `${id} (typical ${model.typicalSeconds} s; learned median ${fmt(eta.medianSeconds, 1)} s, σ ${fmt(eta.sigma, 3)} from ${eta.n} jobs; ${measured.length} measured)`,
  );
  console.log(`  sdk 1 s : ${fmt(base.requests, 1)} requests/job, mean latency ${fmt(base.latency, 3)} s`);
  console.log(`  ours    : ${fmt(ours.requests, 1)} requests/job, mean latency ${fmt(ours.latency, 3)} s`);
  console.log(`  oracle  : ${fmt(oracle.requests, 1)} requests/job, mean latency ${fmt(oracle.latency, 3)} s (true distribution, same latency)`);
  console.log(`  requests_ratio=${fmt(row.requestsRatio)} latency_ratio=${fmt(row.latencyRatio)} oracle_ratio=${fmt(row.oracleRatio)} (ours reaches ${fmt((100 * row.requestsRatio) / row.oracleRatio, 0)} % of the oracle's saving)`);
}

// The worse model is the one whose requests ratio is lower; a tie goes to the slower detector.
const worst = rows.reduce((a, b) => (b.requestsRatio < a.requestsRatio || (b.requestsRatio === a.requestsRatio && b.latencyRatio > a.latencyRatio) ? b : a));
console.log(`worse model: ${worst.id}`);
console.log(`RESULT polling requests_ratio=${fmt(worst.requestsRatio)} latency_ratio=${fmt(worst.latencyRatio)} oracle_ratio=${fmt(worst.oracleRatio)}`);
