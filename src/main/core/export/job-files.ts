/**
 * Reading a finished job's result files for conversion. Names come from the job's record and may
 * be nested ("textures/albedo.png", from an unpacked zip): every segment must be a plain name and
 * the file's real path must be where the name points, so a symlink planted in a job folder cannot
 * make export read (and write out) a file from elsewhere.
 */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../shared/errors';
import type { Library } from '../library';
import { isPlainFileName } from '../library/files';
import type { JobRecord } from '../library';
import type { ModelFile } from './convert/errors';

/** More than any result the downloader accepts (500 MB), so only a hand-made folder reaches it. */
const maxTotalBytes = 1024 * 1024 * 1024;

const gone = () => new StudioError('not-found', 'This job’s files are not in its folder any more, so there is nothing to export. Run the job again to get them back.');

async function readOne(realOutputs: string, name: string): Promise<Uint8Array> {
  const segments = name.split('/');
  if (!segments.every(isPlainFileName)) throw new StudioError('forbidden', 'A file of this job has a name Studio does not read, so the job cannot be exported.');
  const expected = path.join(realOutputs, ...segments);
  let real: string;
  try {
    real = await realpath(expected);
  } catch {
    throw gone();
  }
  if (real !== expected) throw new StudioError('forbidden', 'A file of this job points outside its folder, so Studio does not read it.');
  let handle;
  try {
    handle = await open(expected, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    throw gone();
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw gone();
    // An owned buffer of exactly the file's size, so it can move to the worker without a copy.
    const bytes = new Uint8Array(info.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === bytes.length ? bytes : bytes.slice(0, at);
  } finally {
    await handle.close();
  }
}

/** The files a conversion of `job` needs: the main file, plus its siblings when it is an OBJ. */
export async function readJobOutputs(library: Library, job: JobRecord): Promise<{ primary: string; files: ModelFile[] }> {
  const primary = job.primaryOutput ?? job.outputs[0]?.name;
  if (!primary) throw new StudioError('not-found', 'This job has no model to export.');
  let realOutputs: string;
  try {
    realOutputs = await realpath(library.outputsDir(job.id));
  } catch {
    throw gone();
  }
  const wanted = primary.toLowerCase().endsWith('.obj') ? job.outputs.map((o) => o.name) : [primary];
  const total = job.outputs.filter((o) => wanted.includes(o.name)).reduce((n, o) => n + o.bytes, 0);
  if (total > maxTotalBytes) throw new StudioError('invalid-input', 'This job’s files are larger than 1 GB, more than Studio converts.');
  const files: ModelFile[] = [];
  for (const name of wanted) files.push({ name, bytes: await readOne(realOutputs, name) });
  return { primary, files };
}
