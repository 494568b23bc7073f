import { concurrencyBounds, deadlineBounds, providerIds, type JobsSettings, type ProviderId } from '../../../shared/settings';
import { providerLabels } from './provider-labels';

/** How many jobs run at once per service, and when a job that never finishes is given up. Saved by Save. */
export function JobsFieldset({ jobs, onChange }: { jobs: JobsSettings; onChange: (next: JobsSettings) => void }) {
  const set = (field: keyof JobsSettings, id: ProviderId, text: string) => {
    const value = Number(text);
    onChange({ ...jobs, [field]: { ...jobs[field], [id]: Number.isFinite(value) ? Math.round(value) : jobs[field][id] } });
  };
  return (
    <fieldset>
      <legend>Jobs</legend>
      <p className="hint">
        Jobs at once: how many of your jobs each service works on at the same time; the rest wait their turn. Raise it only if your account allows more.
        Give up after: a job still not finished after this many minutes is stopped (Segmind keeps a job for one hour at most). Changes apply at once.
      </p>
      {providerIds.map((id) => (
        <div key={id} className="job-limits">
          <label className="field">
            <span>{providerLabels[id]} jobs at once</span>
            <input type="number" min={concurrencyBounds[id].min} max={concurrencyBounds[id].max} step={1} value={jobs.concurrency[id]} onChange={(e) => set('concurrency', id, e.target.value)} />
          </label>
          <label className="field">
            <span>{providerLabels[id]}: give up after (minutes)</span>
            <input type="number" min={deadlineBounds[id].min} max={deadlineBounds[id].max} step={1} value={jobs.deadlineMinutes[id]} onChange={(e) => set('deadlineMinutes', id, e.target.value)} />
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** The first value out of its bounds, as a sentence; null when all fit. */
export function jobsProblem(jobs: JobsSettings): string | null {
  for (const id of providerIds) {
    const c = concurrencyBounds[id];
    if (!(jobs.concurrency[id] >= c.min && jobs.concurrency[id] <= c.max)) return `${providerLabels[id]} jobs at once must be between ${c.min} and ${c.max}.`;
    const d = deadlineBounds[id];
    if (!(jobs.deadlineMinutes[id] >= d.min && jobs.deadlineMinutes[id] <= d.max)) return `${providerLabels[id]}: give up after must be between ${d.min} and ${d.max} minutes.`;
  }
  return null;
}
