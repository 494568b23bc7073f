/**
 * How long a job of one provider + model + variant takes: a lognormal learned from past durations,
 * with a prior centred on the catalog's typical time, and the progress estimate shown while a job runs
 * without a percent from its provider.
 */

/** A job-duration distribution (seconds). */
export interface EtaModel {
  readonly medianSeconds: number;
  /** Standard deviation of the log of the duration. */
  readonly sigma: number;
  /** How many past durations it learned from (0: the catalog's figure alone). */
  readonly n: number;
  quantile(p: number): number;
  cdf(s: number): number;
}

// Prior: a median at the catalog's figure worth PRIOR_MEAN_WEIGHT past jobs, and a log-spread of
// PRIOR_SIGMA worth PRIOR_SIGMA_WEIGHT jobs; a handful of real durations already outweigh it.
const PRIOR_MEAN_WEIGHT = 2;
const PRIOR_SIGMA = 0.4;
const PRIOR_SIGMA_WEIGHT = 4;
/** Providers change speed over months; the most recent durations are the ones that describe them. */
const MAX_HISTORY = 200;
const FALLBACK_TYPICAL_SECONDS = 60;
const LN2 = Math.LN2;
const SQRT1_2 = Math.SQRT1_2;

/**
 * log(erfc(x)) for x ≥ 0, from the Chebyshev fit in Numerical Recipes (erfcc): its relative error is
 * below 1.2e-7 everywhere, and in log form the far tail neither underflows nor loses digits, which
 * the hazard and the remaining time of a long-overdue job need.
 */
function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** log(1 − Φ(z)) of the standard normal, accurate in both tails. */
export function logUpperNormal(z: number): number {
  if (z >= 0) return logErfc(z * SQRT1_2) - LN2;
  return Math.log1p(-Math.exp(logErfc(-z * SQRT1_2) - LN2));
}

function normalCdf(z: number): number {
  return z < 0 ? Math.exp(logErfc(-z * SQRT1_2) - LN2) : 1 - Math.exp(logErfc(z * SQRT1_2) - LN2);
}

/** Φ⁻¹(p), Acklam's rational approximation (relative error about 1e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** A lognormal duration model, with the extra measures the poll planner and progress estimate use. */
export class LognormalEta implements EtaModel {
  readonly medianSeconds: number;
  readonly sigma: number;
  readonly n: number;
  private readonly mu: number;

  constructor(medianSeconds: number, sigma: number, n = 0) {
    if (!(medianSeconds > 0) || !Number.isFinite(medianSeconds)) throw new RangeError(`A median duration must be a positive number of seconds, not ${medianSeconds}.`);
    if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`A duration spread must be a positive number, not ${sigma}.`);
    this.medianSeconds = medianSeconds;
    this.sigma = sigma;
    this.n = n;
    this.mu = Math.log(medianSeconds);
  }

  /** Any EtaModel read as a lognormal through its median and spread. */
  static from(eta: EtaModel): LognormalEta {
    return eta instanceof LognormalEta ? eta : new LognormalEta(eta.medianSeconds, eta.sigma, eta.n);
  }

  private z(s: number): number {
    return (Math.log(s) - this.mu) / this.sigma;
  }

  cdf(s: number): number {
    return s > 0 ? normalCdf(this.z(s)) : 0;
  }

  quantile(p: number): number {
    if (!(p > 0)) return 0;
    if (p >= 1) return Infinity;
    return Math.exp(this.mu + this.sigma * normalQuantile(p));
  }

  /** log P(T > s). */
  logSurvival(s: number): number {
    return s > 0 ? logUpperNormal(this.z(s)) : 0;
  }

  /** f(s) / P(T > s): how likely the job is to finish right at s, given it has not yet. */
  hazard(s: number): number {
    if (!(s > 0)) return 0;
    const z = this.z(s);
    const logDensity = -Math.log(s * this.sigma) - 0.5 * Math.log(2 * Math.PI) - 0.5 * z * z;
    return Math.exp(logDensity - logUpperNormal(z));
  }

  /** E[T − s | T > s]: the expected remaining time (seconds) of a job still unfinished at s. */
  meanRemaining(s: number): number {
    const mean = Math.exp(this.mu + 0.5 * this.sigma * this.sigma);
    if (!(s > 0)) return mean;
    const z = this.z(s);
    // E[T·1{T>s}] = e^(μ+σ²/2)·(1 − Φ(z − σ)); both tails stay in log form.
    const conditionalMean = mean * Math.exp(logUpperNormal(z - this.sigma) - logUpperNormal(z));
    // Far in the tail the two terms agree to many digits; rounding must not make the remaining time zero.
    return Math.max(conditionalMean - s, s * 1e-6);
  }
}

/**
 * Durations learned per provider + model + variant (texture/PBR flag), seeded from the catalog.
 * A lognormal whose log-mean and log-spread have a conjugate (normal–inverse-χ²) prior centred on
 * `typicalSeconds`; past data overrides it as their number grows. Non-positive or non-finite
 * durations are ignored; only the last 200 are used (oldest first is assumed).
 */
export function learnEta(pastSeconds: readonly number[], typicalSeconds: number): EtaModel {
  const priorMu = Math.log(typicalSeconds > 0 && Number.isFinite(typicalSeconds) ? typicalSeconds : FALLBACK_TYPICAL_SECONDS);
  const logs = pastSeconds.filter((s) => Number.isFinite(s) && s > 0).slice(-MAX_HISTORY).map(Math.log);
  const n = logs.length;
  const sampleMean = n ? logs.reduce((sum, x) => sum + x, 0) / n : priorMu;
  const squares = logs.reduce((sum, x) => sum + (x - sampleMean) ** 2, 0);
  const meanWeight = PRIOR_MEAN_WEIGHT + n;
  const mu = (PRIOR_MEAN_WEIGHT * priorMu + n * sampleMean) / meanWeight;
  const variance =
    (PRIOR_SIGMA_WEIGHT * PRIOR_SIGMA ** 2 + squares + ((PRIOR_MEAN_WEIGHT * n) / meanWeight) * (sampleMean - priorMu) ** 2) / (PRIOR_SIGMA_WEIGHT + n);
  // The predictive spread also carries the doubt about the median itself.
  const sigma = Math.sqrt(variance * (1 + 1 / meanWeight));
  return new LognormalEta(Math.exp(mu), sigma, n);
}

/**
 * Progress to show for a job the provider gives no percent for: elapsed ÷ (elapsed + expected
 * remaining time given it is still running). It never reaches 1 before completion and keeps moving
 * past the median, because an overdue job's expected remaining time shrinks relative to its age.
 */
export function progressEstimate(eta: EtaModel, elapsedMs: number): { fraction: number; etaMs: number } {
  const model = LognormalEta.from(eta);
  const elapsed = Math.max(0, elapsedMs) / 1000;
  const remaining = model.meanRemaining(elapsed);
  const fraction = Math.min(elapsed / (elapsed + remaining), 1 - 1e-9);
  return { fraction, etaMs: Math.round(remaining * 1000) };
}
