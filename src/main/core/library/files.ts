/**
 * The library's file habits: every write is temp file + fsync + rename + directory fsync, so a
 * crash leaves the old file or the new one, never half of either; names inside a job folder are
 * single plain names, never paths.
 */
import { randomUUID } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { maxWorkerText, writeTextInThread, writerGone } from './text-writer';

/** Our own temp files end in `.tmp`; the downloader's in `.part`. Both are debris after a crash. */
const debris = /\.(tmp|part)$/;

/** Windows cannot open a directory for fsync; NTFS journals the rename itself. */
const dirsCanSync = process.platform !== 'win32';

/** A fresh temp name beside `file` (its `.tmp` makes it debris if a crash leaves it). */
const tempFor = (file: string) => `${file}.${randomUUID().slice(0, 8)}.tmp`;

/**
 * Writes `file` so that after a crash it holds either its old bytes or all of `bytes`. Small text
 * (job.json, presets) goes to the writer thread, the same steps in one trip; pictures and other
 * bytes go through libuv's pool, so a big one never holds up a job's record.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  if (typeof bytes === 'string' && bytes.length <= maxWorkerText) {
    try {
      return await writeTextInThread(file, tempFor(file), bytes, dirsCanSync);
    } catch (error) {
      // The thread stopped (or could not start): the same steps through the pool instead. A write
      // it finished before stopping is written again, whole, which changes nothing.
      if ((error as NodeJS.ErrnoException).code !== writerGone) throw error;
    }
  }
  const temp = tempFor(file);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(path.dirname(file));
}

/** Makes a rename or a new entry in `dir` survive power loss. */
export async function syncDir(dir: string): Promise<void> {
  if (!dirsCanSync) return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A name that can only mean one file directly inside a folder: no separators, no `..`, no NUL or
 * other control characters, no drive or stream colon, not `.`.
 */
export function isPlainFileName(name: string): boolean {
  if (name.length === 0 || name.length > 255 || name === '.') return false;
  if (name.includes('..')) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return !/[/\\:\u0000-\u001f\u007f]/.test(name);
}

/** Deletes leftover temp files directly inside `dir`; returns how many. A missing dir has none. */
export async function removeDebris(dir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !debris.test(entry.name)) continue;
    await rm(path.join(dir, entry.name), { force: true });
    removed += 1;
  }
  return removed;
}
