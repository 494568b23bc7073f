/**
 * What `npm start` opens: the desktop app when Electron's binary is installed, otherwise the same
 * studio in the browser, with one sentence saying why and how to get the desktop app.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { path: string } | { missing: string };

export type StartPlan = { mode: 'desktop'; binary: string } | { mode: 'browser'; why: string };

/** Where electron's own index.js looks: `path.txt` names the executable inside `dist/`. */
export function findElectronBinary(electronDir: string): ElectronBinary {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'no Electron desktop binary is installed' };
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { missing: 'the Electron desktop binary is incomplete' };
  return { path: binary };
}

/** `forceBrowser`: `npm start -- --browser` opens the browser even where the desktop app could run. */
export function planStart(binary: ElectronBinary, forceBrowser = false): StartPlan {
  if (forceBrowser) return { mode: 'browser', why: 'Opening Studio in your browser, as asked (--browser).' };
  if ('path' in binary) return { mode: 'desktop', binary: binary.path };
  const reason = binary.missing.charAt(0).toUpperCase() + binary.missing.slice(1);
  return {
    mode: 'browser',
    why: `${reason}, so Studio opens in your browser instead; run \`npm run get-electron\` to get the desktop app.`,
  };
}
