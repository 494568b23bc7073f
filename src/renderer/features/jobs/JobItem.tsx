import { isTerminal, jobStateWords, type JobSummary } from '../../../shared/jobs';
import { useStudio } from '../../studio-context';
import { useThumbnail } from './useThumbnail';
import { etaWords } from './words';

export interface JobItemProps {
  job: JobSummary;
  /** "<model> <time>", unique in the list: what the item's buttons are named after. */
  name: string;
  started: string;
  /** A call about this job is on its way: its buttons wait, so a double click cannot send two. */
  busy: boolean;
  onCancel: () => void;
  onRetry: () => void;
  onOpen: () => void;
  onOpenSettings: () => void;
}

/** What the bar says: "40 % · about 40 s left", or what the job is waiting for. */
function progressWords(job: JobSummary): string {
  const eta = job.etaMs === null ? null : etaWords(job.etaMs);
  if (job.progress === null) {
    const waiting = job.state === 'downloading' ? 'Downloading the model' : job.state === 'running' ? 'Running' : 'Waiting to start';
    return eta ? `${waiting} · ${eta}` : waiting;
  }
  const percent = `${job.progressEstimated ? '≈ ' : ''}${Math.round(job.progress * 100)} %`;
  return eta ? `${percent} · ${eta}` : percent;
}

/** One job in the Jobs list: thumbnail, model, state word, progress, its sentence and its buttons. */
export function JobItem({ job, name, started, busy, onCancel, onRetry, onOpen, onOpenSettings }: JobItemProps) {
  const studio = useStudio();
  const thumbnail = useThumbnail(studio, job.id, job.state);
  const live = !isTerminal(job.state);
  const words = progressWords(job);
  const percent = job.progress === null ? undefined : Math.round(job.progress * 100);

  return (
    <li className={`job job-${job.state}`}>
      <div className="job-thumb" title={job.notes.join('\n') || undefined}>
        {thumbnail ? <img src={thumbnail} alt={`Input of ${name}`} /> : <span className="job-thumb-empty" aria-hidden="true" />}
      </div>
      <div className="job-body">
        <div className="job-head">
          <span className="job-model">{job.modelLabel}</span>
          <span className="job-time">{started}</span>
          <span className={`job-state state-${job.state}`}>{jobStateWords[job.state]}</span>
        </div>
        {live && (
          <div className="job-progress">
            <div
              role="progressbar"
              aria-label={`Progress of ${name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={words}
              className={`bar${percent === undefined ? ' indeterminate' : ''}`}
              title={job.progressEstimated ? 'Estimated from how long this model usually takes' : undefined}
            >
              <span style={{ width: percent === undefined ? undefined : `${percent}%` }} />
            </div>
            <span className="job-eta">{words}</span>
          </div>
        )}
        {job.message && <p className="job-message">{job.message}</p>}
        {job.state === 'completed' && job.costUsd !== null && <p className="job-meta">Cost ${job.costUsd.toFixed(2)}</p>}
      </div>
      <div className="job-actions">
        {job.remedy === 'open-settings' && (
          <button type="button" onClick={onOpenSettings} aria-label={`Check the key for ${name}`}>
            Check the key
          </button>
        )}
        {job.state === 'completed' && (
          <button type="button" onClick={onOpen} aria-label={`Open in preview: ${name}`} title="Show this model in the 3D preview">
            Open in preview
          </button>
        )}
        {job.canRetry && (
          <button type="button" disabled={busy} onClick={onRetry} aria-label={`Retry job ${name}`}>
            Retry
          </button>
        )}
        {job.canCancel && (
          <button type="button" disabled={busy} onClick={onCancel} aria-label={`Cancel job ${name}`}>
            Cancel
          </button>
        )}
      </div>
    </li>
  );
}
