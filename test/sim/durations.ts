/**
 * How long a simulated job runs. Realistic medians per model, so a benchmark can run "the real
 * world, ×0.01"; which of them the documents state and which are guesses is said per line.
 */
import type { SimState } from './state';

/** Median run time in ms by the model slug the route sees. */
export const realisticMedianMs: Record<string, number> = {
  'hunyuan-3d-2': 36_910, // seed 000: "~36.91s"
  'hunyuan3d-2mv': 101_310, // seed 001: "~101.31s"
  'wavespeed-ai/hunyuan3d/v2-mini': 30_000, // guess: seed 002 says "as fast as 30 seconds"
  'wavespeed-ai/hunyuan3d/v2-base': 45_000, // guess
  'wavespeed-ai/hunyuan3d/v2.1': 60_000, // guess
  'wavespeed-ai/hunyuan3d/v2-multi-view': 60_000, // guess
  tencent_hunyuan_3d: 90_000, // guess: seed 003 gives no time
  'hunyuan3d-2.0': 60_000, // guess: self-hosted, depends on the GPU
  'hunyuan3d-2.1': 90_000, // guess
};

/** A standard normal draw from two seeded uniforms (Box–Muller). */
function normal(state: SimState): number {
  const u = state.nextUniform();
  const v = state.nextUniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * The duration of a new job: the request's `x-sim-duration-ms` header wins; else the model's own
 * setting, else its realistic median × `durationScale` when that is set, else `durationMs`; then,
 * with `durationSigma` > 0, a seeded lognormal draw whose median is that value.
 */
export function pickDuration(state: SimState, model: string, header: string | undefined): number {
  const asked = header === undefined || header === '' ? NaN : Number(header);
  if (Number.isFinite(asked) && asked >= 0) return asked;
  const c = state.config;
  const median = realisticMedianMs[model];
  const base = c.durationByModel[model] ?? (c.durationScale !== null && median !== undefined ? median * c.durationScale : c.durationMs);
  if (!(c.durationSigma > 0)) return base;
  return Math.round(base * Math.exp(c.durationSigma * normal(state)));
}
