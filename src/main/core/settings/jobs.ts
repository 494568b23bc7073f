/** The Jobs settings (minutes, as the artist writes them) in the engine's units. */
import { providerIds, type JobsSettings, type ProviderId } from '../../../shared/settings';

export function engineTuning(jobs: JobsSettings): { concurrency: Record<ProviderId, number>; deadlineMs: Record<ProviderId, number> } {
  const deadlineMs = Object.fromEntries(providerIds.map((p) => [p, jobs.deadlineMinutes[p] * 60_000])) as Record<ProviderId, number>;
  return { concurrency: { ...jobs.concurrency }, deadlineMs };
}
