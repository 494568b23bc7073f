import { useCallback, useRef, useState } from 'react';
import { viewNames, type CatalogModel } from '../../../shared/catalog';
import type { StudioApi } from '../../../shared/ipc';
import type { JobSummary } from '../../../shared/jobs';
import { batchJobs } from '../intake/BatchPanel';
import { readBatchInputs, readJobInputs } from '../intake/job-inputs';
import type { Intake, SlotKey } from '../intake/useIntake';
import { inBatch } from '../intake/zones';
import type { ParamState } from '../params/useParamValues';
import type { JobPreview } from './useJobPreview';
import type { JobsState } from './useJobs';

interface Refusal {
  message: string;
  /** Batch pictures whose job was refused, with the sentence for each. */
  pictures: Partial<Record<SlotKey, string>>;
  /** What it was about: a new picture, prompt, model or value makes the sentence stale. */
  about: readonly unknown[];
}

/** The things a refusal speaks of: the model, the values (compared by content: they are rebuilt on render), the prompt, and each slot's file (not its thumbnail's size). */
function whatItIsAbout(model: CatalogModel, params: ParamState, intake: Intake): unknown[] {
  return [model, JSON.stringify(params.values), intake.prompt, intake.batch.join(), ...viewNames.map((v) => intake.slots[v]?.file)];
}

const sentence = (error: unknown) => (error instanceof Error && error.message ? error.message : 'The job could not be started. Try again in a moment.');

/**
 * Generate: reads the pictures' bytes, sends `jobs:submit`, and puts the job in the list. For a
 * batch, one job per accepted picture, one after another, each with the same parameters (a dice
 * seed rolls anew for each); a refusal is kept per picture and the rest still start.
 * Only one Generate is in flight at a time, whatever the clicks: a job is money. A refusal (the
 * image step's sentence, a missing key) is kept until the inputs change; the inputs stay as they are.
 */
export function useGenerate(studio: StudioApi, model: CatalogModel, params: ParamState, intake: Intake, jobs: JobsState, preview: JobPreview) {
  const [sending, setSending] = useState<{ done: number; of: number } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // A ref as well as state: two clicks can arrive before React shows the button disabled.
  const inFlight = useRef(false);
  const batch = inBatch(model, intake) ? batchJobs(intake) : null;

  const generate = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setRefusal(null);
    const since = preview.mark();
    const about = whatItIsAbout(model, params, intake);
    const started = (job: JobSummary, first: boolean) => {
      jobs.upsert(job);
      // Of a batch, the first job opens in the preview when it completes.
      if (first) preview.openWhenDone(jobs.latest(job.id) ?? job, since);
    };
    try {
      if (!batch) {
        setSending({ done: 0, of: 1 });
        try {
          const inputs = await readJobInputs(model, intake);
          started(await studio.jobs.submit({ modelId: model.id, params: params.forRun(), inputs }), true);
        } catch (error) {
          setRefusal({ message: sentence(error), pictures: {}, about });
        }
        return;
      }
      const refused: Partial<Record<SlotKey, string>> = {};
      let first = true;
      for (const [i, key] of batch.entries()) {
        setSending({ done: i, of: batch.length });
        try {
          const inputs = await readBatchInputs(intake, key);
          started(await studio.jobs.submit({ modelId: model.id, params: params.forRun(), inputs }), first);
          first = false;
        } catch (error) {
          refused[key] = sentence(error);
        }
      }
      const count = Object.keys(refused).length;
      if (count > 0) {
        const ran = batch.length - count;
        const message = ran === 0
          ? `None of the ${batch.length} jobs started; each picture says why.`
          : `${ran} of ${batch.length} jobs started; ${count === 1 ? 'one picture was' : `${count} pictures were`} refused, each says why.`;
        setRefusal({ message, pictures: refused, about });
      }
    } finally {
      inFlight.current = false;
      setSending(null);
    }
  }, [studio, model, params, intake, jobs, preview, batch]);

  const current = whatItIsAbout(model, params, intake);
  const stale = !refusal || refusal.about.some((item, i) => item !== current[i]);
  return {
    generate,
    sending: sending !== null,
    /** "Sending 2 of 3…" while a batch goes out. */
    progress: sending && sending.of > 1 ? `Sending ${sending.done + 1} of ${sending.of}…` : null,
    /** How many jobs Generate starts: 1, or the batch's accepted pictures. */
    jobCount: batch ? batch.length : 1,
    refusal: stale ? null : (refusal?.message ?? null),
    refusals: stale ? {} : (refusal?.pictures ?? {}),
  };
}
