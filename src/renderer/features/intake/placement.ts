import type { CatalogModel, ViewName } from '../../../shared/catalog';
import type { Intake } from './useIntake';
import { zonesOf } from './zones';

/** Where pictures dropped or pasted anywhere on the window go, and what to tell the artist. */
export interface Placement {
  assign: [ViewName, File][];
  note: string | null;
}

/**
 * Pictures fill the model's empty zones in order (required views first); with no zone empty, the
 * first one is replaced. A single-picture model takes the first picture and says so.
 */
export function placeFiles(model: CatalogModel, intake: Intake, files: readonly File[]): Placement {
  const zones = zonesOf(model);
  if (zones.length === 0 || files.length === 0) {
    return { assign: [], note: files.length > 0 ? `${model.label} takes a prompt, not pictures.` : null };
  }
  const ordered = [...zones.filter((z) => z.required), ...zones.filter((z) => !z.required)];
  const empty = ordered.filter((z) => intake.slots[z.view]?.state !== 'ready');
  const targets = empty.length > 0 ? empty : ordered.slice(0, 1);
  const assign = files.slice(0, targets.length).map((file, i): [ViewName, File] => [targets[i]?.view ?? 'front', file]);
  const left = files.length - assign.length;
  if (left === 0) return { assign, note: null };
  const taken = assign.length === 1 ? 'the first was used' : `the first ${assign.length} were used`;
  return { assign, note: `${files.length} pictures arrived; ${taken}. Batches of jobs come with the job queue.` };
}
