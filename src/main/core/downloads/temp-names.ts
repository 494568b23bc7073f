/**
 * Temp files of a download live in the job's outputs folder (same disk, so the final rename is
 * atomic) under a name the engine recognises and sweeps after a crash: `*.part`.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';

export const tempSuffix = '.part';

export function tempPath(dir: string): string {
  return path.join(dir, `.download-${randomUUID()}${tempSuffix}`);
}
