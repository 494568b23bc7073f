/**
 * Load-to-first-frame of our viewport (the built renderer, served by the harness with its real CSP)
 * against a bare GLTFLoader + WebGLRenderer page, on the same GLBs in one Chromium run; plus the
 * gzipped size of the JavaScript index.html loads before anything lazy.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { launchChromium } from '../test/support/browser';
import { startHarnessProcess } from '../test/support/harness';
import { sphereGlb } from '../test/fixtures/models';

/** `window` inside page.evaluate (tsconfig.node has no DOM types). */
declare const window: {
  __viewport?: {
    load(bytes: ArrayBuffer, name: string): Promise<{ firstFrameMs: number | null; message: string | null }>;
    setShading(mode: 'solid' | 'material'): void;
  };
  bareLoad?(url: string): Promise<number>;
};

const root = path.resolve(import.meta.dirname, '..');
const REPETITIONS = Number(process.env.BENCH_REPS ?? 11);
const sizes = [['40k', 40_000], ['200k', 200_000], ['1m', 1_000_000]] as const;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function initialJsGzipKb(): number {
  const dir = path.join(root, 'out/renderer');
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const urls = [...html.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? '');
  const bytes = urls.filter((u) => u.endsWith('.js')).reduce((sum, u) => sum + gzipSync(readFileSync(path.join(dir, u.replace(/^\.?\//, ''))), { level: 9 }).length, 0);
  return Math.round(bytes / 1024);
}

async function startBarePage(files: Map<string, Buffer>): Promise<{ url: string; close(): Promise<void> }> {
  const bundle = await build({ entryPoints: [path.join(root, 'bench/bare-page.ts')], bundle: true, write: false, format: 'esm', minify: true, platform: 'browser' });
  const script = bundle.outputFiles[0]?.text ?? '';
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0] ?? '/';
    if (name === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><body style="margin:0"><script type="module" src="/bare.js"></script></body>');
    if (name === '/bare.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const file = files.get(name.slice(1));
    if (file) return res.writeHead(200, { 'content-type': 'model/gltf-binary' }).end(file);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

console.log('building the renderer…');
execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
const files = new Map(sizes.map(([label, triangles]) => [`sphere-${label}.glb`, sphereGlb(triangles)]));
const [harness, bare, browser] = await Promise.all([startHarnessProcess(), startBarePage(files), launchChromium({ webgl: true })]);
try {
  const app = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await app.route('**/__bench/**', (route) => route.fulfill({ body: files.get(route.request().url().split('/__bench/')[1] ?? '') ?? Buffer.alloc(0) }));
  await app.goto(harness.url);
  await app.waitForFunction(() => window.__viewport !== undefined);
  const canvasBox = await app.getByRole('region', { name: '3D preview' }).locator('canvas').boundingBox();
  const [w, h] = [Math.round(canvasBox?.width ?? 800), Math.round(canvasBox?.height ?? 600)];
  const reference = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await reference.goto(`${bare.url}?w=${w}&h=${h}`);
  await reference.waitForFunction(() => 'bareLoad' in window);
  console.log(`canvas ${w}×${h}, ${REPETITIONS} repetitions after one warm-up, median`);

  /** One timed load on each side; the bare page always draws the file's own PBR materials. */
  const loadBoth = async (name: string): Promise<[number, number]> => {
    const viewportMs = await app.evaluate(async (n) => {
      const hook = window.__viewport;
      if (!hook) throw new Error('The viewport test hook is missing.');
      const bytes = await (await fetch(`/__bench/${n}`)).arrayBuffer();
      const state = await hook.load(bytes, n);
      if (state.message) throw new Error(state.message);
      return state.firstFrameMs ?? NaN;
    }, name);
    const bareMs = await reference.evaluate((n) => window.bareLoad?.(`/${n}`) ?? NaN, name);
    return [viewportMs, bareMs];
  };
  const report = (label: string, ours: number[], theirs: number[]) => {
    const ratio = median(ours) / median(theirs);
    console.log(`${label.padStart(4)} triangles: viewport ${median(ours).toFixed(0)} ms, bare page ${median(theirs).toFixed(0)} ms, ratio ${ratio.toFixed(2)}  (viewport ${ours.map((v) => v.toFixed(0)).join('/')}; bare ${theirs.map((v) => v.toFixed(0)).join('/')})`);
    return ratio;
  };

  // The very first load of each page pays for the lazily loaded GLTFLoader chunk and shader
  // compiles: what an artist waits for the first time. Shown, not folded into the medians.
  const [coldOurs, coldTheirs] = await loadBoth('sphere-40k.glb');
  console.log(`cold first load, 40k: viewport ${coldOurs.toFixed(0)} ms, bare page ${coldTheirs.toFixed(0)} ms, ratio ${(coldOurs / coldTheirs).toFixed(2)}`);

  console.log('Solid shading (the viewport opens models in it):');
  const ratios: Record<string, number> = {};
  for (const [label] of sizes) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i <= REPETITIONS; i++) {
      const [a, b] = await loadBoth(`sphere-${label}.glb`);
      if (i === 0) continue;
      ours.push(a);
      theirs.push(b);
    }
    ratios[label] = report(label, ours, theirs);
  }

  // Material shading: PBR under the neutral environment on a real GPU; on a software one (this
  // SwiftShader run) under the lamps alone (Viewport.ensureEnvironment). Reported for honesty,
  // the RESULT line keeps the default view.
  console.log('Material shading (PBR; lamps only on this software GPU):');
  await app.evaluate(() => window.__viewport?.setShading('material'));
  for (const [label] of sizes.slice(0, 2)) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i <= 5; i++) {
      const [a, b] = await loadBoth(`sphere-${label}.glb`);
      if (i === 0) continue;
      ours.push(a);
      theirs.push(b);
    }
    report(label, ours, theirs);
  }
  const kb = initialJsGzipKb();
  console.log(`initial renderer JavaScript: ${kb} KB gzipped (target ≤ 450); ratios target ≤ 1.2`);
  console.log(`RESULT viewport ratio_40k=${ratios['40k']?.toFixed(2)} ratio_200k=${ratios['200k']?.toFixed(2)} ratio_1m=${ratios['1m']?.toFixed(2)} initial_js_gzip_kb=${kb}`);
} finally {
  await browser.close();
  await bare.close();
  await harness.stop();
}
