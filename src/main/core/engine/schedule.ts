/**
 * When the engine next speaks to a provider about a job: status polls planned from the learned
 * duration, full-jitter backoff after 5xx and network errors, and the wait a 429 asks for.
 */
import { rateLimitWaitMs } from '../providers/classify';
import { LognormalEta, type EtaModel } from './eta';

export { learnEta, progressEstimate, type EtaModel } from './eta';

export interface PollObservation {
  /** Since the submit was accepted. */
  elapsedMs: number;
  phase: 'queued' | 'running' | 'unknown';
  /** 0–100, when the provider reports one. */
  percent?: number;
}

export interface PollPlannerOptions {
  eta: EtaModel;
  /** Provider guidance on the shortest gap between polls (WaveSpeed ≥ 2000). */
  floorMs: number;
  rng?: () => number;
  /**
   * Mean detection latency (poll time − true finish) the schedule aims at over the ETA's
   * distribution. 450 ms: a little under the 0.5 s that fixed 1 s polling gives, so a model learned
   * from few jobs still detects as fast as the SDKs do.
   */
  targetLatencyMs?: number;
  /** The longest gap, so a job far faster than its history is still noticed. */
  maxDelayMs?: number;
}

const DEFAULT_TARGET_LATENCY_MS = 450;
const DEFAULT_MAX_DELAY_MS = 30_000;
/** ±5 %: enough that many jobs started together do not poll in step, small enough not to cost latency. */
const JITTER = 0.1;
/** Integration grid, in log-seconds per standard deviation of the log-duration. */
const STEPS_PER_SIGMA = 100;
/** Before median·e^(−8σ) a lognormal job has practically no chance of finishing. */
const EARLIEST_SIGMAS = 8;

/**
 * Plans status polls so that detection latency is small where finishing is likely and requests are
 * few where it is not. Minimising mean latency + λ·requests gives a gap of c/√h(t) at time t, h the
 * hazard (chance of finishing now given not yet), which is the classic optimal inspection rule; the
 * planner places each next poll where ∫√h from now reaches c. Because the hazard of the remaining
 * time given survival is the same function, the rule needs no history of earlier polls. c is set
 * once from the target latency: mean latency ≈ (c/2)·∫√(f·S).
 *
 * Phases: while `queued` the run has not started, so the next poll is the first poll of a fresh run;
 * at the first `running` the run clock starts at the last `queued` report (the earliest the run can
 * have started, so polls err early). A percent rescales the ETA toward elapsed ÷ fraction.
 */
export class PollPlanner {
  private readonly eta: LognormalEta;
  private readonly floorMs: number;
  private readonly maxDelayMs: number;
  private readonly rng: () => number;
  private readonly c: number;
  private lastQueuedS: number | undefined;
  private runStartS: number | undefined;

