/**
 * Fetches Electron's desktop binary: our `postinstall` (npm's allowScripts keeps electron's own
 * install script from running, so a failed download cannot fail `npm install`) and
 * `npm run get-electron` (--required: a failure is an error).
 *
 * It runs electron's own node_modules/electron/install.js, which downloads, checks the checksum and
 * unpacks. Its output is kept back: a failure is one sentence here, with the first line of the cause.
 * Plain JavaScript on purpose: it runs while node_modules is still being set up, on whatever Node
 * npm was started with.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const installer = path.join(root, 'node_modules', 'electron', 'install.js');
const required = process.argv.includes('--required');
const later = 'Run `npm run get-electron` to fetch it later.';
const browserInstead = '`npm start` will open the studio in your browser instead.';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !required) {
  console.log(`Studio: skipped the Electron desktop binary (ELECTRON_SKIP_BINARY_DOWNLOAD is set); ${browserInstead} ${later}`);
  process.exit(0);
}
if (!existsSync(installer)) finish(`the electron package is not installed (run \`npm install\` first)`);

// ELECTRON_SKIP_BINARY_DOWNLOAD would make install.js do nothing: get-electron means "do it now".
const env = { ...process.env };
delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
const child = spawn(process.execPath, [installer], { cwd: path.dirname(installer), env, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
child.on('error', (error) => finish(error.message));
child.on('close', (code, signal) => {
  if (code === 0) {
    if (required) console.log('Studio: the Electron desktop binary is installed; `npm start` opens the desktop app.');
    process.exit(0);
  }
  finish(firstReason(output) ?? `electron's installer exited with ${code ?? signal}`);
});

/** The cause in a few words: the first line of the error install.js printed (e.g. "TypeError: fetch failed"). */
function firstReason(text) {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at '));
  return line ? line.slice(0, 200) : null;
}

function finish(reason) {
  if (required) {
    console.error(`Studio: the Electron desktop binary could not be downloaded (${reason}). Check the connection to github.com (or set ELECTRON_MIRROR) and run \`npm run get-electron\` again; meanwhile ${browserInstead}`);
    process.exit(1);
  }
  console.log(`Studio: the Electron desktop binary could not be downloaded (${reason}); ${browserInstead} ${later}`);
  process.exit(0);
}
