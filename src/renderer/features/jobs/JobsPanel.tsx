import { useCallback, useRef, useState } from 'react';
import { providerNames } from '../../../shared/provider-names';
import { isTerminal, type JobId, type JobSummary } from '../../../shared/jobs';
import { useStudio } from '../../studio-context';
import { ConfirmDialog } from './ConfirmDialog';
import { JobItem } from './JobItem';
import type { JobPreview } from './useJobPreview';
import type { JobsState } from './useJobs';
import { startedWords } from './words';
import './jobs.css';

interface JobsPanelProps {
  jobs: JobsState;
  preview: JobPreview;
  onOpenSettings: () => void;
}

interface Note {
  text: string;
  alert: boolean;
}

const sentenceOf = (error: unknown) => (error instanceof Error && error.message ? error.message : 'The app did not answer. Try again in a moment.');

/** "<model> <time>" per job, with "(2)", "(3)" where two would read the same (a batch in one second). */
function uniqueNames(jobs: readonly JobSummary[], now: number): Map<JobId, { name: string; started: string }> {
  const out = new Map<JobId, { name: string; started: string }>();
  const used = new Map<string, number>();
  // Oldest first, so a job keeps its name when newer ones arrive.
  for (const job of [...jobs].reverse()) {
    const started = startedWords(job.createdAt, now);
    const base = `${job.modelLabel} ${started}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    out.set(job.id, { name: n === 1 ? base : `${base} (${n})`, started });
  }
  return out;
}

/** The bottom-left area: every job, live, with what can be done about each. */
export function JobsPanel({ jobs, preview, onOpenSettings }: JobsPanelProps) {
  const studio = useStudio();
  const [note, setNote] = useState<Note | null>(null);
  const [asking, setAsking] = useState<JobSummary | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<JobId>>(new Set());
  // A ref as well as state: a double click lands before React re-renders the disabled button.
  const inFlight = useRef(new Set<JobId>());
  // "Today" as of opening the window: names stay the same for as long as the window is open.
  const [today] = useState(() => Date.now());

  const act = useCallback(async (id: JobId, call: () => Promise<void>) => {
    if (inFlight.current.has(id)) return;
    inFlight.current.add(id);
    setBusy(new Set(inFlight.current));
    try {
      await call();
    } catch (error) {
      setNote({ text: sentenceOf(error), alert: true });
    } finally {
      inFlight.current.delete(id);
      setBusy(new Set(inFlight.current));
    }
  }, []);

  const cancel = (job: JobSummary) =>
    act(job.id, async () => {
      const result = await studio.jobs.cancel({ id: job.id });
      jobs.upsert(result.job);
      setNote({ text: result.message, alert: false });
    });

  const retry = (job: JobSummary, confirmPaidTwice: boolean) =>
    act(job.id, async () => {
      const since = preview.mark();
      const again = await studio.jobs.retry(confirmPaidTwice ? { id: job.id, confirmPaidTwice: true } : { id: job.id });
      jobs.upsert(again);
      preview.openWhenDone(jobs.latest(again.id) ?? again, since);
      setNote(null);
    });

  const askOrRetry = (job: JobSummary) => {
    if (job.retryMayPayTwice) setAsking(job);
    else void retry(job, false);
  };

  const names = uniqueNames(jobs.jobs, today);
  const running = jobs.jobs.filter((j) => !isTerminal(j.state)).length;
  const problem = preview.problem ?? jobs.problem;

  return (
    <section className="panel jobs" aria-labelledby="jobs-title">
      <div className="panel-head">
        <h2 id="jobs-title">Jobs</h2>
        {running > 0 && <span className="jobs-count">{running} in progress</span>}
      </div>
      <ul aria-labelledby="jobs-title" className="job-list">
        {jobs.jobs.map((job) => {
          const { name, started } = names.get(job.id) ?? { name: job.modelLabel, started: '' };
          return (
            <JobItem key={job.id} job={job} name={name} started={started} busy={busy.has(job.id)}
              onCancel={() => void cancel(job)} onRetry={() => askOrRetry(job)}
              onOpen={() => void preview.openAgain(job)} onOpenSettings={onOpenSettings} />
          );
        })}
      </ul>
      {jobs.loaded && jobs.jobs.length === 0 && !jobs.problem && (
        <p className="hint">No jobs yet. Add a picture or a prompt on the left and press Generate; each job shows here while it runs.</p>
      )}
      {problem && <p role="alert" className="jobs-note problem">{problem}</p>}
      {note && (
        <p role={note.alert ? 'alert' : 'status'} className={`jobs-note${note.alert ? ' problem' : ''}`}>
          {note.text}
        </p>
      )}
      {asking && (
        <ConfirmDialog
          title="Retry this job?"
          confirm="Retry anyway"
          cancel="Don’t retry"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            const job = asking;
            setAsking(null);
            void retry(job, true);
          }}
        >
          <p>
            The app stopped while sending this {asking.modelLabel} job, so it cannot tell whether {providerNames[asking.provider]} started it.
            Retrying may start and bill a second job.
          </p>
          <p className="hint">If you can, look for it in your {providerNames[asking.provider]} dashboard first.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
