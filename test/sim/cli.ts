/**
 * `npm run sim -- --port <p> [--duration-ms <ms>]`: the simulator alone, for the harness or by hand.
 * Point the app at it with HY3D_ENDPOINT_SEGMIND|WAVESPEED|VTRIX|LOCAL=http://127.0.0.1:<p>.
 */
import { startSimulator } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg('port') ?? 8787);
const durationMs = Number(arg('duration-ms') ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('usage: npm run sim -- --port <p> [--duration-ms <ms>]');
  process.exit(2);
}

const sim = await startSimulator({ port, config: { durationMs } });
console.log(`sim ready ${sim.url}`);
console.log('control: POST /__sim/faults {"route","fault","times"} · POST /__sim/config {...} · GET /__sim/requests · POST /__sim/reset');

let closing = false;
const stop = (): void => {
  if (closing) return;
  closing = true;
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
