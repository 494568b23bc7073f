/** A stored job plus what the runner knows right now, as the page sees it (`JobSummary`). */
import type { CatalogModel } from '../../../shared/catalog';
import { isTerminal, type JobSummary } from '../../../shared/jobs';
import type { JobCard } from '../library';
import { progressEstimate, type EtaModel } from './schedule';

/** What only the running loop knows; gone after a restart until the next poll. */
export interface LiveView {
  phase?: 'queued' | 'running';
  percent?: number;
  /** A passing condition ("Segmind is busy; trying again in 8 s"), shown instead of nothing. */
  note?: string;
  eta?: EtaModel;
  runningSince?: number;
  /** The paid POST is on the wire. */
  submitting?: boolean;
}

/** From a whole record or a History card: both carry what a summary needs. */
export function summarise(job: JobCard, live: LiveView | undefined, now: number, model: CatalogModel | undefined): JobSummary {
  const ended = isTerminal(job.state);
  let progress: number | null = null;
  let estimated = false;
  let etaMs: number | null = null;
  if (job.state === 'completed') progress = 1;
  else if (job.state === 'downloading') progress = 0.99;
  else if (!ended && job.submittedAt !== null && live?.eta) {
    const since = live.runningSince ?? job.submittedAt;
    const guess = progressEstimate(live.eta, Math.max(0, now - since));
    etaMs = Math.round(guess.etaMs);
    if (live.percent !== undefined) {
      progress = Math.min(0.99, Math.max(0, live.percent / 100));
    } else {
      progress = Math.min(0.99, guess.fraction);
      estimated = true;
    }
  }
  return {
    id: job.id,
    modelId: job.modelId,
    modelLabel: (model?.label ?? job.modelLabel).slice(0, 200),
    provider: job.provider,
    state: job.state,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
    progress,
    progressEstimated: estimated,
    etaMs,
    message: (job.message ?? (ended ? null : live?.note ?? null))?.slice(0, 1000) ?? null,
    remedy: job.remedy,
    canCancel: !ended,
    canRetry: ended && job.state !== 'completed',
    retryMayPayTwice: job.state === 'unknown-submission',
    outputs: job.outputs.slice(0, 200).map((o) => ({ name: o.name, format: o.format, bytes: o.bytes })),
    costUsd: job.costUsd,
    notes: job.notes.slice(0, 20).map((n) => n.slice(0, 400)),
  };
}
