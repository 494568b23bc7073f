/**
 * npm run harness -- --port <p|0> --data-dir <dir> --export-dir <dir> [--memory-keys] [--time-scale N]
 * Serves the last renderer build with the core behind it; prints the ready line once it serves.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from '../src/harness/server';
import { createConsoleLog } from '../src/main/core/log';
import { scaledClock, systemClock } from '../src/main/core/engine/clock';
import { createConfBackend } from '../src/main/core/settings/conf-backend';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5799' },
    'data-dir': { type: 'string' },
    'export-dir': { type: 'string' },
    'memory-keys': { type: 'boolean', default: false },
    // Runs the job engine's clock N× faster (tests and demos against the simulator): polls, ETAs
    // and deadlines shrink together, so a 37 s job's schedule plays out in a fraction of that.
    'time-scale': { type: 'string', default: '1' },
  },
});

const port = Number(values.port);
const timeScale = Number(values['time-scale']);
if (!(timeScale >= 1 && timeScale <= 1000)) fail(`--time-scale must be a number from 1 to 1000, not "${values['time-scale']}".`);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number (0 lets the system choose), not "${values.port}".`);
const dataDir = path.resolve(values['data-dir'] ?? process.env.HY3D_DATA_DIR ?? fail('--data-dir (or HY3D_DATA_DIR) is required.'));
const exportDir = path.resolve(values['export-dir'] ?? fail('--export-dir is required.'));
const rendererRoot = path.resolve(import.meta.dirname, '../out/renderer');
if (!existsSync(path.join(rendererRoot, 'index.html'))) fail('No renderer build found in out/renderer. Run `npm run build` first.');
mkdirSync(dataDir, { recursive: true });
mkdirSync(exportDir, { recursive: true });

const harness = await startHarness({
  port,
  rendererRoot,
  core: {
    dataDir,
    settings: createConfBackend(dataDir),
    log: createConsoleLog(),
    env: process.env,
    exportDir,
    keys: values['memory-keys'] ? 'memory' : 'keychain',
    clock: timeScale === 1 ? systemClock : scaledClock(timeScale),
  },
}).catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  fail(code === 'EADDRINUSE' ? `Port ${port} is already in use. Choose another with --port, or --port 0 to let the system pick.` : `The harness could not start: ${error instanceof Error ? error.message : String(error)}`);
});
console.log(`harness ready ${harness.url}`);

const stop = (): void => {
  void harness.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
