import { inputsProblem, type CatalogModel, type ProvidedInputs, type ViewName } from '../../../shared/catalog';
import type { Intake } from './useIntake';

/** One drop zone as the panel shows it. "Image" and "Front view" share the front slot. */
export interface Zone {
  view: ViewName;
  name: string;
  required: boolean;
}

const viewTitle = (v: ViewName) => `${v[0]?.toUpperCase()}${v.slice(1)} view`;

/**
 * The zones a model takes: "Image" for a single picture (plus any extra views it accepts beside
 * that picture), or exactly the views of a multi-view model, required ones marked.
 */
export function zonesOf(model: CatalogModel): Zone[] {
  const { image, views = [], text } = model.inputs;
  if (image) {
    const extras = views.filter((v) => v.view !== 'front').map((v) => ({ view: v.view, name: viewTitle(v.view), required: false }));
    return [{ view: 'front', name: 'Image', required: !text }, ...extras];
  }
  return views.map((v) => ({ view: v.view, name: viewTitle(v.view), required: v.required }));
}

/** A single-picture model (one Image zone, no extra views) takes several pictures as a batch. */
export const takesBatch = (model: CatalogModel): boolean => Boolean(model.inputs.image) && zonesOf(model).length === 1;

/** Whether Generate would start a batch: a batch is waiting and the chosen model takes one. */
export const inBatch = (model: CatalogModel, intake: Intake): boolean => intake.batch.length > 0 && takesBatch(model);

/** What a job would send: the pictures when there are any, otherwise the prompt. */
export function providedInputs(model: CatalogModel, intake: Intake): ProvidedInputs {
  const pictures = zonesOf(model).filter((z) => intake.slots[z.view]?.state === 'ready').map((z) => z.view);
  if (pictures.length > 0) return model.inputs.image && pictures.length === 1 && pictures[0] === 'front' ? { image: true } : { views: pictures };
  if (model.inputs.text && intake.prompt !== '') return { text: intake.prompt };
  return {};
}

/** Why the inputs cannot run yet, as a sentence, or null when they can. */
export function intakeProblem(model: CatalogModel, intake: Intake): string | null {
  if (inBatch(model, intake)) {
    const slots = intake.batch.map((key) => intake.slots[key]);
    const reading = slots.find((s) => s?.state === 'reading');
    if (reading) return `Still reading ${reading.name}…`;
    if (!slots.some((s) => s?.state === 'ready')) return 'Every picture in the batch is refused. Remove them, or drop other pictures.';
    return null;
  }
  for (const zone of zonesOf(model)) {
    const slot = intake.slots[zone.view];
    if (slot?.state === 'reading') return `Still reading ${slot.name}…`;
    if (slot?.state === 'refused') return `Replace the file in ${zone.name}: ${slot.message}`;
  }
  const provided = providedInputs(model, intake);
  if (model.inputs.image && provided.views && !provided.views.includes('front')) {
    return 'Add the main picture under Image; the other views only add to it.';
  }
  return inputsProblem(model, provided);
}
