/**
 * A job as History's grid shows it: only the fields of its record that a card needs. It is kept
 * beside the record in the job's row and written from the record on every write, so it is never
 * older than the record; a page of History reads and parses 50 cards (~0.4 KB each) instead of 50
 * whole records (~1 KB, with parameters, hashes and the provider's references).
 *
 * Changing what a card holds needs a migration that writes every row's card again.
 */
import type { JobRecord, StoredInput, StoredOutput } from './record';

export type JobCard = Pick<
  JobRecord,
  | 'id' | 'provider' | 'modelId' | 'modelLabel' | 'state' | 'createdAt' | 'updatedAt' | 'finishedAt' | 'submittedAt'
  | 'message' | 'remedy' | 'costUsd' | 'notes' | 'favourite' | 'tags' | 'note' | 'text' | 'resultThumbnail'
> & {
  inputs: Pick<StoredInput, 'role' | 'file' | 'originalName'>[];
  outputs: Pick<StoredOutput, 'name' | 'format' | 'bytes'>[];
};

export function cardOf(record: JobRecord): JobCard {
  return {
    id: record.id,
    provider: record.provider,
    modelId: record.modelId,
    modelLabel: record.modelLabel,
    state: record.state,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    finishedAt: record.finishedAt,
    submittedAt: record.submittedAt,
    message: record.message,
    remedy: record.remedy,
    costUsd: record.costUsd,
    notes: record.notes,
    favourite: record.favourite,
    tags: record.tags,
    note: record.note,
    text: record.text,
    resultThumbnail: record.resultThumbnail,
    inputs: record.inputs.map((i) => ({ role: i.role, file: i.file, ...(i.originalName === undefined ? {} : { originalName: i.originalName }) })),
    outputs: record.outputs.map((o) => ({ name: o.name, format: o.format, bytes: o.bytes })),
  };
}
