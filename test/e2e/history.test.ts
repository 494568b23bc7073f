/**
 * History and export as an artist uses them, in Chromium through the harness against the provider
 * simulator, nothing faked: two jobs generated, one found again by searching the name its picture
 * had, favourited; the harness restarted with the simulator gone (the network cut) — History, its
 * thumbnails (asset files) and the 3D preview still work — and that job exported as GLB and as OBJ,
 * the files checked from outside: Khronos' gltf-validator, and three's OBJ/MTL loaders in Node, with
 * the source's triangle count.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { validateBytes } from 'gltf-validator';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { Mesh, type Object3D } from 'three';
import { MTLLoader } from 'three/examples/jsm/loaders/MTLLoader.js';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../sim/server';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { startHarnessProcess, type RunningHarness } from '../support/harness';
import { dropPicture, previewTriangles, saveSegmindKey } from '../support/artist';

const skip = !chromiumAvailable() && !process.env.CI;
if (skip) console.warn('Skipping: the History end-to-end test needs Chromium (Debian: apt-get install chromium).');

const key = 'sg-e2e-history-key-40c2d1';
let sim: Simulator | undefined;
let browser: Browser | undefined;
const harnesses: RunningHarness[] = [];
afterAll(async () => {
  await browser?.close();
  for (const h of harnesses) await h.stop();
  await sim?.close();
  for (const dir of new Set(harnesses.flatMap((h) => [h.dataDir, h.exportDir]))) rmSync(dir, { recursive: true, force: true });
});

async function harness(simUrl: string, dirs: { dataDir?: string; exportDir?: string } = {}): Promise<RunningHarness> {
  const endpoints = Object.fromEntries(['SEGMIND', 'WAVESPEED', 'VTRIX', 'LOCAL'].map((p) => [`HY3D_ENDPOINT_${p}`, simUrl.replace(/\/$/, '')]));
  const h = await startHarnessProcess({ env: endpoints, args: ['--time-scale', '10'], ...dirs });
  harnesses.push(h);
  return h;
}

const picture = (background: string) =>
  sharp({ create: { width: 320, height: 320, channels: 3, background } })
    .composite([{ input: Buffer.from('<svg width="320" height="320"><circle cx="160" cy="160" r="90" fill="#e9d6b8"/></svg>') }])
    .png()
    .toBuffer();

/** The History card of the job whose picture was dropped as `name` (its tooltip lists the input names). */
const card = (page: Page, name: string) => page.getByRole('region', { name: 'History' }).getByRole('gridcell').and(page.getByTitle(name, { exact: true }));

/** Files in the export folder, by extension. */
const exported = (dir: string, ext: string) => readdirSync(dir).filter((f) => f.toLowerCase().endsWith(`.${ext}`));

/** Triangles of an OBJ as three's loaders read it, and the textures its MTL names. */
function objTriangles(dir: string, file: string): { triangles: number; maps: string[] } {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const mtlName = /^mtllib\s+(.+)$/m.exec(text)?.[1]?.trim();
  const maps: string[] = [];
  if (mtlName) {
    // Read, not turned into materials: that would load the images, and Node has no image decoder.
    const info = new MTLLoader().parse(readFileSync(path.join(dir, mtlName), 'utf8'), '').materialsInfo;
    for (const material of Object.values(info)) if (material.map_kd) maps.push(material.map_kd);
  }
  let triangles = 0;
  new OBJLoader().parse(text).traverse((o: Object3D) => {
    if (o instanceof Mesh) triangles += (o.geometry.index?.count ?? o.geometry.getAttribute('position').count) / 3;
  });
  return { triangles, maps };
}

/** The triangle count of every GLB the engine downloaded (the source models), read by the validator. */
async function sourceTriangles(dataDir: string): Promise<number[]> {
  const jobs = path.join(dataDir, 'library', 'jobs');
  const counts: number[] = [];
  for (const id of readdirSync(jobs)) {
    const outputs = path.join(jobs, id, 'outputs');
    for (const f of existsSync(outputs) ? exported(outputs, 'glb') : []) counts.push((await validateBytes(readFileSync(path.join(outputs, f)))).info?.totalTriangleCount ?? -1);
  }
  return counts;
}

