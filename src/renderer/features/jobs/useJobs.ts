import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudioApi } from '../../../shared/ipc';
import type { JobId, JobSummary } from '../../../shared/jobs';

const newestFirst = (a: JobSummary, b: JobSummary) => b.createdAt - a.createdAt;

/**
 * Every job the core knows, newest first, kept live: the `jobs:list` answer at start, then each
 * `jobs:changed` event and each summary a call (submit, retry, cancel) answered with. Whichever
 * of two copies of a job was updated later wins, so a slow list reply cannot undo a newer event.
 * `onSeen` hears every copy that was kept (the preview waits for completions through it).
 */
export function useJobs(studio: StudioApi, onSeen?: (job: JobSummary) => void) {
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const known = useRef(new Map<JobId, JobSummary>());
  const seen = useRef(onSeen);
  useEffect(() => {
    seen.current = onSeen;
  });

  const merge = useCallback((incoming: readonly JobSummary[]) => {
    const kept: JobSummary[] = [];
    for (const job of incoming) {
      const had = known.current.get(job.id);
      if (had && had.updatedAt > job.updatedAt) continue;
      known.current.set(job.id, job);
      kept.push(job);
    }
    if (kept.length === 0) return;
    setJobs([...known.current.values()].sort(newestFirst));
    for (const job of kept) seen.current?.(job);
  }, []);

  useEffect(() => {
    let live = true;
    // Subscribed before listing, so a change between the two is not missed.
    const off = studio.on('jobs:changed', (job) => {
      if (live) merge([job]);
    });
    studio.jobs
      .list()
      .then((list) => {
        if (!live) return;
        merge(list);
        setProblem(null);
      })
      .catch((error: unknown) => {
        if (live) setProblem(`The jobs could not be listed. ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        if (live) setLoaded(true);
      });
    return () => {
      live = false;
      off();
    };
  }, [studio, merge]);

  /** The newest copy of a job, outside rendering (after a call's reply). */
  const latest = useCallback((id: JobId) => known.current.get(id), []);
  const upsert = useCallback((job: JobSummary) => merge([job]), [merge]);

  return { jobs, loaded, problem, upsert, latest };
}

export type JobsState = ReturnType<typeof useJobs>;
