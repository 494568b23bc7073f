import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StudioApi } from '../../../shared/ipc';
import type { JobId, JobSummary } from '../../../shared/jobs';
import type { LibraryItem, LibraryQuery } from '../../../shared/library';
import { noFilters, queryOf, type HistoryFilters } from './filters';

/** Jobs per `library:list` call (the contract's largest page). */
const pageSize = 200;
/** Fetch ahead while fewer than this many loaded items lie beyond what the grid wants. */
const readAhead = 100;
/** Typing pauses this long before a search is sent. */
const searchPause = 200;

interface Loaded {
  /** The loaded prefix of the matching jobs, newest first (pages arrive in order). */
  items: LibraryItem[];
  total: number;
  /** The first page of the current query has arrived. */
  ready: boolean;
}

const sentenceOf = (error: unknown) => (error instanceof Error && error.message ? error.message : 'The app did not answer.');

/**
 * History's data: the jobs matching the filters, fetched a page at a time as the grid scrolls
 * towards them, and kept current from `library:changed` and `jobs:changed`. Only the loaded prefix is
 * held; the grid asks for more with `want(index)`.
 */
export function useHistory(studio: StudioApi) {
  const [filters, setFilters] = useState<HistoryFilters>(noFilters);
  const [sent, setSent] = useState<HistoryFilters>(noFilters);
  const [loaded, setLoaded] = useState<Loaded>({ items: [], total: 0, ready: false });
  const [problem, setProblem] = useState<string | null>(null);
  const items = useRef<LibraryItem[]>([]);
  /** undefined: no page asked yet for this query; null: the last page has arrived. */
  const cursor = useRef<string | null | undefined>(undefined);
  const fetching = useRef(false);
  /** Bumped on every new query or reload, so a late page of an old one is dropped. */
  const generation = useRef(0);
  const wanted = useRef(0);
  const query = useRef<LibraryQuery>({});
  // Jobs reported changed that the list did not hold even after reloading for them (filtered out).
  const notMatching = useRef(new Set<JobId>());

  // Search text waits for a pause in typing; the other filters apply at once (in the next task).
  useEffect(() => {
    if (filters === sent) return;
    const timer = setTimeout(() => setSent(filters), filters.text === sent.text ? 0 : searchPause);
    return () => clearTimeout(timer);
  }, [filters, sent]);

  /** Fetches pages in order until the loaded prefix reaches past what the grid wants. */
  const fetchMore = useCallback(async () => {
    if (fetching.current) return;
    const gen = generation.current;
    fetching.current = true;
    try {
      while (gen === generation.current && cursor.current !== null && (cursor.current === undefined || items.current.length <= wanted.current + readAhead)) {
        const first = cursor.current === undefined;
        const page = await studio.library.list({ ...query.current, cursor: cursor.current ?? null, limit: pageSize });
        if (gen !== generation.current) return;
        items.current = first ? page.items : items.current.concat(page.items);
        cursor.current = page.nextCursor;
        setLoaded({ items: items.current, total: Math.max(page.total, items.current.length), ready: true });
        setProblem(null);
      }
    } catch (error) {
      if (gen !== generation.current) return;
      // The cursor is kept, so the next scroll or change tries this page again.
      setProblem(`History could not be read. ${sentenceOf(error)}`);
      setLoaded((l) => ({ ...l, ready: true }));
    } finally {
      if (gen === generation.current) fetching.current = false;
    }
  }, [studio]);

  /** Starts the current query again from its first page; what is shown stays until it arrives. */
  const reload = useCallback(() => {
    generation.current += 1;
    cursor.current = undefined;
    fetching.current = false;
    void fetchMore();
  }, [fetchMore]);

  useEffect(() => {
    query.current = queryOf(sent, Date.now());
    notMatching.current.clear();
    wanted.current = 0;
    reload();
  }, [sent, reload]);

  /** The grid shows up to `index`: fetch ahead of it. */
  const want = useCallback(
    (index: number) => {
      if (index <= wanted.current) return;
      wanted.current = index;
      void fetchMore();
    },
    [fetchMore],
  );

  const patch = useCallback((id: JobId, change: (item: LibraryItem) => LibraryItem) => {
    const at = items.current.findIndex((i) => i.id === id);
    if (at < 0) return false;
    const next = items.current.slice();
    next[at] = change(next[at] as LibraryItem);
    items.current = next;
    setLoaded((l) => ({ ...l, items: next }));
    return true;
  }, []);

  /** A new or unknown job: reload once, a moment later (a burst of events reloads once). */
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadSoon = useCallback(() => {
    if (reloadTimer.current) return;
    reloadTimer.current = setTimeout(() => {
      reloadTimer.current = null;
      reload();
    }, 300);
  }, [reload]);
  useEffect(() => () => {
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    // A page that is gone reads no further pages (mounting again reloads from the first).
    generation.current += 1;
  }, []);

  const refresh = useCallback(
    async (id: JobId) => {
      if (!items.current.some((i) => i.id === id)) {
        if (!notMatching.current.has(id)) {
          notMatching.current.add(id);
          reloadSoon();
        }
        return;
      }
      // An answer for a list that has since reloaded (or a page that is gone) is dropped.
      const gen = generation.current;
      try {
        const detail = await studio.library.get({ id });
        if (gen === generation.current) patch(id, () => detail.item);
      } catch {
        // Trashed or forgotten: the list no longer has it.
        if (gen === generation.current) reloadSoon();
      }
    },
    [studio, patch, reloadSoon],
  );

  useEffect(() => {
    const offLibrary = studio.on('library:changed', ({ id }) => void refresh(id));
    const offJobs = studio.on('jobs:changed', (job: JobSummary) => {
      const known = patch(job.id, (item) => (item.updatedAt > job.updatedAt ? item : { ...item, ...job }));
      if (!known && !notMatching.current.has(job.id)) {
        notMatching.current.add(job.id);
        reloadSoon();
      }
    });
    return () => {
      offLibrary();
      offJobs();
    };
  }, [studio, patch, refresh, reloadSoon]);

  /** The job left the library (trashed, forgotten): gone from the grid at once. */
  const remove = useCallback((id: JobId) => {
    const next = items.current.filter((i) => i.id !== id);
    if (next.length === items.current.length) return;
    items.current = next;
    setLoaded((l) => ({ ...l, items: next, total: Math.max(0, l.total - 1) }));
  }, []);

  /** A reply to an action (favourite, tags) carries the item as it now is. */
  const replace = useCallback((item: LibraryItem) => void patch(item.id, () => item), [patch]);

  return useMemo(
    () => ({ filters, setFilters, ...loaded, problem, want, reload, replace, remove }),
    [filters, loaded, problem, want, reload, replace, remove],
  );
}

export type HistoryState = ReturnType<typeof useHistory>;
