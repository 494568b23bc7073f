/**
 * One process per library. Two apps writing one library.db and the same job folders would each
 * resume the other's jobs and pay twice. `library.lock` holds the owner's pid (and, on Linux, the
 * process's start time, so a pid reused after a crash does not look like the owner); a lock whose
 * owner is gone is taken over. Electron's single-instance lock already sends a second app window to
 * the first; this covers the harness, scripts and a second app pointed at the same data dir.
 */
import { readFileSync, rmSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../../../shared/errors';

export const lockFileName = 'library.lock';

interface Owner {
  pid: number;
  host: string;
  /** Linux: field 22 of /proc/<pid>/stat (clock ticks after boot); null elsewhere. */
  started: string | null;
}

/** Libraries this process holds: a second open in the same process is refused too. */
const heldHere = new Set<string>();

function startTime(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(owner: Owner): boolean {
  if (owner.host !== os.hostname()) return true; // another machine on a shared disk: cannot tell, so assume so
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return owner.started === null || startTime(owner.pid) === owner.started;
}

function parseOwner(text: string): Owner | null {
  try {
    const v = JSON.parse(text) as Partial<Owner>;
    if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid <= 0 || typeof v.host !== 'string') return null;
    return { pid: v.pid, host: v.host, started: typeof v.started === 'string' ? v.started : null };
  } catch {
    return null;
  }
}

const inUse = (owner: Owner | null) =>
  new StudioError(
    'unavailable',
    `Another Hunyuan3D Studio${owner && owner.pid !== process.pid ? ` (process ${owner.pid})` : ''} is using this job library. Close it and open Studio again, or start this one with a different data folder.`,
  );

/** Takes the library's lock; the returned function gives it back. */
export async function lockLibrary(root: string): Promise<() => void> {
  const key = path.resolve(root);
  if (heldHere.has(key)) throw inUse(null);
  const file = path.join(root, lockFileName);
  const me: Owner = { pid: process.pid, host: os.hostname(), started: startTime(process.pid) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(me));
        await handle.sync();
      } finally {
        await handle.close();
      }
      heldHere.add(key);
      return () => {
        heldHere.delete(key);
        try {
          // Only our own lock: a takeover after we hung must not be undone by our late exit. At
          // once, not later: an open right after this close must not lose its new lock to our rm.
          const current = parseOwner(readFileSync(file, 'utf8'));
          if (current && current.pid === me.pid && current.started === me.started) rmSync(file, { force: true });
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner: Owner | null = null;
    try {
      owner = parseOwner(await readFile(file, 'utf8'));
    } catch {
      // Vanished between the two calls: try again.
    }
    // An unreadable lock is what a crash while writing it leaves; its owner cannot be running.
    if (owner && alive(owner) && !(owner.pid === process.pid && owner.started === me.started)) throw inUse(owner);
    await rm(file, { force: true });
  }
  throw inUse(null);
}
