/**
 * Moving the library (its `library.db` and every job folder) to a folder the artist chose, so that
 * nothing is lost whatever fails: the target is judged first (empty, writable, room enough); on the
 * same disk the folder is renamed; otherwise it is copied, the copy compared file by file with the
 * original, and opened at its new place — only then is the old one removed. Any failure before that
 * removes only what the move created and leaves the library where it was.
 *
 * The caller closes the library (and stops its jobs) first, so no job is ever open in two places.
 */
import { constants } from 'node:fs';
import { cp, lstat, mkdir, readdir, rename, rm, rmdir, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../shared/errors';
import { isInsideFolder } from '../security/inside-folder';

/** Room to spare beyond the library's own size (the database grows, jobs keep arriving). */
const spareBytes = 64 * 1024 * 1024;

interface Entry {
  rel: string;
  size: number;
  dir: boolean;
}

/** Every file and folder under `root`, relative, with sizes; symlinks are not followed. */
async function listTree(root: string): Promise<Entry[]> {
  const out: Entry[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const dirent of await readdir(path.join(root, rel), { withFileTypes: true })) {
      const child = path.join(rel, dirent.name);
      if (dirent.isDirectory()) {
        out.push({ rel: child, size: 0, dir: true });
        await walk(child);
      } else if (dirent.isFile()) {
        out.push({ rel: child, size: (await lstat(path.join(root, child))).size, dir: false });
      }
    }
  };
  await walk('');
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}

/** The lock travels with nothing: the library is closed while it moves, and reopening takes a fresh one. */
const notMoved = new Set(['library.lock']);

async function isEmptyOrMissing(folder: string): Promise<boolean> {
  try {
    const names = await readdir(folder);
    // Finder and Explorer droppings do not make a folder "in use".
    return names.every((n) => n === '.DS_Store' || n === 'Thumbs.db' || n === 'desktop.ini');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Why the library cannot go to `target`, as a sentence; null when it can. Changes nothing but a probe file. */
export async function moveProblem(from: string, target: string): Promise<string | null> {
  const source = path.resolve(from);
  const to = path.resolve(target);
  if (to === source) return 'The library is already in that folder.';
  if (isInsideFolder(source, to)) return 'The library cannot move into a folder inside itself. Choose a folder elsewhere.';
  if (isInsideFolder(to, source)) return 'That folder holds the library itself. Choose an empty folder elsewhere.';
  if (!(await isEmptyOrMissing(to))) return `${to} is not empty. Choose an empty folder (or make a new one) so nothing of yours is mixed with the library.`;
  try {
    await mkdir(to, { recursive: true });
    const probe = path.join(to, `.hy3d-probe-${process.pid}`);
    await writeFile(probe, 'probe', { flag: constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY });
    await rm(probe, { force: true });
  } catch {
    return `Studio cannot write to ${to}. Choose a folder you can write to.`;
  }
  if (!(await sameDisk(source, to))) {
    const need = (await listTree(source)).reduce((n, e) => n + e.size, 0) + spareBytes;
    const space = await statfs(to);
    const free = space.bavail * space.bsize;
    if (free < need) {
      return `There is not enough free space in ${to}: the library needs about ${Math.ceil(need / (1024 * 1024))} MB and ${Math.floor(free / (1024 * 1024))} MB are free. Free some space or choose another disk.`;
    }
  }
  return null;
}

async function sameDisk(a: string, b: string): Promise<boolean> {
  return (await stat(a)).dev === (await stat(b)).dev;
}

export interface MoveSteps {
  /** Opens the library at its new place (integrity check included) and closes it again; throws if it cannot. */
  verifyOpens(root: string): Promise<void>;
  /** The new place is good: remember it (settings). Runs before the old folder is removed. */
  switchTo(root: string): Promise<void> | void;
}

/** Moves the closed library from `from` to `target`; the library is at exactly one of them afterwards. */
export async function moveLibraryFolder(from: string, target: string, steps: MoveSteps): Promise<{ renamed: boolean }> {
  const problem = await moveProblem(from, target);
  if (problem) throw new StudioError('invalid-input', problem);
  const source = path.resolve(from);
  const to = path.resolve(target);
  await rm(path.join(source, 'library.lock'), { force: true });

  if (await sameDisk(source, to)) {
    // One rename: atomic, nothing copied. The empty target folder is replaced by the library.
    await rmdir(to).catch(() => undefined);
    try {
      await rename(source, to);
    } catch (error) {
      await mkdir(to, { recursive: true }).catch(() => undefined);
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw new StudioError('unavailable', `The library could not be moved (${(error as NodeJS.ErrnoException).code ?? 'error'}); it is still in ${source}.`);
      return copyThenSwitch(source, to, steps);
    }
    try {
      await steps.verifyOpens(to);
      await steps.switchTo(to);
    } catch (error) {
      await rename(to, source);
      await mkdir(to, { recursive: true }).catch(() => undefined);
      throw openFailure(source, error);
    }
    return { renamed: true };
  }
  return copyThenSwitch(source, to, steps);
}

async function copyThenSwitch(source: string, to: string, steps: MoveSteps): Promise<{ renamed: boolean }> {
  const created: string[] = [];
  try {
    for (const name of await readdir(source)) {
      if (notMoved.has(name)) continue;
      created.push(path.join(to, name));
      // Asynchronous and in the thread pool: the main process stays responsive however big the library.
      await cp(path.join(source, name), path.join(to, name), { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true });
    }
    const want = (await listTree(source)).filter((e) => !notMoved.has(e.rel));
    const got = (await listTree(to)).filter((e) => !notMoved.has(e.rel));
    if (JSON.stringify(want) !== JSON.stringify(got)) throw new StudioError('unavailable', 'The copy of the library does not match the original.');
    await steps.verifyOpens(to);
    await steps.switchTo(to);
  } catch (error) {
    for (const made of created) await rm(made, { recursive: true, force: true }).catch(() => undefined);
    throw openFailure(source, error);
  }
  // Only now, with the new place open and remembered, does the old one go.
  await rm(source, { recursive: true, force: true }).catch(() => undefined);
  return { renamed: false };
}

function openFailure(source: string, error: unknown): StudioError {
  const why = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
  return new StudioError('unavailable', `The library could not be moved (${why}); nothing was lost and it is still in ${source}.`);
}
