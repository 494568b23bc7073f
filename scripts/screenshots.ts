/**
 * npm run screenshots — the README's three pictures, taken from the real studio: the simulator and
 * the harness on temporary folders, Chromium (SwiftShader WebGL, so the model renders) at 1440×900,
 * driven as an artist would. Writes docs/screenshots/studio.png (a finished model in the viewport,
 * Properties and the Jobs list), history.png (History with several results) and export.png (the
 * Export panel after an export). Needs a build (`npm run build`) and Chromium (HY3D_CHROMIUM).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startSimulator } from '../test/sim/server';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from '../test/support/browser';
import { chooseModel, exportAs, jobsList, picture, pickPicture, saveKey, shownTriangles } from '../test/support/flow';
import { startHarnessProcess } from '../test/support/harness';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'docs', 'screenshots');

if (!existsSync(path.join(root, 'out', 'renderer', 'index.html'))) fail('There is no renderer build yet. Run `npm run build` first, then `npm run screenshots`.');
if (!chromiumAvailable()) fail(`Chromium was not found at ${CHROMIUM_PATH}. Install it (Debian: apt-get install chromium) or point HY3D_CHROMIUM at one.`);

/** The jobs History will show: ten pictures through three providers, so the grid looks lived in. */
const segmind = { provider: 'Segmind', model: 'Hunyuan3D 2.0 (Segmind)' } as const;
const wavespeed = { provider: 'WaveSpeed', model: 'Hunyuan3D 2 mini (WaveSpeed)' } as const;
const vtrix = { provider: 'Vtrix', model: 'Hunyuan3D (Tencent Cloud via Vtrix)' } as const;
const jobs = [
  { ...segmind, name: 'armchair.png', ground: '#b0743a', object: '#e9d6b8' },
  { ...wavespeed, name: 'desk-lamp.png', ground: '#3a7bd5', object: '#f2e6c9' },
  { ...segmind, name: 'teapot.png', ground: '#6a8a3a', object: '#d9c27a' },
  { ...vtrix, name: 'stool.png', ground: '#8a3a6a', object: '#efd0e0' },
  { ...segmind, name: 'sneaker.png', ground: '#3a8a85', object: '#f4f1ea' },
  { ...wavespeed, name: 'robot-toy.png', ground: '#5a4a8a', object: '#e0a040' },
  { ...segmind, name: 'helmet.png', ground: '#8a8a8f', object: '#303a48' },
  { ...vtrix, name: 'mug.png', ground: '#a04a3a', object: '#f0f0f0' },
  { ...segmind, name: 'cactus-pot.png', ground: '#c0a060', object: '#4a7a3a' },
  { ...segmind, name: 'vase.png', ground: '#c08a2a', object: '#2a2a2a' },
] as const;
/** Demo keys for the simulator only; it accepts any non-empty key. */
const demoKeys = { Segmind: 'sg-screenshots-demo-0001', WaveSpeed: 'ws-screenshots-demo-0002', Vtrix: 'vx-screenshots-demo-0003' } as const;

const sim = await startSimulator({ config: { durationMs: 1500 } });
const endpoints = Object.fromEntries(['SEGMIND', 'WAVESPEED', 'VTRIX', 'LOCAL'].map((p) => [`HY3D_ENDPOINT_${p}`, sim.url.replace(/\/$/, '')]));
// Real time, so the dates and durations on screen are today's; the folder is named as an artist might.
const exportDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'hy3d-screenshots-')), 'Hunyuan3D exports');
mkdirSync(exportDir);
const harness = await startHarnessProcess({ env: endpoints, exportDir });
const browser = await launchChromium({ webgl: true });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(harness.url);
  for (const provider of new Set(jobs.map((j) => j.provider))) await saveKey(page, provider, demoKeys[provider]);

  // Sent one after another as an artist would, then left to run side by side (each provider's slots).
  for (const [i, job] of jobs.entries()) {
    await chooseModel(page, job.model);
    await pickPicture(page, 'Image', job.name, await picture(job.ground, job.object));
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await waitFor(async () => (await jobsList(page).getByRole('listitem').count()) === i + 1, 15_000, `${job.name} to appear in Jobs`);
  }
  const states = jobsList(page).locator('.job-state');
  await waitFor(async () => (await states.allTextContents()).every((s) => s === 'Completed'), 180_000, 'every job to complete');

  // Each result is looked at once, oldest first, which is also what gives its History card a result
  // thumbnail (the viewport renders it); the newest stays open for (a).
  const items = jobsList(page).getByRole('listitem');
  for (let i = jobs.length - 1; i >= 0; i--) {
    await items.nth(i).getByRole('button', { name: /^Open in preview/ }).click();
    await shownTriangles(page);
    await page.waitForTimeout(600);
  }

  // (a) The newest model, textured (Material shading), with Properties and the Jobs list.
  const preview = page.getByRole('region', { name: '3D preview' });
  await preview.getByRole('group', { name: 'Shading' }).getByRole('button', { name: 'Material' }).click();
  await settle(page);
  mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: path.join(outDir, 'studio.png') });

  // (b) History with room to show its cards: the bottom panel raised by keyboard, as its separator allows.
  const history = page.getByRole('region', { name: 'History' });
  const cards = history.getByRole('gridcell');
  await waitFor(async () => (await cards.count()) > 0 && (await history.locator('img').count()) >= (await cards.count()) * 2, 30_000, 'History’s thumbnails');
  const separator = page.getByRole('separator', { name: 'Resize bottom panel' });
  for (let i = 0; i < 5; i++) await separator.press('Shift+ArrowUp');
  await separator.blur();
  await history.getByRole('gridcell').first().click();
  await settle(page);
  await page.screenshot({ path: path.join(outDir, 'history.png') });
  for (let i = 0; i < 5; i++) await separator.press('Shift+ArrowDown');
  await separator.blur();

  // (c) The Export panel, after exporting the open model as GLB (the status line and "Reveal in folder").
  await exportAs(page, 'glb');
  await settle(page);
  await page.screenshot({ path: path.join(outDir, 'export.png') });
  console.log(`Wrote ${['studio.png', 'history.png', 'export.png'].map((f) => path.relative(root, path.join(outDir, f))).join(', ')}.`);
} finally {
  await browser.close();
  await harness.stop();
  await sim.close();
  for (const dir of [harness.dataDir, path.dirname(exportDir)]) rmSync(dir, { recursive: true, force: true });
}

/** Lets thumbnails decode and the viewport draw its next frames, with the pointer out of the way. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(1439, 899);
  await page.waitForTimeout(1500);
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Gave up waiting for ${what} after ${ms / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
