import { useCallback, useRef, useState } from 'react';
import { viewNames, type CatalogModel } from '../../../shared/catalog';
import type { StudioApi } from '../../../shared/ipc';
import { readJobInputs } from '../intake/job-inputs';
import type { Intake } from '../intake/useIntake';
import type { ParamState } from '../params/useParamValues';
import type { JobPreview } from './useJobPreview';
import type { JobsState } from './useJobs';

interface Refusal {
  message: string;
  /** What it was about: a new picture, prompt, model or value makes the sentence stale. */
  about: readonly unknown[];
}

/** The things a refusal speaks of: the model, the values (compared by content: they are rebuilt on render), the prompt, and each slot's file (not its thumbnail's size). */
function whatItIsAbout(model: CatalogModel, params: ParamState, intake: Intake): unknown[] {
  return [model, JSON.stringify(params.values), intake.prompt, ...viewNames.map((v) => intake.slots[v]?.file)];
}

/**
 * Generate: reads the pictures' bytes, sends one `jobs:submit`, and puts the job in the list.
 * Only one submit is in flight at a time, whatever the clicks: a job is money. A refusal (the
 * image step's sentence, a missing key) is kept until the inputs change; the inputs stay as they are.
 */
export function useGenerate(studio: StudioApi, model: CatalogModel, params: ParamState, intake: Intake, jobs: JobsState, preview: JobPreview) {
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // A ref as well as state: two clicks can arrive before React shows the button disabled.
  const inFlight = useRef(false);

  const generate = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setRefusal(null);
    const since = preview.mark();
    try {
      const inputs = await readJobInputs(model, intake);
      const job = await studio.jobs.submit({ modelId: model.id, params: params.forRun(), inputs });
      jobs.upsert(job);
      preview.openWhenDone(jobs.latest(job.id) ?? job, since);
    } catch (error) {
      const message = error instanceof Error && error.message ? error.message : 'The job could not be started. Try again in a moment.';
      setRefusal({ message, about: whatItIsAbout(model, params, intake) });
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  }, [studio, model, params, intake, jobs, preview]);

  const current = whatItIsAbout(model, params, intake);
  const stale = !refusal || refusal.about.some((item, i) => item !== current[i]);
  return { generate, sending, refusal: stale ? null : (refusal?.message ?? null) };
}
