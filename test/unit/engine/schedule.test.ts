import { describe, expect, it } from 'vitest';
import { backoffMs, learnEta, PollPlanner, progressEstimate, retryAfterMs, type EtaModel, type PollObservation } from '../../../src/main/core/engine/schedule';
import { seeded } from '../../support/random';

/** Jitter factor exactly 1, so delays can be compared across planners. */
const noJitter = () => 0.5;


function lognormal(rng: () => number, median: number, sigma: number, count: number): number[] {
  return Array.from({ length: count }, () => median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng())));
}

/** Poll times (ms since submit) of a job that stays running for `untilMs`. */
function pollTimes(planner: PollPlanner, untilMs: number): number[] {
  const times: number[] = [];
  let now = 0;
  while (now < untilMs) {
    now += planner.next({ elapsedMs: now, phase: 'running' });
    times.push(now);
  }
  return times;
}

const eta37 = learnEta([], 37);

describe('learnEta', () => {
  it('starts at the catalog figure and follows past durations as they accumulate', () => {
    expect(eta37.medianSeconds).toBeCloseTo(37, 6);
    expect(eta37.n).toBe(0);
    expect(eta37.sigma).toBeGreaterThanOrEqual(0.35);
    expect(eta37.sigma).toBeLessThanOrEqual(0.55);

    const past = lognormal(seeded(1), 80, 0.2, 200);
    const learned = learnEta(past, 37);
    expect(learned.n).toBe(200);
    expect(learned.medianSeconds).toBeGreaterThan(76);
    expect(learned.medianSeconds).toBeLessThan(84);
    expect(learned.sigma).toBeGreaterThan(0.17);
    expect(learned.sigma).toBeLessThan(0.24);

    // A few jobs move it only part of the way.
    const few = learnEta(past.slice(0, 2), 37);
    expect(few.medianSeconds).toBeGreaterThan(37);
    expect(few.medianSeconds).toBeLessThan(learned.medianSeconds);
  });

  it('ignores durations that cannot be real', () => {
    const eta = learnEta([Number.NaN, -3, 0, Infinity, 40], 37);
    expect(eta.n).toBe(1);
    expect(learnEta([], 0).medianSeconds).toBeGreaterThan(0);
  });

  it('has a quantile that inverts its cdf', () => {
    for (const p of [0.001, 0.05, 0.5, 0.9, 0.999]) expect(eta37.cdf(eta37.quantile(p))).toBeCloseTo(p, 6);
    expect(eta37.cdf(0)).toBe(0);
    expect(eta37.quantile(0.5)).toBeCloseTo(37, 6);
  });
});

