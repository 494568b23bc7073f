import { formatLabel, type ModelFormat } from './formats';

/** A problem with the file itself, worded as the sentence the viewport shows. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

/** "This GLB file is damaged: <reason>." — the voice of every broken-file message. */
export function damaged(format: ModelFormat, reason: string): ModelFileError {
  return new ModelFileError(`This ${formatLabel(format)} file is damaged: ${reason.replace(/\.$/, '')}.`);
}

/** Turns anything a loader threw into a sentence, keeping our own sentences as they are. */
export function explain(error: unknown, format: ModelFormat | null): string {
  if (error instanceof ModelFileError) return error.message;
  // Decoder workers reject with plain objects ({ error: "…" } from Draco's) rather than Errors.
  const message = (error as { message?: unknown } | null)?.message ?? (error as { error?: unknown } | null)?.error;
  const raw = typeof message === 'string' ? message : typeof error === 'string' ? error : 'its data could not be decoded';
  const reason = raw.replace(/^THREE\.\w+:\s*/, '').replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()).replace(/\s+/g, ' ').slice(0, 160) || 'it could not be read';
  if (!format) return 'This file is not a 3D model the preview can open. Try GLB, OBJ, PLY, STL, FBX or a zip of an OBJ.';
  if (error instanceof RangeError) return damaged(format, 'it is shorter than its own header says').message;
  return damaged(format, reason).message;
}
