/**
 * What a run typically takes and costs, before Generate, from the catalog's figures (the provider's
 * median time; the price only where the provider publishes one — never a guessed one).
 */
import type { CatalogModel } from '../../../shared/catalog';

/** "about 40 s", "about 2 min": a typical figure, so no false precision. */
export function aboutTime(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 90) return `about ${s} s`;
  return `about ${Math.round(s / 60)} min`;
}

/** "$0.31"; a price below a cent keeps its third decimal. */
export function money(usd: number): string {
  return `$${usd.toFixed(usd > 0 && usd < 0.01 ? 3 : 2)}`;
}

/** "Typical: about 37 s · $0.31 per run", or "… per run · cost not published". */
export function typicalLine(model: CatalogModel): string {
  const time = aboutTime(model.typicalSeconds);
  return model.costUsd === undefined ? `Typical: ${time} per run · cost not published` : `Typical: ${time} · ${money(model.costUsd)} per run`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "Batch: 3 pictures → 3 jobs · about 3 × $0.31 = $0.93 · up to about 2 min". The time is the
 * jobs one after another: the provider may run some at once, so it is an upper figure.
 */
export function batchLine(model: CatalogModel, pictures: number, jobs: number): string {
  const cost = model.costUsd === undefined ? 'cost not published' : `about ${jobs} × ${money(model.costUsd)} = ${money(model.costUsd * jobs)}`;
  return `Batch: ${plural(pictures, 'picture', 'pictures')} → ${plural(jobs, 'job', 'jobs')} · ${cost} · up to ${aboutTime(model.typicalSeconds * jobs)}`;
}
