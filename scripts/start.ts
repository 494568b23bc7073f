/**
 * npm start [-- --browser] [--no-open]: the desktop app where Electron's binary is installed
 * (electron-vite builds and opens it, as before), otherwise browser mode, saying why in one sentence.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBrowserMode } from './browser-mode';
import { findElectronBinary, planStart } from './start-mode';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { browser: { type: 'boolean', default: false }, 'no-open': { type: 'boolean', default: false } } });
const bin = (name: string) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const plan = planStart(findElectronBinary(path.join(root, 'node_modules', 'electron')), values.browser);

if (plan.mode === 'desktop') {
  const result = spawnSync(bin('electron-vite'), ['preview'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}

console.log(plan.why);
const rendererRoot = path.join(root, 'out', 'renderer');
if (!buildIsCurrent(path.join(rendererRoot, 'index.html'), ['src/renderer', 'src/shared'].map((dir) => path.join(root, dir)))) {
  console.log('Building the studio page first…');
  const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) {
    console.error('The studio page did not build; the messages above say why.');
    process.exit(1);
  }
}
await runBrowserMode({ rendererRoot, open: !values['no-open'] }).catch((error: unknown) => {
  console.error(`Studio could not start in the browser: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/** The page was built after every source file it comes from last changed. */
function buildIsCurrent(built: string, sources: string[]): boolean {
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return sources.every((dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true }).every((entry) => !entry.isFile() || statSync(path.join(entry.parentPath, entry.name)).mtimeMs <= builtAt),
  );
}
