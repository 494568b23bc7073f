import type { LibraryQuery } from '../../../shared/library';
import type { JobState } from '../../../shared/jobs';
import type { ProviderId } from '../../../shared/providers';

/** What the History head's search box and filters hold. */
export interface HistoryFilters {
  text: string;
  provider: ProviderId | '';
  modelId: string;
  status: StatusFilter | '';
  favourite: boolean;
  since: SinceFilter;
}

export const statusFilters = {
  completed: { label: 'Completed', states: ['completed'] },
  active: { label: 'In progress', states: ['submitting', 'queued', 'running', 'downloading'] },
  failed: { label: 'Failed', states: ['failed'] },
  cancelled: { label: 'Cancelled', states: ['cancelled'] },
  expired: { label: 'Expired', states: ['expired'] },
  attention: { label: 'Needs attention', states: ['unknown-submission'] },
} as const satisfies Record<string, { label: string; states: readonly JobState[] }>;
export type StatusFilter = keyof typeof statusFilters;

export const sinceFilters = {
  any: { label: 'Any time', days: null },
  day: { label: 'Last 24 hours', days: 1 },
  week: { label: 'Last 7 days', days: 7 },
  month: { label: 'Last 30 days', days: 30 },
} as const;
export type SinceFilter = keyof typeof sinceFilters;

export const noFilters: HistoryFilters = { text: '', provider: '', modelId: '', status: '', favourite: false, since: 'any' };

const day = 24 * 60 * 60 * 1000;

/** The `library:list` query for these filters (without cursor and limit). */
export function queryOf(f: HistoryFilters, now: number): LibraryQuery {
  const q: LibraryQuery = {};
  const text = f.text.trim();
  if (text) q.text = text.slice(0, 200);
  if (f.provider) q.providers = [f.provider];
  if (f.modelId) q.modelIds = [f.modelId];
  if (f.status) q.states = [...statusFilters[f.status].states];
  if (f.favourite) q.favourite = true;
  const days = sinceFilters[f.since].days;
  if (days !== null) q.from = now - days * day;
  return q;
}

export const isFiltered = (f: HistoryFilters) =>
  f.text.trim() !== '' || f.provider !== '' || f.modelId !== '' || f.status !== '' || f.favourite || f.since !== 'any';
