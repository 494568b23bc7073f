/**
 * The main loop must not stutter while results arrive: a 200 MB download and a 50 MB zip being
 * unpacked at the same time keep event-loop delay p99 under 20 ms. The file server runs in this
 * process too, so its work counts against the budget as well.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { downloadAsset, type DownloadedAsset } from '../../../src/main/core/downloads/download-asset';
import { makeZip, objText } from './zip-fixture';

const MB = 1024 * 1024;
// On an oversubscribed machine (load above the core count) the loop is descheduled for tens of ms
// whatever it runs, so the number would measure the neighbours, not this code: skipped, with the reason.
const oversubscribed = loadavg()[0]! > cpus().length;
if (oversubscribed) console.log(`loop-delay test skipped: load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
let server: ChildProcess | undefined;
let base: string;
let root: string;

beforeAll(async () => {
  if (oversubscribed) return;
  root = await mkdtemp(path.join(tmpdir(), 'hy3d-loop-'));
  await mkdir(path.join(root, 'a'));
  await mkdir(path.join(root, 'b'));
  // 30 MB of incompressible texture and a 20 MB OBJ that deflates about 3:1: real inflating work.
  const lines: string[] = [];
  let size = 0;
  while (size < 20 * MB) {
    const line = `v ${Math.random().toFixed(6)} ${Math.random().toFixed(6)} ${Math.random().toFixed(6)}\n`;
    lines.push(line);
    size += line.length;
  }
  const zipFile = path.join(root, 'fixture.zip');
  await writeFile(zipFile, makeZip([{ name: 'model.obj', data: objText + lines.join('') }, { name: 'texture.png', data: randomBytes(30 * MB) }]));
  server = spawn(process.execPath, [fileURLToPath(new URL('./file-server.mjs', import.meta.url)), zipFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => server!.stdout!.once('data', (d) => resolve(String(d).trim())));
  base = `http://127.0.0.1:${port}`;
}, 60_000);
afterAll(async () => {
  server?.kill();
  if (root) await rm(root, { recursive: true, force: true });
});

async function loopDelayP99(work: () => Promise<unknown>): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  await work();
  delay.disable();
  return delay.percentile(99) / 1e6;
}

it.skipIf(oversubscribed)('a 200 MB download and a 50 MB zip unpacking keep the event loop’s p99 delay under 20 ms', async () => {
  // The machine's own scheduling noise (other processes on shared cores) is measured first and
  // allowed on top: the budget is for what the downloads add.
  const idle = await loopDelayP99(() => new Promise((resolve) => setTimeout(resolve, 1_000)));
  let big: DownloadedAsset | undefined;
  let obj: DownloadedAsset | undefined;
  const busy = await loopDelayP99(async () => {
    [big, obj] = await Promise.all([
      downloadAsset({ provider: 'wavespeed', asset: { url: `${base}/model.glb`, format: 'glb' }, outputsDir: path.join(root, 'a'), baseName: 'model', endpoint: base }),
      downloadAsset({ provider: 'vtrix', asset: { url: `${base}/model.zip`, format: 'obj' }, outputsDir: path.join(root, 'b'), baseName: 'model', endpoint: base }),
    ]);
  });
  expect(big!.files[0]!.bytes).toBe(200 * MB);
  expect((await stat(path.join(root, 'a', 'model.glb'))).size).toBe(200 * MB);
  expect(obj!.files.map((f) => f.name)).toEqual(['model.obj', 'texture.png']);
  console.log(`event-loop delay p99: idle ${idle.toFixed(1)} ms, downloading ${busy.toFixed(1)} ms`);
  expect(busy).toBeLessThan(20 + idle);
}, 120_000);
