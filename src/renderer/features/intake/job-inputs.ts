import { inputsProblem, type CatalogModel, type ViewName } from '../../../shared/catalog';
import type { z } from 'zod';
import { maxPictureBytes, type JobInputsFromPage, type pictureSchema } from '../../../shared/jobs';
import { providedInputs } from './zones';
import type { Intake, SlotKey } from './useIntake';

/** A refusal made on the page, before anything is sent: its message is the sentence to show. */
export class InputsNotReady extends Error {}

type Picture = z.infer<typeof pictureSchema>;

const megabytes = (n: number) => `${Math.ceil(n / 2 ** 20).toLocaleString('en-US')} MB`;

/**
 * What a job sends for the chosen model: each ready slot's bytes (read from the dropped File now,
 * never a path), or the prompt. Main's image step checks and normalises the pictures; this only
 * refuses what would be pointless to send (too big, gone from disk).
 */
export async function readJobInputs(model: CatalogModel, intake: Intake): Promise<JobInputsFromPage> {
  const provided = providedInputs(model, intake);
  if (provided.image) return { kind: 'image', image: await readPicture(intake, 'front') };
  if (provided.views && provided.views.length > 0) {
    const views: Partial<Record<ViewName, Picture>> = {};
    for (const view of provided.views) views[view] = await readPicture(intake, view);
    return { kind: 'views', views };
  }
  if (provided.text !== undefined) return { kind: 'text', text: provided.text };
  throw new InputsNotReady(inputsProblem(model, provided) ?? `${model.label} needs a picture or a prompt.`);
}

/** One batch picture as a single-picture job's inputs. */
export async function readBatchInputs(intake: Intake, key: SlotKey): Promise<JobInputsFromPage> {
  return { kind: 'image', image: await readPicture(intake, key) };
}

async function readPicture(intake: Intake, key: SlotKey): Promise<Picture> {
  const slot = intake.slots[key];
  if (slot?.state !== 'ready') throw new InputsNotReady('A picture is still being read. Wait a moment and press Generate again.');
  if (slot.bytes > maxPictureBytes) {
    throw new InputsNotReady(`${slot.name} is ${megabytes(slot.bytes)}; a picture can be up to ${megabytes(maxPictureBytes)}. Save a smaller copy and drop it again.`);
  }
  try {
    // The name only appears in sentences; the contract caps it.
    return { name: slot.name.slice(0, 260), bytes: new Uint8Array(await slot.file.arrayBuffer()) };
  } catch {
    throw new InputsNotReady(`${slot.name} could not be read. Check that it is still there and drop it again.`);
  }
}
