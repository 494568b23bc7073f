import { useCallback, useRef, useState } from 'react';
import type { StudioApi } from '../../../shared/ipc';
import { isTerminal, type JobId, type JobModel, type JobSummary } from '../../../shared/jobs';

/** A job's files as the viewport's open path takes them: the main file first, its siblings after. */
export function filesOf(model: JobModel): File[] {
  const ordered = [...model.files].sort((a, b) => Number(b.name === model.primary) - Number(a.name === model.primary));
  return ordered.map((f) => new File([f.bytes.slice()], f.name));
}

/** What opening a job's model needs: a Jobs entry or a History card will do. */
export type PreviewJob = Pick<JobSummary, 'id' | 'modelLabel'>;

/**
 * Finished jobs into the 3D preview. A job submitted here opens by itself when it completes,
 * unless the artist opened something since submitting it (a file, a drop, another job's "Open in
 * preview"): their choice is newer than ours and is not replaced. `show` is the viewport's open (told which job the files are).
 */
export function useJobPreview(studio: StudioApi, show: (files: File[], job: PreviewJob) => void) {
  const artistOpens = useRef(0);
  /** Jobs that open when they complete, with the count of the artist's opens when they were submitted. */
  const waiting = useRef(new Map<JobId, number>());
  const [problem, setProblem] = useState<string | null>(null);

  const open = useCallback(
    async (job: PreviewJob) => {
      try {
        show(filesOf(await studio.jobs.model({ id: job.id })), job);
        setProblem(null);
      } catch (error) {
        setProblem(`The model of ${job.modelLabel} could not be opened. ${error instanceof Error ? error.message : ''}`.trim());
      }
    },
    [studio, show],
  );

  /** The artist opened a model by hand. */
  const artistOpened = useCallback(() => {
    artistOpens.current += 1;
  }, []);

  /** Taken just before submitting, so an open during the submit counts as "since". */
  const mark = useCallback(() => artistOpens.current, []);

  /** Every copy of every job passes here; a waited-for job opens on its completion. */
  const seen = useCallback(
    (job: JobSummary) => {
      const since = waiting.current.get(job.id);
      if (since === undefined) return;
      if (job.state === 'completed') {
        waiting.current.delete(job.id);
        if (since === artistOpens.current) void open(job);
      } else if (isTerminal(job.state)) {
        waiting.current.delete(job.id);
      }
    },
    [open],
  );

  /** Wait for a job just submitted (its newest copy: it may have finished before the reply). */
  const openWhenDone = useCallback(
    (job: JobSummary, since: number) => {
      waiting.current.set(job.id, since);
      seen(job);
    },
    [seen],
  );

  /** "Open in preview" on a completed job's item. */
  const openAgain = useCallback(
    (job: PreviewJob) => {
      artistOpened();
      return open(job);
    },
    [artistOpened, open],
  );

  return { artistOpened, mark, seen, openWhenDone, openAgain, problem };
}

export type JobPreview = ReturnType<typeof useJobPreview>;
