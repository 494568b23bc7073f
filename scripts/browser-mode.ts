/**
 * Browser mode: the studio without Electron. The harness's core and page (src/harness/server.ts)
 * with what the desktop app uses — the real keychain, the app's own data folder, an export folder
 * in Documents — on 127.0.0.1 only, behind a secret made for this launch, opened in the system browser.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness } from '../src/harness/server';
import { createConsoleLog, registerSecret } from '../src/main/core/log';
import { createConfBackend } from '../src/main/core/settings/conf-backend';

const productName = 'Hunyuan3D Studio';

/** The folder Electron's app.getPath('userData') gives for our productName, so both modes share one library. */
export function userDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (env.HY3D_DATA_DIR) return path.resolve(env.HY3D_DATA_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', productName);
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), productName);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), productName);
}

/**
 * Browser mode has no folder dialog, so "Choose folder" answers this one. The desktop app has no
 * default of its own (it asks), so this is where an artist looks first: Documents/Hunyuan3D.
 */
export function defaultExportDir(home: string): string {
  return path.join(home, 'Documents', 'Hunyuan3D');
}

/** The system's "open this address" command. `start`'s first quoted argument is the window title. */
export function openCommand(platform: NodeJS.Platform, url: string): { file: string; args: string[] } {
  if (platform === 'darwin') return { file: 'open', args: [url] };
  if (platform === 'win32') return { file: 'cmd', args: ['/c', 'start', '""', url] };
  return { file: 'xdg-open', args: [url] };
}

export interface BrowserModeOptions {
  rendererRoot: string;
  /** false: print the address only (tests, or a machine without a desktop). */
  open: boolean;
  port?: number;
}

export async function runBrowserMode(options: BrowserModeOptions): Promise<void> {
  const log = createConsoleLog();
  const dataDir = userDataDir(process.platform, process.env, os.homedir());
  const exportDir = process.env.HY3D_EXPORT_DIR ? path.resolve(process.env.HY3D_EXPORT_DIR) : defaultExportDir(os.homedir());
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(exportDir, { recursive: true });
  // 32 random bytes, base64url: unguessable, and safe in a URL fragment and a shell command line.
  const token = randomBytes(32).toString('base64url');
  // Should the token ever reach a log line, the redactor removes it.
  registerSecret(token);
  const harness = await startHarness({
    port: options.port ?? 0,
    rendererRoot: options.rendererRoot,
    token,
    core: { dataDir, settings: createConfBackend(dataDir), log, env: process.env, exportDir, keys: 'keychain' },
  });
  const url = `${harness.url}#token=${token}`;
  console.log(`Studio is running at ${url}`);
  console.log('Keep this terminal open while you work; press Ctrl+C to stop Studio.');
  if (options.open) openInBrowser(url);

  const stop = (): void => {
    void harness.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function openInBrowser(url: string): void {
  const { file, args } = openCommand(process.platform, url);
  const cannot = (why: string) => console.log(`Studio could not open your browser (${why}); open the address above yourself.`);
  try {
    const child = spawn(file, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.once('error', (error) => cannot(error.message.replace(url, 'the address')));
    child.unref();
  } catch (error) {
    cannot(error instanceof Error ? error.message.replace(url, 'the address') : String(error));
  }
}