async function exportAs(page: Page, format: 'glb' | 'obj'): Promise<void> {
  const panel = page.getByRole('region', { name: 'Export' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Export…' }).click();
  await panel.getByRole('combobox', { name: 'Format' }).selectOption(format);
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  // The status line, or the alert that says what went wrong (so a failure reads as its sentence).
  const status = panel.getByRole('status').or(panel.getByRole('alert'));
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('Exported');
  await expect.poll(() => panel.getByRole('status').getByRole('button', { name: 'Reveal in folder' }).count()).toBe(1);
}

describe.skipIf(skip)('History and export in the browser, offline after a restart', () => {
  it('finds a job by its picture’s name, keeps its favourite and preview offline, and exports valid GLB and OBJ', async () => {
    sim = await startSimulator({ config: { durationMs: 2500 } });
    let h = await harness(sim.url);
    browser = await launchChromium({ webgl: true });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(h.url);

    await saveSegmindKey(page, key);
    await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2.0 (Segmind)' });

    const jobs = page.getByRole('list', { name: 'Jobs' });
    for (const [name, colour] of [['armchair.png', '#b0743a'], ['lamp.png', '#3a7bd5']] as const) {
      await dropPicture(page, name, await picture(colour));
      await page.getByRole('button', { name: 'Generate' }).click();
    }
    await expect.poll(() => jobs.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => jobs.locator('.job-state').allTextContents(), { timeout: 40_000 }).toEqual(['Completed', 'Completed']);

    const history = page.getByRole('region', { name: 'History' });
    await expect.poll(() => history.getByRole('gridcell').count(), { timeout: 10_000 }).toBe(2);
    await history.getByRole('searchbox', { name: 'Search history' }).fill('lamp');
    await expect.poll(() => history.getByRole('gridcell').count()).toBe(1);
    expect(await card(page, 'lamp.png').count()).toBe(1);
    const star = card(page, 'lamp.png').getByRole('button', { name: /^Favourite:/ });
    await star.click();
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');

    // The network to the provider is cut: the simulator is gone, and the harness starts again.
    await sim.close();
    sim = undefined;
    await h.stop();
    h = await harness('http://127.0.0.1:9', { dataDir: h.dataDir, exportDir: h.exportDir });
    await page.goto(h.url);
    await expect.poll(() => history.getByRole('gridcell').count(), { timeout: 10_000 }).toBe(2);
    await history.getByRole('searchbox', { name: 'Search history' }).fill('lamp');
    await expect.poll(() => history.getByRole('gridcell').count()).toBe(1);
    const lamp = card(page, 'lamp.png');
    await expect.poll(() => lamp.getByRole('button', { name: /^Favourite:/ }).getAttribute('aria-pressed')).toBe('true');
    // Its thumbnails come from the library through the asset route, and they decode.
    await expect
      .poll(() => lamp.locator('img').evaluateAll((imgs) => imgs.length > 0 && imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)), { timeout: 10_000 })
      .toBe(true);
    await lamp.dblclick();
    const shown = await previewTriangles(page);
    const sources = await sourceTriangles(h.dataDir);
    expect(sources).toHaveLength(2);
    expect(sources.every((n) => n === sources[0] && n > 0)).toBe(true);
    expect(shown).toBe(sources[0]);

    await exportAs(page, 'glb');
    await page.screenshot({ path: 'test-results/history-offline.png' });
    const glbs = exported(h.exportDir, 'glb');
    expect(glbs).toHaveLength(1);
    const report = await validateBytes(readFileSync(path.join(h.exportDir, glbs[0] ?? '')));
    expect(report.issues.numErrors, JSON.stringify(report.issues.messages.slice(0, 5))).toBe(0);
    expect(report.info?.totalTriangleCount).toBe(sources[0]);
    expect(report.info?.hasTextures).toBe(true);

    await exportAs(page, 'obj');
    const objs = exported(h.exportDir, 'obj');
    expect(objs).toHaveLength(1);
    const obj = objTriangles(h.exportDir, objs[0] ?? '');
    expect(obj.triangles).toBe(sources[0]);
    expect(obj.maps.length).toBeGreaterThan(0);
    for (const map of obj.maps) expect(existsSync(path.join(h.exportDir, map))).toBe(true);
    // The key is in no exported file and no log line.
    for (const f of readdirSync(h.exportDir)) expect(readFileSync(path.join(h.exportDir, f)).includes(key)).toBe(false);
    for (const running of harnesses) expect(running.output()).not.toContain(key);
  });
});
