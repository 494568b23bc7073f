/**
 * What History's search box finds a job by, and how its words become an FTS5 query. One function
 * makes the searchable text of a record, so a migration, an update and a rebuild index the same words.
 */
import { providerNames } from '../../../shared/provider-names';
import type { JobRecord, StoredInput } from './record';

export interface SearchDoc {
  prompt: string;
  names: string;
  model: string;
  provider: string;
  tags: string;
  note: string;
}

/** The names the artist's pictures had when dropped (the stored file names are only roles). */
export function inputNames(record: { inputs: readonly Pick<StoredInput, 'role' | 'file' | 'originalName'>[] }): string[] {
  return record.inputs.filter((i) => i.role !== 'thumbnail').map((i) => i.originalName ?? i.file);
}

export function searchDoc(record: JobRecord): SearchDoc {
  return {
    prompt: record.text ?? '',
    names: record.inputs.map((i) => i.originalName).filter(Boolean).join(' '),
    model: `${record.modelLabel} ${record.modelId}`,
    provider: `${providerNames[record.provider]} ${record.provider}`,
    tags: record.tags.join(' '),
    note: record.note,
  };
}

/** Words are runs of letters and digits, as FTS5's unicode61 tokenizer splits them. */
const word = /[\p{L}\p{N}]+/gu;
const maxWords = 12;

/**
 * Every word the artist typed must start a word somewhere in the job ("chai" finds chair.png,
 * "chair_photo" finds chair_photo.png). Null when the text has no words (only punctuation).
 * Words hold only letters and digits, so quoting them cannot be broken out of.
 */
export function ftsQuery(text: string): string | null {
  const words = (text.match(word) ?? []).slice(0, maxWords);
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ');
}
