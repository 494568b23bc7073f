/** Where the Electron binary is, or why it is not there. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve(import.meta.dirname, '../../node_modules/electron');

export function electronBinary(): { path: string } | { missing: string } {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'the Electron binary is not installed (node_modules/electron/path.txt is absent: npm install ran with ' +
        'ELECTRON_SKIP_BINARY_DOWNLOAD=1 or could not download it). Run `npm install` where Electron can be downloaded to run this test.',
    };
  }
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { missing: `the Electron binary listed in path.txt is missing: ${binary}` };
  return { path: binary };
}
