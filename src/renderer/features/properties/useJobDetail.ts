import { useCallback, useEffect, useState } from 'react';
import type { StudioApi } from '../../../shared/ipc';
import type { JobId } from '../../../shared/jobs';
import type { LibraryDetail, LibraryItem } from '../../../shared/library';

/** The selected job's full record (`library:get`), fetched again whenever main says it changed. */
export function useJobDetail(studio: StudioApi, id: JobId | null) {
  const [detail, setDetail] = useState<{ id: JobId; value: LibraryDetail } | null>(null);
  const [problem, setProblem] = useState<{ id: JobId; text: string } | null>(null);

  useEffect(() => {
    if (!id) return;
    let live = true;
    const fetch = () =>
      studio.library
        .get({ id })
        .then((value) => {
          if (!live) return;
          setDetail({ id, value });
          setProblem(null);
        })
        .catch((error: unknown) => {
          if (live) setProblem({ id, text: error instanceof Error && error.message ? error.message : 'The job could not be read.' });
        });
    void fetch();
    const offLibrary = studio.on('library:changed', (e) => {
      if (e.id === id) void fetch();
    });
    // State, cost and outputs move on while a job runs; the record is read again only when it ends.
    const offJobs = studio.on('jobs:changed', (job) => {
      if (job.id === id && job.finishedAt !== null) void fetch();
    });
    return () => {
      live = false;
      offLibrary();
      offJobs();
    };
  }, [studio, id]);

  /** An action's reply (favourite, tags, note) carries the item as it now is. */
  const replaceItem = useCallback((item: LibraryItem) => {
    setDetail((d) => (d && d.id === item.id ? { id: d.id, value: { ...d.value, item } } : d));
  }, []);

  return {
    replaceItem,
    detail: detail && detail.id === id ? detail.value : null,
    problem: problem && problem.id === id ? problem.text : null,
  };
}
