import type { CatalogModel, ViewName } from '../../../shared/catalog';
import { maxBatch, type Intake } from './useIntake';
import { takesBatch, zonesOf } from './zones';

const MODEL_FILE = /\.(glb|gltf|obj|mtl|fbx|ply|stl|usdz)$/i;

/** Where pictures dropped or pasted anywhere on the window go, and what to tell the artist. */
export interface Placement {
  assign: [ViewName, File][];
  /** Several pictures for a single-picture model: one job each, once the artist presses Generate. */
  batch?: File[];
  /** The batch joins the one already waiting instead of replacing it. */
  append?: boolean;
  note: string | null;
}


/**
 * Pictures fill the model's empty zones in order (required views first); with no zone empty, the
 * first one is replaced. Several pictures for a single-picture model make a batch (at most
 * `maxBatch`, and a sentence beyond).
 */
export function placeFiles(model: CatalogModel, intake: Intake, dropped: readonly File[]): Placement {
  // A model file dropped beside the 3D preview is not a picture for the job.
  const files = dropped.filter((f) => !MODEL_FILE.test(f.name));
  if (files.length === 0 && dropped.length > 0) return { assign: [], note: 'Drop model files on the 3D preview to open them there.' };
  const zones = zonesOf(model);
  if (zones.length === 0 || files.length === 0) {
    return { assign: [], note: files.length > 0 ? `${model.label} takes a prompt, not pictures.` : null };
  }
  const waiting = intake.batch.length;
  if (takesBatch(model) && (files.length > 1 || waiting > 0)) {
    const room = maxBatch - waiting;
    const batch = files.slice(0, room);
    if (batch.length === 0) return { assign: [], note: `The batch already holds ${maxBatch} pictures, the most it takes.` };
    const note = files.length > room ? `${files.length} pictures arrived; a batch takes at most ${maxBatch}, so the first ${batch.length} were used.` : null;
    return { assign: [], batch, append: waiting > 0, note };
  }
  const ordered = [...zones.filter((z) => z.required), ...zones.filter((z) => !z.required)];
  const empty = ordered.filter((z) => intake.slots[z.view]?.state !== 'ready');
  // With every zone full, only something that says it is a picture may replace one.
  const targets = empty.length > 0 ? empty : files[0]?.type.startsWith('image/') ? ordered.slice(0, 1) : [];
  if (targets.length === 0) return { assign: [], note: 'Every picture slot is full; drop a picture on a slot to replace it.' };
  const assign = files.slice(0, targets.length).map((file, i): [ViewName, File] => [targets[i]?.view ?? 'front', file]);
  const left = files.length - assign.length;
  if (left === 0) return { assign, note: null };
  const taken = assign.length === 1 ? 'the first was used' : `the first ${assign.length} were used`;
  return { assign, note: `${files.length} pictures arrived; ${taken}: ${model.label} has ${zones.length} picture slots.` };
}
