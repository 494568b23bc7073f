/**
 * Whether a path is one job's folder in a Studio library (`<library>/jobs/<id>` beside a
 * `library.db`), wherever the library was moved. The shells' trash uses it as its own guard, so a
 * bug elsewhere cannot become "move my home folder to the trash".
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { jobIdSchema } from '../../../shared/jobs';

export function isLibraryJobFolder(fullPath: string): boolean {
  const resolved = path.resolve(fullPath);
  const jobs = path.dirname(resolved);
  return jobIdSchema.safeParse(path.basename(resolved)).success && path.basename(jobs) === 'jobs' && existsSync(path.join(path.dirname(jobs), 'library.db'));
}
