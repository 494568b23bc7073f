/**
 * Putting a set of exported files (model, MTL, textures, sidecar) into the artist's folder: each
 * file is written to a hidden temp name and fsynced, then linked to its final name, which fails
 * rather than replace a file that is there. A failure anywhere removes everything of the set,
 * temps included, so a full disk leaves no partial file behind.
 */
import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { syncDir } from '../library/files';
import type { ModelFile } from './convert/errors';

/** The file operations export uses: the tests swap in failing ones (ENOSPC, EACCES). */
export type ExportFs = Pick<typeof fsp, 'open' | 'link' | 'rename' | 'rm' | 'lstat' | 'readdir'>;

export class PlaceError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'PlaceError';
  }
}

/** The sentence for an error the file system gave, naming the folder and the file. */
export function placeSentence(code: string | undefined, folder: string, file: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `The disk holding “${folder}” is full, so ${file} was not saved and nothing half-written was left. Free some space and export again.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Studio is not allowed to write in “${folder}”. Choose another folder, or check its permissions.`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `The export folder “${folder}” is not there any more (a drive may have been unplugged or the folder moved). Choose another folder.`;
    case 'ENAMETOOLONG':
      return `The path of ${file} is too long for this system. Choose a folder nearer the top of the disk, or a shorter name template.`;
    case 'EEXIST':
      return `A file named ${file} appeared in “${folder}” while Studio was exporting, and Studio never replaces a file. Export again.`;
    default:
      return `Studio could not write ${file} in “${folder}”${code ? ` (${code})` : ''}. Try again, or choose another folder.`;
  }
}

async function writeTemp(fs: ExportFs, file: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    let at = 0;
    // In slices, so a huge model does not make one giant write that blocks a pool thread long.
    while (at < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, at, Math.min(8 * 1024 * 1024, bytes.length - at), at);
      at += bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where hard links are not supported (FAT, some network shares), a checked rename stands in. */
const noLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EINVAL']);

async function placeOne(fs: ExportFs, temp: string, final: string): Promise<void> {
  try {
    await fs.link(temp, final);
    await fs.rm(temp, { force: true });
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!noLinks.has(code)) throw error;
  }
  try {
    await fs.lstat(final);
    throw Object.assign(new Error('exists'), { code: 'EEXIST' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.rename(temp, final);
}

/** Writes every file of `files` into `folder` under its own name, or none of them. */
export async function placeFiles(fs: ExportFs, folder: string, files: ModelFile[]): Promise<void> {
  const temps = files.map(() => path.join(folder, `.hy3d-export-${randomUUID().slice(0, 12)}.tmp`));
  const placed: string[] = [];
  let current = files[0]?.name ?? '';
  try {
    for (let i = 0; i < files.length; i++) {
      current = files[i]!.name;
      await writeTemp(fs, temps[i]!, files[i]!.bytes);
    }
    for (let i = 0; i < files.length; i++) {
      current = files[i]!.name;
      const final = path.join(folder, files[i]!.name);
      await placeOne(fs, temps[i]!, final);
      placed.push(final);
    }
  } catch (error) {
    for (const file of [...temps, ...placed]) await fs.rm(file, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    throw new PlaceError(placeSentence(code, folder, current), code ?? 'unknown');
  }
  await syncDir(folder).catch(() => undefined);
}

/**
 * The first of `base`, `base-1`, `base-2`… for which none of the names `tails` would give exists
 * in the folder, compared without case (Windows and macOS folders are case-insensitive). A tail
 * ending in `*` matches any name starting with it (an OBJ's numbered textures).
 */
export async function freeBase(fs: ExportFs, folder: string, base: string, tails: string[], taken: Set<string> = new Set()): Promise<string> {
  const existing = new Set((await fs.readdir(folder)).map((n) => n.toLowerCase()));
  for (const n of taken) existing.add(n.toLowerCase());
  for (let k = 0; k < 10_000; k++) {
    const candidate = k === 0 ? base : `${base}-${k}`;
    const lower = candidate.toLowerCase();
    const clash = tails.some((t) => (t.endsWith('*') ? [...existing].some((n) => n.startsWith(lower + t.slice(0, -1).toLowerCase())) : existing.has(lower + t.toLowerCase())));
    if (!clash) return candidate;
  }
  throw new PlaceError(`“${folder}” already holds 10,000 exports named ${base}. Choose another name template or folder.`, 'EEXIST');
}
