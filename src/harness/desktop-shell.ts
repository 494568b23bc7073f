/**
 * The harness's DesktopShell. Trash is the real system trash through `gio trash` (the freedesktop
 * trash, as Electron's `shell.trashItem` uses on Linux); without gio it refuses with a sentence
 * rather than deleting for good. Reveal has no file manager to open, so it logs. "Choose folder"
 * answers --export-dir: the page can never make the harness write elsewhere.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { StudioError } from '../shared/errors';
import type { Log } from '../main/core/log';
import { isLibraryJobFolder } from '../main/core/library/job-folder';
import { isInsideFolder } from '../main/core/security/inside-folder';
import type { DesktopShell } from '../main/core/shell';

export interface HarnessShellOptions {
  dataDir: string;
  exportDir?: string;
  log: Log;
  /** The trash command (tests point it at a missing program). */
  gio?: string;
  /** gio's environment: HOME and XDG_DATA_HOME decide which trash (tests use a fresh home). */
  env?: NodeJS.ProcessEnv;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 30_000, env }, (error, _stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: String(stderr).trim().slice(0, 300) }));
      else resolve();
    });
  });
}

export function createHarnessShell(opts: HarnessShellOptions): DesktopShell {
  const gio = opts.gio ?? 'gio';
  return {
    async trash(fullPath) {
      // A moved library lives outside the data dir; its job folders are recognised by their place.
      if (!isInsideFolder(opts.dataDir, fullPath) && !isLibraryJobFolder(fullPath)) throw new StudioError('forbidden', 'Studio only moves its own library files to the trash.');
      try {
        await run(gio, ['trash', '--', path.resolve(fullPath)], opts.env);
      } catch (error) {
        const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
        if (code === 'ENOENT') {
          throw new StudioError('unavailable', 'This system has no trash Studio can use (the harness needs `gio`, from libglib2.0-bin). Nothing was deleted.');
        }
        opts.log.warn('harness: gio trash failed', { error: stderr || String(error) });
        throw new StudioError('unavailable', 'The system did not move it to the trash. Nothing was deleted; check that the folder still exists and that you may change it.');
      }
    },
    reveal(fullPath) {
      opts.log.info('harness: reveal in folder', { path: path.resolve(fullPath) });
    },
    chooseFolder() {
      return Promise.resolve(opts.exportDir ?? null);
    },
  };
}