describe('PollPlanner', () => {
  it('never asks sooner than the provider allows, whatever it is told', () => {
    const fast: EtaModel = learnEta([1, 1.2, 0.9, 1.1], 1);
    for (const eta of [fast, eta37, learnEta([], 600)]) {
      const planner = new PollPlanner({ eta, floorMs: 2000, rng: seeded(2) });
      let now = 0;
      const observations: Omit<PollObservation, 'elapsedMs'>[] = [
        { phase: 'queued' as const },
        { phase: 'unknown' as const },
        { phase: 'running' as const },
        { phase: 'running' as const, percent: 99 },
        { phase: 'running' as const, percent: 100 },
      ];
      for (let i = 0; i < 400; i += 1) {
        const observation = observations[Math.floor(i / 80)] ?? { phase: 'running' };
        const delay = planner.next({ elapsedMs: now, ...observation });
        expect(delay).toBeGreaterThanOrEqual(2000);
        now += delay;
      }
    }
  });

  it('polls sparsely early and densely near the expected finish', () => {
    const times = pollTimes(new PollPlanner({ eta: eta37, floorMs: 0, rng: noJitter }), 37_000 * 3);
    const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
    const firstGap = gaps[0] ?? 0;
    const aroundMedian = gaps[times.findIndex((t) => t >= 37_000)] ?? Infinity;
    // Nothing can plausibly finish in the first seconds of a 37 s job, so the first request waits.
    expect(firstGap).toBeGreaterThan(8000);
    expect(aroundMedian).toBeLessThan(1500);
    expect(firstGap).toBeGreaterThan(5 * aroundMedian);
  });

  it('detects completion as fast as 1 s polling with far fewer requests', () => {
    const rng = seeded(3);
    const durations = lognormal(rng, 37, 0.35, 300);
    const eta = learnEta(durations.slice(0, 50), 37);
    let ours = 0;
    let sdk = 0;
    let latency = 0;
    for (const d of durations.slice(50)) {
      const planner = new PollPlanner({ eta, floorMs: 500, rng });
      let now = 0;
      do {
        now += planner.next({ elapsedMs: now, phase: 'running' });
        ours += 1;
      } while (now < d * 1000);
      latency += now / 1000 - d;
      sdk += Math.ceil(d);
    }
    expect(latency / 250).toBeLessThan(0.5);
    expect(sdk / ours).toBeGreaterThan(1.35);
  });

  it('restarts the run clock when a queued job starts running', () => {
    const fresh = new PollPlanner({ eta: eta37, floorMs: 0, rng: noJitter }).next({ elapsedMs: 0, phase: 'running' });

    // Queued for five minutes: each wait is that of a run about to start, since none has.
    const queued = new PollPlanner({ eta: eta37, floorMs: 0, rng: noJitter });
    let now = 0;
    while (now < 300_000) {
      const delay = queued.next({ elapsedMs: now, phase: 'queued' });
      expect(delay).toBe(fresh);
      now += delay;
    }
    const lastQueued = now - fresh;
    const afterQueue = queued.next({ elapsedMs: now, phase: 'running' });

    // A job running all along would be long overdue by now and be polled densely.
    const overdue = new PollPlanner({ eta: eta37, floorMs: 0, rng: noJitter }).next({ elapsedMs: now, phase: 'running' });
    expect(overdue).toBeLessThan(2000);
    // The run began at the earliest at the last queued report: polled like a job that started then.
    const startedAtLastQueued = new PollPlanner({ eta: eta37, floorMs: 0, rng: noJitter }).next({ elapsedMs: now - lastQueued, phase: 'running' });
    expect(afterQueue).toBe(startedAtLastQueued);
    expect(afterQueue).toBeGreaterThan(2 * overdue);
  });

  it('polls sooner when the provider says the job is nearly done', () => {
    const at = (percent: number) => new PollPlanner({ eta: eta37, floorMs: 0, rng: noJitter }).next({ elapsedMs: 20_000, phase: 'running', percent });
    expect(at(90)).toBeLessThan(at(10));
    // 10 % after 20 s implies a long run: the next poll is later than with no percent at all.
    const silent = new PollPlanner({ eta: eta37, floorMs: 0, rng: noJitter }).next({ elapsedMs: 20_000, phase: 'running' });
    expect(at(10)).toBeGreaterThan(silent);
  });

  it('spreads jobs started together', () => {
    const rng = seeded(4);
    const delays = new Set(Array.from({ length: 20 }, () => new PollPlanner({ eta: eta37, floorMs: 0, rng }).next({ elapsedMs: 30_000, phase: 'running' })));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('backoffMs', () => {
  it('stays within the doubling window and the cap', () => {
    const rng = seeded(5);
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const window = Math.min(30_000, 500 * 2 ** attempt);
      for (let i = 0; i < 50; i += 1) {
        const wait = backoffMs(attempt, { baseMs: 500, capMs: 30_000, rng });
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(window);
      }
    }
    expect(backoffMs(1000, { rng: () => 0.999999 })).toBeLessThanOrEqual(60_000);
    expect(backoffMs(Number.NaN, { rng: () => 0.999999 })).toBeLessThan(1000);
  });

  it('is jittered over the whole window', () => {
    const waits = Array.from({ length: 500 }, () => backoffMs(4, { baseMs: 1000, capMs: 60_000 }));
    expect(Math.min(...waits)).toBeLessThan(0.1 * 16_000);
    expect(Math.max(...waits)).toBeGreaterThan(0.9 * 16_000);
    expect(new Set(waits).size).toBeGreaterThan(400);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads Retry-After as seconds or an HTTP date, in any header case', () => {
    expect(retryAfterMs({ 'retry-after': '120' }, now)).toBe(120_000);
    expect(retryAfterMs({ 'Retry-After': ' 7 ' }, now)).toBe(7000);
    expect(retryAfterMs({ 'retry-after': new Date(now + 45_000).toUTCString() }, now)).toBe(45_000);
  });

  it("reads Segmind's reset time as epoch seconds, epoch milliseconds or an ISO date", () => {
    expect(retryAfterMs({ 'x-rate-limit-reset-at-utc': String((now + 20_000) / 1000) }, now)).toBe(20_000);
    expect(retryAfterMs({ 'X-Rate-Limit-Reset-At-UTC': String(now + 30_000) }, now)).toBe(30_000);
    expect(retryAfterMs({ 'x-rate-limit-reset-at-utc': '2025-06-01T12:01:00Z' }, now)).toBe(60_000);
    // "utc" in the name: an ISO date without a zone is UTC, not local time.
    expect(retryAfterMs({ 'x-rate-limit-reset-at-utc': '2025-06-01T12:00:10' }, now)).toBe(10_000);
  });

  it('clamps to between 1 s and 10 min', () => {
    expect(retryAfterMs({ 'retry-after': '0' }, now)).toBe(1000);
    expect(retryAfterMs({ 'retry-after': '86400' }, now)).toBe(600_000);
    expect(retryAfterMs({ 'retry-after': new Date(now - 60_000).toUTCString() }, now)).toBe(1000);
    expect(retryAfterMs({ 'x-rate-limit-reset-at-utc': String(now / 1000 + 7200) }, now)).toBe(600_000);
  });

  it('gives nothing when no header says when', () => {
    expect(retryAfterMs({}, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryAfterMs({ 'content-type': 'application/json' }, now)).toBeUndefined();
  });
});

describe('progressEstimate', () => {
  it('only moves forward, keeps moving past the median and never claims completion', () => {
    for (const eta of [eta37, learnEta(lognormal(seeded(6), 101, 0.35, 50), 101), learnEta(lognormal(seeded(7), 20, 0.9, 50), 20)]) {
      let previous = -1;
      const median = eta.medianSeconds * 1000;
      for (let t = 0; t <= 50 * median; t += median / 100) {
        const { fraction, etaMs } = progressEstimate(eta, t);
        expect(fraction).toBeGreaterThan(previous);
        expect(fraction).toBeLessThan(1);
        expect(etaMs).toBeGreaterThan(0);
        previous = fraction;
      }
      expect(progressEstimate(eta, 0).fraction).toBe(0);
      expect(progressEstimate(eta, 3 * median).fraction - progressEstimate(eta, 2 * median).fraction).toBeGreaterThan(0.005);
    }
  });

  it('expects less time left as the job approaches its median, and some left once overdue', () => {
    const atStart = progressEstimate(eta37, 0).etaMs;
    const atMedian = progressEstimate(eta37, 37_000).etaMs;
    expect(atStart).toBeGreaterThan(35_000);
    expect(atMedian).toBeLessThan(atStart - 20_000);
    expect(progressEstimate(eta37, 200_000).etaMs).toBeGreaterThan(1000);
  });
});
