/**
 * The export destination, remembered in `<dataDir>/export.json`. Only main writes it, after the
 * artist picked the folder in a native dialog (or the harness's --export-dir): no channel takes a
 * path from the page.
 */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../library/files';

export function folderFile(dataDir: string): string {
  return path.join(dataDir, 'export.json');
}

export async function rememberedFolder(dataDir: string): Promise<string | null> {
  try {
    const parsed = JSON.parse(await readFile(folderFile(dataDir), 'utf8')) as { folder?: unknown };
    return typeof parsed.folder === 'string' && path.isAbsolute(parsed.folder) && parsed.folder.length <= 1000 ? parsed.folder : null;
  } catch {
    // Missing or damaged: no folder chosen yet, and the next choice rewrites it whole.
    return null;
  }
}

export async function rememberFolder(dataDir: string, folder: string): Promise<void> {
  await writeFileAtomic(folderFile(dataDir), JSON.stringify({ folder }, null, 2));
}

/** Null when Studio can write there; otherwise the sentence that says why not and what to do. */
export async function folderProblem(folder: string): Promise<string | null> {
  if (!path.isAbsolute(folder)) return `The export folder “${folder}” is not a full path. Choose the folder again.`;
  try {
    if (!(await stat(folder)).isDirectory()) return `“${folder}” is a file, not a folder. Choose a folder for exports.`;
  } catch {
    return `The export folder “${folder}” is not there any more (a drive may have been unplugged or the folder moved). Choose another folder.`;
  }
  try {
    await access(folder, constants.W_OK);
  } catch {
    return `Studio is not allowed to write in “${folder}”. Choose another folder, or check its permissions.`;
  }
  return null;
}
