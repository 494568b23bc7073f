/**
 * The core's DesktopShell in the app: Electron's trash, file manager and folder dialog. Trash and
 * reveal accept only paths inside the data dir — the core never asks for anything else, and a bug
 * there must not become "move my home folder to the trash".
 */
import { dialog, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import { StudioError } from '../shared/errors';
import { isLibraryJobFolder } from './core/library/job-folder';
import { isInsideFolder } from './core/security/inside-folder';
import type { DesktopShell } from './core/shell';

export function createDesktopShell(opts: { dataDir: string; window: () => BrowserWindow | null }): DesktopShell {
  return {
    async trash(fullPath) {
      // A moved library lives outside the data dir; its job folders are recognised by their place.
      if (!isInsideFolder(opts.dataDir, fullPath) && !isLibraryJobFolder(fullPath)) throw new StudioError('forbidden', 'Studio only moves its own library files to the trash.');
      try {
        await shell.trashItem(fullPath);
      } catch (error) {
        throw new StudioError('unavailable', `The system did not move it to the trash (${error instanceof Error ? error.message.slice(0, 200) : 'no reason given'}). Nothing was deleted; check that the folder still exists and that you may change it.`);
      }
    },
    reveal(fullPath) {
      // Exports live in the artist's own folder, so reveal is not confined to the data dir.
      shell.showItemInFolder(path.resolve(fullPath));
    },
    async chooseFolder(title, defaultPath) {
      const win = opts.window();
      const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'], ...(defaultPath ? { defaultPath } : {}) };
      const answer = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    async chooseFile(title, filters) {
      const win = opts.window();
      const options: Electron.OpenDialogOptions = { title, properties: ['openFile'], filters };
      const answer = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
  };
}