  constructor(opts: PollPlannerOptions) {
    this.eta = LognormalEta.from(opts.eta);
    this.floorMs = Math.max(0, opts.floorMs);
    this.maxDelayMs = Math.max(this.floorMs, opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
    this.rng = opts.rng ?? Math.random;
    const latencyS = Math.max(1, opts.targetLatencyMs ?? DEFAULT_TARGET_LATENCY_MS) / 1000;
    this.c = (2 * latencyS) / sqrtDensitySurvivalIntegral(this.eta);
  }

  /** Delay before the next status request, given what the provider last said. */
  next(obs: PollObservation): number {
    const now = Math.max(0, obs.elapsedMs) / 1000;
    let runElapsed: number;
    let model = this.eta;
    if (obs.phase === 'queued') {
      this.lastQueuedS = now;
      this.runStartS = undefined;
      runElapsed = 0;
    } else {
      this.runStartS ??= Math.min(this.lastQueuedS ?? 0, now);
      runElapsed = now - this.runStartS;
      if (obs.percent !== undefined) model = rescaleByPercent(this.eta, runElapsed, obs.percent);
    }
    const gapS = this.gapFrom(model, runElapsed);
    const jittered = gapS * 1000 * (1 + JITTER * (this.rng() - 0.5));
    return Math.round(Math.min(this.maxDelayMs, Math.max(this.floorMs, jittered)));
  }

  /** Seconds from `from` to the point where ∫√h reaches c (capped at the longest gap). */
  private gapFrom(model: LognormalEta, from: number): number {
    const maxS = this.maxDelayMs / 1000;
    const dy = model.sigma / STEPS_PER_SIGMA;
    let y = Math.log(Math.max(from, model.medianSeconds * Math.exp(-EARLIEST_SIGMAS * model.sigma)));
    const yEnd = Math.log(from + maxS);
    const integrand = (yy: number) => {
      const s = Math.exp(yy);
      return s * Math.sqrt(model.hazard(s));
    };
    let acc = 0;
    let g = integrand(y);
    while (y < yEnd) {
      const gNext = integrand(y + dy);
      const piece = 0.5 * (g + gNext) * dy;
      if (acc + piece >= this.c) {
        const at = y + (dy * (this.c - acc)) / piece;
        return Math.exp(at) - from;
      }
      acc += piece;
      y += dy;
      g = gNext;
    }
    return maxS;
  }
}

/** The engine makes a planner per job from one learned model; the integral is worked out once for it. */
const integrals = new WeakMap<LognormalEta, number>();

/** ∫₀^∞ √(f·S) ds of a lognormal, in log-seconds (s·S·√h per unit of log s). */
function sqrtDensitySurvivalIntegral(eta: LognormalEta): number {
  const known = integrals.get(eta);
  if (known !== undefined) return known;
  const mu = Math.log(eta.medianSeconds);
  const dy = eta.sigma / STEPS_PER_SIGMA;
  let sum = 0;
  for (let y = mu - EARLIEST_SIGMAS * eta.sigma; y <= mu + EARLIEST_SIGMAS * eta.sigma; y += dy) {
    const s = Math.exp(y);
    sum += s * Math.exp(eta.logSurvival(s)) * Math.sqrt(eta.hazard(s)) * dy;
  }
  integrals.set(eta, sum);
  return sum;
}

/**
 * The run duration given `percent` done after `runElapsed` seconds: the median moves toward
 * runElapsed ÷ fraction and the spread narrows, both in proportion to the fraction (a guess: no
 * provider documents how linear its percent is). 100 % without a result means finishing touches.
 */
function rescaleByPercent(eta: LognormalEta, runElapsed: number, percent: number): LognormalEta {
  const fraction = Math.min(0.99, percent / 100);
  if (!(fraction > 0) || !(runElapsed > 0)) return eta;
  const implied = runElapsed / fraction;
  const logMedian = (1 - fraction) * Math.log(eta.medianSeconds) + fraction * Math.log(implied);
  return new LognormalEta(Math.exp(logMedian), eta.sigma * (1 - 0.5 * fraction), eta.n);
}

/**
 * Full-jitter exponential backoff for 5xx and network errors: uniform in [0, min(cap, base·2^attempt)),
 * attempt 0 for the first retry. Defaults: base 1 s, cap 60 s.
 */
export function backoffMs(attempt: number, opts: { baseMs?: number; capMs?: number; rng?: () => number } = {}): number {
  const base = opts.baseMs ?? 1000;
  const cap = opts.capMs ?? 60_000;
  const rng = opts.rng ?? Math.random;
  const n = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  const window = Math.min(cap, base * 2 ** Math.min(n, 60));
  return Math.floor(rng() * window);
}

/**
 * The wait a rate-limited answer asks for: `Retry-After` (seconds or an HTTP date) or Segmind's
 * `x-rate-limit-reset-at-utc` (undocumented format: epoch seconds, epoch milliseconds or an ISO
 * date are accepted), clamped to [1 s, 10 min]. Header names in any case. The parsing is the
 * adapters' own (providers/classify), so the engine and the error sentences agree on the wait.
 */
export function retryAfterMs(headers: Record<string, string>, nowMs: number): number | undefined {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  return rateLimitWaitMs(lower, nowMs);
}
