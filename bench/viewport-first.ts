/**
 * Where the first model's seconds go on a software GPU: a fresh page opens a small textured GLB
 * (what a job returns), then each step the app takes after it is timed on its own — Material
 * shading's environment, the first Material frame, the result thumbnail — with the longest
 * main-thread task the page saw. `npm run bench -- viewport-first`; the RESULT line is the "app"
 * pass (open, then the thumbnail, as a finished job does).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launchChromium } from '../test/support/browser';
import { startHarnessProcess } from '../test/support/harness';
import { texturedGlb } from '../test/fixtures/models';

/** `window` inside page.waitForFunction (tsconfig.node has no DOM types). */
declare const window: { __viewport?: unknown };

const root = path.resolve(import.meta.dirname, '..');
console.log('building the renderer…');
execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
const bytes = [...(await texturedGlb())];
let app: Record<string, number> = {};
const [harness, browser] = await Promise.all([startHarnessProcess(), launchChromium({ webgl: true })]);
try {
  for (const flow of ['steps', 'app'] as const) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(harness.url);
    await page.waitForFunction(() => window.__viewport !== undefined);
    await page.evaluate(`window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });`);
    // A string, not a function: tsx's keepNames would put a __name helper the page lacks into it.
    const times = (await page.evaluate(`(async () => {
      const hook = window.__viewport;
      const out = {};
      const step = async (name, run) => {
        const t = performance.now();
        await run();
        out[name] = Math.round(performance.now() - t);
      };
      await step('load (solid, first frame)', () => hook.load(new Uint8Array(${JSON.stringify(bytes)}), 'textured.glb'));
      if (${JSON.stringify(flow)} === 'steps') {
        await step('setShading(material) (environment)', () => hook.setShading('material'));
        await step('first Material frame', () => hook.screenshot());
        await step('second Material frame', () => hook.screenshot());
        await step('back to solid + frame', async () => {
          hook.setShading('solid');
          await hook.screenshot();
        });
      }
      await step('thumbnail', () => hook.thumbnail());
      await step('thumbnail again', () => hook.thumbnail());
      await new Promise((r) => setTimeout(r, 200));
      out['longest task'] = Math.round(window.__longest ?? 0);
      return out;
    })()`)) as Record<string, number>;
    console.log(flow, JSON.stringify(times));
    if (flow === 'app') app = times;
    await page.close();
  }
  console.log(`RESULT viewport-first open_ms=${app['load (solid, first frame)']} thumbnail_ms=${app['thumbnail']} longest_task_ms=${app['longest task']}`);
} finally {
  await browser.close();
  await harness.stop();
}
