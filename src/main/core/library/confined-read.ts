/**
 * Reading one file of a job for the page: the name must be a plain file name, and the file's real
 * path must be exactly where that name points inside the library, so no `..`, separator or symlink
 * anywhere below the library root can lead it elsewhere.
 */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../shared/errors';
import { jobIdSchema } from '../../../shared/jobs';
import { isPlainFileName } from './files';

/** `thumb` is the job's result thumbnail, `<job>/thumb.webp`, its only name. */
export type JobArea = 'inputs' | 'outputs' | 'thumb';

const notAFile = () => new StudioError('not-found', 'That file is not in the job’s folder any more. Run the job again to get it back.');
const refused = () => new StudioError('forbidden', 'That file is outside the job’s folder, so the app does not read it.');

/** Where a name points inside a job's folder, or null. Outputs may sit in folders an unpacked zip made. */
function relativePath(area: JobArea, name: string): string[] | null {
  if (typeof name !== 'string') return null;
  if (area === 'thumb') return name === 'thumb.webp' ? [name] : null;
  if (area !== 'inputs' && area !== 'outputs') return null;
  const segments = name.split('/');
  return segments.length <= 8 && segments.every(isPlainFileName) ? [area, ...segments] : null;
}

/** `realRoot` is the library root with its own symlinks (a data dir on another disk) resolved. */
export async function readConfined(realRoot: string, id: string, area: JobArea, name: string): Promise<Uint8Array> {
  const relative = jobIdSchema.safeParse(id).success ? relativePath(area, name) : null;
  if (!relative) throw new StudioError('invalid-input', 'That is not the name of a file in a job’s folder.');
  const expected = path.join(realRoot, 'jobs', id, ...relative);
  let real: string;
  try {
    real = await realpath(expected);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notAFile();
    throw error;
  }
  if (real !== expected) throw refused();
  // O_NOFOLLOW closes the gap between the check and the open: a symlink swapped in is refused.
  let handle;
  try {
    handle = await open(expected, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw notAFile();
    if (code === 'ELOOP') throw refused();
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) throw notAFile();
    const bytes = await handle.readFile();
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    await handle.close();
  }
}
