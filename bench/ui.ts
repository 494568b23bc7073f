/**
 * The History region in Chromium with 100 and with 10 000 jobs: time to the first painted card,
 * DOM size, and long tasks while scrolling the grid from top to bottom. The library channels are a
 * fake placed in front of the harness bridge (as test/e2e/jobs-page.test.ts fakes the jobs ones)
 * that makes each page of items on request, so what is measured is the page, not a store. A second,
 * traced pass prints the longest task in CPU time (ui-trace.ts); the RESULT line is the first pass.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fakeLibraryScript } from './ui-fake';
import { traceTasks } from './ui-trace';
import { launchChromium } from '../test/support/browser';
import { startHarnessProcess } from '../test/support/harness';

declare const window: {
  __bench: { firstCard: number | null; longTasks: { start: number; duration: number }[]; lists: number; listAt: number[] };
  requestAnimationFrame(cb: () => void): number;
};
declare const document: { querySelector(s: string): { scrollTop: number; scrollHeight: number; clientHeight: number } | null; getElementsByTagName(s: string): { length: number } };

const root = path.resolve(import.meta.dirname, '..');
const REPETITIONS = Number(process.env.BENCH_REPS ?? 5);

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

console.log('building the renderer…');
execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
const [harness, browser] = await Promise.all([startHarnessProcess(), launchChromium()]);
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  let jobs = 100;
  await page.route('**/__harness/bridge.js', async (route) => {
    const real = await route.fetch();
    await route.fulfill({ response: real, body: (await fakeLibraryScript(jobs)) + (await real.text()) });
  });
  const firstPaint = async (count: number) => {
    jobs = count;
    await page.goto(harness.url);
    await page.waitForFunction(() => window.__bench.firstCard !== null, undefined, { timeout: 30_000 });
    return page.evaluate(() => window.__bench.firstCard ?? NaN);
  };
  const small: number[] = [];
  const large: number[] = [];
  await firstPaint(100); // warm-up: caches, compiled code
  for (let i = 0; i < REPETITIONS; i++) {
    small.push(await firstPaint(100));
    large.push(await firstPaint(10_000));
  }
  const ratio = median(large) / median(small);
  console.log(`first painted History card: 100 jobs ${median(small).toFixed(0)} ms, 10 000 jobs ${median(large).toFixed(0)} ms after navigation (median of ${REPETITIONS}; ${small.map((v) => v.toFixed(0)).join('/')} vs ${large.map((v) => v.toFixed(0)).join('/')})`);

  // Scrolling top to bottom as a fast fling would: 240 px (two rows) per frame, 14 400 px/s at 60 Hz,
  // then waiting for the last rows to arrive.
  const domBefore = await page.evaluate(() => document.getElementsByTagName('*').length);
  const scroll = await page.evaluate(async () => {
    const el = document.querySelector('.history-scroll');
    if (!el) throw new Error('The History grid is not on the page.');
    const started = performance.now();
    let maxNodes = 0;
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollTop += 240;
      await new Promise<void>((r) => window.requestAnimationFrame(() => r()));
      maxNodes = Math.max(maxNodes, document.getElementsByTagName('*').length);
    }
    const deadline = performance.now() + 10_000;
    while (document.querySelector('[aria-label="History results"] [aria-busy="true"]') && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const long = window.__bench.longTasks.filter((t) => t.start >= started);
    const nearPage = long.filter((t) => window.__bench.listAt.some((at) => at >= t.start - 5 && at <= t.start + t.duration)).length;
    return { nearPage, ms: performance.now() - started, maxNodes, long: long.length, worst: Math.max(0, ...long.map((t) => t.duration)), lists: window.__bench.lists, bottomLoaded: !document.querySelector('[aria-label="History results"] [aria-busy="true"]') };
  });
  const domNodes = Math.max(domBefore, scroll.maxNodes);
  console.log(`DOM nodes in the whole page with 10 000 jobs: ${domBefore} at the top, at most ${scroll.maxNodes} while scrolling (target ≤ 1500)`);
  console.log(`scrolled to the bottom in ${(scroll.ms / 1000).toFixed(1)} s with ${scroll.lists} library:list pages; last rows loaded: ${scroll.bottomLoaded}; long tasks > 50 ms: ${scroll.long} (worst ${scroll.worst.toFixed(0)} ms; ${scroll.nearPage} of them while a page of jobs arrived)`);
  // A second pass, traced, after the measured one (tracing costs time of its own): the same fling
  // over the first 300 frames, to tell the page's own work from time lost to other processes.
  const cdp = await page.context().newCDPSession(page);
  await page.evaluate(async () => {
    const el = document.querySelector('.history-scroll');
    if (el) el.scrollTop = 0;
    // The jump back refills every row at once: let it finish before the trace starts.
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => window.requestAnimationFrame(() => r()));
  });
  const traced = await traceTasks(cdp, async () => {
    await page.evaluate(async () => {
      const el = document.querySelector('.history-scroll');
      for (let frame = 0; el && frame < 300 && el.scrollTop + el.clientHeight < el.scrollHeight - 1; frame++) {
        el.scrollTop += 240;
        await new Promise<void>((r) => window.requestAnimationFrame(() => r()));
      }
    });
  });
  console.log(`traced pass (300 frames): longest main-thread task ${traced.longestCpuMs.toFixed(1)} ms of CPU time; ${traced.overBudget} of ${traced.tasks} tasks over 50 ms of CPU, ${traced.overBudgetWall} over 50 ms of wall-clock time (the difference is time the machine gave to other processes)`);
  console.log('targets: first_paint_ratio ≤ 1.3, dom_nodes ≤ 1500, scroll_long_tasks = 0');
  console.log(`RESULT ui history_jobs=10000 first_paint_ratio=${ratio.toFixed(2)} dom_nodes=${domNodes} scroll_long_tasks=${scroll.long}`);
} finally {
  await browser.close();
  await harness.stop();
}
