/** The 3D preview in Chromium (SwiftShader WebGL): shading, navigation, toolbar, capture, compare. */
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startHarnessProcess, type RunningHarness } from '../support/harness';
import { plyAscii, texturedGlb, type Fixture } from '../fixtures/models';
import { barePixels, difference, loadFixture, openViewportPage, pixels, type ViewportWindow } from './viewport-page';

declare const window: ViewportWindow;

let harness: RunningHarness;
let browser: Browser;
let page: Page;
let preview: Locator;
let canvas: Locator;
let textured: Fixture;
/** The empty view, bare (flat background, no grid or axes): what "blank" looks like. */
let empty: number[] = [];

const camera = () => page.evaluate(() => window.__viewport?.camera() ?? { position: [0, 0, 0] as [number, number, number], target: [0, 0, 0] as [number, number, number], orthographic: false, distance: 0 });
const state = () => page.evaluate(() => window.__viewport?.state());
/** The camera's direction from the model's centre, rounded: which side we look from. */
const side = async () => {
  const { position } = await camera();
  const length = Math.hypot(...position) || 1;
  return position.map((v) => Math.round((v / length) * 10) / 10 + 0);
};

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  [harness, browser, textured] = await Promise.all([startHarnessProcess(), launchChromium({ webgl: true }), texturedGlb().then((bytes) => ({ name: 'textured-sphere.glb', bytes }))]);
  page = await openViewportPage(browser, harness.url);
  preview = page.getByRole('region', { name: '3D preview' });
  canvas = preview.locator('canvas');
  empty = await barePixels(page);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe('the 3D preview', () => {
  it('holds the canvas and shows the empty-state hint until a model opens', async () => {
    await canvas.waitFor();
    await expect(canvas.getAttribute('tabindex')).resolves.toBe('0');
    await expect(preview.getByText('Your model will appear here.').isVisible()).resolves.toBe(true);
    const loaded = await loadFixture(page, textured);
    expect(loaded.message).toBeNull();
    expect(loaded.model?.stats).toMatchObject({ triangles: 2304, materials: 1, textures: 1, largestTexture: { width: 64, height: 64 } });
    await expect(preview.getByText('Your model will appear here.').count()).resolves.toBe(0);
    const stats = preview.getByRole('definition');
    await expect(stats.first().textContent()).resolves.toBe('2,304');
  });

  it('draws each shading mode differently, and none of them blank', async () => {
    const shots: Record<string, number[]> = {};
    for (const mode of ['Solid', 'Material', 'Wireframe', 'Normals']) {
      await preview.getByRole('button', { name: mode, exact: true }).click();
      await expect(preview.getByRole('button', { name: mode, exact: true }).getAttribute('aria-pressed')).resolves.toBe('true');
      await preview.screenshot({ path: `test-results/viewport-${mode.toLowerCase()}.png` });
      shots[mode] = await pixels(page);
      expect(difference(await barePixels(page), empty), `${mode} looks blank`).toBeGreaterThan(2);
    }
    const modes = Object.keys(shots);
    for (const a of modes) for (const b of modes) if (a < b) expect(difference(shots[a] ?? [], shots[b] ?? []), `${a} vs ${b}`).toBeGreaterThan(2);
    await preview.getByRole('button', { name: 'Solid', exact: true }).click();
  });

  it('turns to front, right and top on numpad 1, 3, 7, and to the opposite sides with Ctrl', async () => {
    await canvas.focus();
    const expected: [string, number[]][] = [
      ['Numpad1', [0, 0, 1]], ['Numpad3', [1, 0, 0]], ['Numpad7', [0, 1, 0]],
      ['Control+Numpad1', [0, 0, -1]], ['Control+Numpad3', [-1, 0, 0]], ['Control+Numpad7', [0, -1, 0]],
    ];
    for (const [key, direction] of expected) {
      await page.keyboard.press(key);
      expect(await side(), key).toEqual(direction);
    }
  });

  it('toggles orthographic with numpad 5, cycles shading with Z and frames with Home', async () => {
    await canvas.focus();
    await page.keyboard.press('Numpad5');
    expect((await camera()).orthographic).toBe(true);
    await expect(preview.getByText('Orthographic').isVisible()).resolves.toBe(true);
    await page.keyboard.press('Numpad5');
    expect((await camera()).orthographic).toBe(false);
    const cycle: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('z');
      cycle.push((await state())?.shading ?? '');
    }
    expect(cycle).toEqual(['material', 'wireframe', 'normals', 'solid']);
    const framed = (await camera()).distance;
    await canvas.hover();
    await page.mouse.wheel(0, 600);
    expect((await camera()).distance).toBeGreaterThan(framed * 1.5);
    await page.keyboard.press('Home');
    expect((await camera()).distance).toBeCloseTo(framed, 3);
    await page.mouse.wheel(0, -300);
    await page.keyboard.press('NumpadDecimal');
    expect((await camera()).distance).toBeCloseTo(framed, 3);
  });

  it('orbits on middle-drag and Alt+left-drag, pans on Shift+middle-drag', async () => {
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas box');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const drag = async (button: 'left' | 'middle', modifier?: 'Alt' | 'Shift') => {
      const before = await camera();
      if (modifier) await page.keyboard.down(modifier);
      await page.mouse.move(cx, cy);
      await page.mouse.down({ button });
      await page.mouse.move(cx + 80, cy + 30, { steps: 4 });
      await page.mouse.up({ button });
      if (modifier) await page.keyboard.up(modifier);
      const after = await camera();
      const direction = (c: typeof before) => {
        const d = c.position.map((v, i) => v - (c.target[i] ?? 0));
        const length = Math.hypot(...d) || 1;
        return d.map((v) => v / length);
      };
      return {
        moved: Math.hypot(...after.position.map((v, i) => v - (before.position[i] ?? 0))),
        distanceChange: Math.abs(after.distance - before.distance),
        targetMoved: Math.hypot(...after.target.map((v, i) => v - (before.target[i] ?? 0))),
        turned: Math.hypot(...direction(after).map((v, i) => v - (direction(before)[i] ?? 0))),
      };
    };
    const orbit = await drag('middle');
    expect(orbit.moved).toBeGreaterThan(0.1);
    expect(orbit.distanceChange).toBeLessThan(1e-6);
    // Orbit turns around a fixed target; pan slides the target and keeps the view direction.
    expect(orbit.targetMoved).toBeLessThan(1e-6);
    expect(orbit.turned).toBeGreaterThan(0.05);
    expect((await drag('left', 'Alt')).moved).toBeGreaterThan(0.1);
    expect((await drag('left')).moved).toBe(0);
    const pan = await drag('middle', 'Shift');
    expect(pan.moved).toBeGreaterThan(0.01);
    expect(pan.distanceChange).toBeLessThan(1e-6);
    expect(pan.targetMoved).toBeGreaterThan(0.01);
    expect(pan.turned).toBeLessThan(1e-6);
  });

  it('zooms towards the point under the cursor, off centre', async () => {
    await canvas.focus();
    await page.keyboard.press('Home');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas box');
    const ndc: [number, number] = [0.5, 0.4];
    await page.mouse.move(box.x + ((ndc[0] + 1) / 2) * box.width, box.y + ((1 - ndc[1]) / 2) * box.height);
    const under = await page.evaluate(([x, y]) => window.__viewport?.pointAt(x, y), ndc);
    if (!under) throw new Error('no point');
    const before = await camera();
    await page.mouse.wheel(0, -300);
    expect((await camera()).distance).toBeLessThan(before.distance * 0.8);
    const after = await page.evaluate((p) => window.__viewport?.project(p), under);
    expect(after?.[0]).toBeCloseTo(ndc[0], 1);
    expect(after?.[1]).toBeCloseTo(ndc[1], 1);
    // A plain zoom to the centre would keep the target and push that point outwards instead.
    const target = (await camera()).target;
    expect(Math.hypot(...target.map((v, i) => v - (before.target[i] ?? 0)))).toBeGreaterThan(1e-3);
    await page.keyboard.press('Home');
  });

  it('ignores view keys while the user types elsewhere', async () => {
    const before = await camera();
    const search = page.getByRole('searchbox', { name: 'Search history' });
    await search.click();
    await page.keyboard.type('137z5');
    await expect(search.inputValue()).resolves.toBe('137z5');
    expect(await camera()).toEqual(before);
    expect((await state())?.shading).toBe('solid');
    await search.fill('');
  });

  it('changes the look with overlays, exposure, background and turntable', async () => {
    await canvas.focus();
    await page.keyboard.press('Home');
    const base = await pixels(page);
    const grid = preview.getByRole('button', { name: 'Grid', exact: true });
    await grid.click();
    await expect(grid.getAttribute('aria-pressed')).resolves.toBe('false');
    await grid.click();
    await preview.getByRole('button', { name: 'Wireframe overlay' }).click();
    const overlaid = await pixels(page);
    expect(difference(base, overlaid)).toBeGreaterThan(0.5);
    await preview.screenshot({ path: 'test-results/viewport-wireframe-overlay.png' });
    await preview.getByRole('button', { name: 'Wireframe overlay' }).click();
    await preview.getByRole('slider', { name: 'Exposure' }).fill('2.5');
    expect(difference(base, await pixels(page))).toBeGreaterThan(2);
    await preview.getByRole('slider', { name: 'Exposure' }).fill('1');
    await preview.getByRole('combobox', { name: 'Background' }).selectOption('light');
    expect(difference(base, await pixels(page))).toBeGreaterThan(20);
    await preview.getByRole('combobox', { name: 'Background' }).selectOption('gradient');
    const before = await camera();
    await preview.getByRole('button', { name: 'Turntable' }).click();
    await page.waitForTimeout(400);
    await preview.getByRole('button', { name: 'Turntable' }).click();
    expect((await camera()).position).not.toEqual(before.position);
  });

  it('saves a PNG screenshot and makes a square 512-px WebP thumbnail', async () => {
    const download = page.waitForEvent('download');
    await preview.getByRole('button', { name: 'Screenshot' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('textured-sphere-screenshot.png');
    // The gradient backdrop is CSS on screen; the saved image must carry it, not transparency.
    const corner = await sharp(await saved.path()).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(corner.info.channels === 3 || corner.data[3] === 255).toBe(true);
    expect(corner.data[0]).toBeGreaterThan(40);
    await expect(page.evaluate(() => window.__viewport?.screenshot())).resolves.toMatchObject({ type: 'image/png' });
    const thumb = await page.evaluate(() => window.__viewport?.thumbnail());
    expect(thumb).toMatchObject({ type: 'image/webp', width: 512, height: 512 });
    expect(thumb?.bytes).toBeGreaterThan(1000);
  });

  it('opens a file from the picker and from a drop onto the view', async () => {
    const picker = preview.getByLabel('Open model…');
    const ply = plyAscii();
    await picker.setInputFiles({ name: ply.name, mimeType: 'application/octet-stream', buffer: Buffer.from(ply.bytes) });
    await page.waitForFunction(() => window.__viewport?.state().model?.name === 'cube-ascii.ply');
    await page.evaluate(async () => {
      const bytes = await (await fetch('/__fixtures/textured-sphere.glb')).arrayBuffer();
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'dropped.glb'));
      const target = document.querySelector('.viewport');
      for (const type of ['dragover', 'drop']) target?.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => window.__viewport?.state().model?.name === 'dropped.glb');
  });

  it('compares two results side by side through one linked camera', async () => {
    await preview.getByRole('button', { name: 'Compare' }).click();
    await expect(preview.getByText('Open or drop a second model to compare it here.').isVisible()).resolves.toBe(true);
    const compared = await loadFixture(page, plyAscii(), 'b');
    expect(compared.comparing).toBe(true);
    expect(compared.other?.stats.triangles).toBe(12);
    await expect(preview.getByRole('definition').count()).resolves.toBe(10);
    await canvas.focus();
    await page.keyboard.press('Numpad3');
    await preview.screenshot({ path: 'test-results/viewport-compare.png' });
    const shot = await barePixels(page);
    // Both halves show something, and they differ: a sphere on the left, a cube on the right.
    const half = (values: number[], from: number) => values.filter((_, i) => Math.floor(i / 3) % 64 >= from && Math.floor(i / 3) % 64 < from + 32);
    expect(difference(half(shot, 0), half(empty, 0))).toBeGreaterThan(2);
    expect(difference(half(shot, 32), half(empty, 32))).toBeGreaterThan(2);
    expect(difference(half(shot, 0), half(shot, 32))).toBeGreaterThan(2);
    await preview.getByRole('button', { name: 'Compare' }).click();
    expect((await state())?.other).toBeNull();
  });
});

declare const document: { querySelector(s: string): { dispatchEvent(e: unknown): void } | null };
declare const DataTransfer: new () => { items: { add(f: unknown): void } };
declare const File: new (parts: unknown[], name: string) => unknown;
declare const DragEvent: new (type: string, init: object) => unknown;
