/**
 * `npm run sim -- --port <p> [--duration-ms <ms>] [--config '<json>']`: the simulator alone, for the
 * harness, the chaos run or by hand. `--config` takes any settings of `POST /__sim/config` (README).
 * Point the app at it with HY3D_ENDPOINT_SEGMIND|WAVESPEED|VTRIX|LOCAL=http://127.0.0.1:<p>.
 */
import { startSimulator } from './server';
import type { SimConfig } from './state';

const usage = "usage: npm run sim -- --port <p> [--duration-ms <ms>] [--config '<json settings>']";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(why: string): never {
  console.error(`${why}\n${usage}`);
  process.exit(2);
}

const port = Number(arg('port') ?? 8787);
const durationMs = Number(arg('duration-ms') ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, not ${arg('port')}`);
if (!Number.isFinite(durationMs) || durationMs < 0) fail(`--duration-ms must be a number of milliseconds, not ${arg('duration-ms')}`);
let extra: Partial<SimConfig> = {};
const configText = arg('config');
if (configText !== undefined) {
  try {
    extra = JSON.parse(configText) as Partial<SimConfig>;
  } catch {
    fail('--config must be a JSON object of settings');
  }
  if (!extra || typeof extra !== 'object' || Array.isArray(extra)) fail('--config must be a JSON object of settings');
}

const sim = await startSimulator({ port, config: { durationMs, ...extra } }).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
console.log(`sim ready ${sim.url}`);
console.log('control: POST /__sim/faults {"route","fault","times"} · POST /__sim/config {...} · GET /__sim/requests · GET /__sim/submissions · GET /__sim/jobs · POST /__sim/reset');

let closing = false;
const stop = (): void => {
  if (closing) return;
  closing = true;
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
