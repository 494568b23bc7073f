/** Every format the providers return, broken files, a million triangles and memory across switches. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startHarnessProcess, type RunningHarness } from '../support/harness';
import * as models from '../fixtures/models';
import { barePixels, difference, loadFixture, openViewportPage, pixels, variance, type ViewportWindow } from './viewport-page';

declare const window: ViewportWindow;

let harness: RunningHarness;
let browser: Browser;
let page: Page;
/** The empty view, bare (flat background, no grid or axes): what "blank" looks like. */
let empty: number[] = [];
/** Mean difference from the empty bare view (0–255 per channel) above which a model is drawn. */
const BLANK = 2;
const drawn = async () => difference(await barePixels(page), empty);
const glb = async (name: string, bytes: Promise<Uint8Array> | Uint8Array) => ({ name, bytes: await bytes });

beforeAll(async () => {
  [harness, browser] = await Promise.all([startHarnessProcess(), launchChromium({ webgl: true })]);
  page = await openViewportPage(browser, harness.url);
  empty = await barePixels(page);
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

const cube = { triangles: 12, size: { x: 2, y: 2, z: 2 } };

describe('the measure of "not blank"', () => {
  it('finds an empty bare view flat, though the gradient and grid alone would pass an old "variance > 50" check', async () => {
    expect(variance(empty)).toBeLessThan(4);
    expect(await drawn()).toBe(0);
    expect(variance(await pixels(page))).toBeGreaterThan(50);
  });
});

describe('opening each format', () => {
  const cases: [string, () => Promise<models.Fixture> | models.Fixture, object][] = [
    ['a textured GLB', () => glb('textured.glb', models.texturedGlb()), { triangles: 2304, textures: 1, largestTexture: { width: 64, height: 64 } }],
    ['a meshopt-compressed GLB', () => glb('meshopt.glb', models.meshoptGlb()), { triangles: 1024, vertices: 561 }],
    ['an OBJ with MTL and texture straight from a zip', models.objZip, { ...cube, materials: 1, textures: 1 }],
    ['an OBJ dropped with its MTL and texture', models.objLoose, { ...cube, materials: 1, textures: 1 }],
    ['an ASCII PLY with colours', models.plyAscii, { ...cube, vertices: 8 }],
    ['a binary PLY', models.plyBinary, { ...cube, vertices: 8 }],
    ['a binary STL', models.stlBinary, { ...cube, vertices: 8 }],
    ['an ASCII STL', models.stlAscii, { ...cube, vertices: 8 }],
    ['a GLB drawing one sphere four times (GPU instancing)', () => glb('instanced.glb', models.instancedGlb()), { triangles: 2304 * 4, textures: 1 }],
    ['an ASCII FBX', models.fbxAscii, { ...cube, materials: 1 }],
    ['a binary FBX with a compressed array', models.fbxBinary, { ...cube, materials: 1 }],
    ['a .gltf dropped with its .bin and texture', models.gltfLoose, { triangles: 2304, textures: 1, largestTexture: { width: 64, height: 64 } }],
    ['a PLY point cloud as points', models.plyPointCloud, { triangles: 0, vertices: 20_000, materials: 1 }],
    ['a USDZ with a USDA root layer', models.usdzAscii, cube],
  ];
  for (const [what, make, expected] of cases) {
    it(`shows ${what}`, async () => {
      const state = await loadFixture(page, await make());
      expect(state.message).toBeNull();
      expect(state.model?.stats).toMatchObject(expected);
      expect(await drawn()).toBeGreaterThan(BLANK);
    });
  }

  it('decodes a Draco-compressed GLB with the decoder from the app bundle, never a CDN', async () => {
    const requests: string[] = [];
    const listener = (r: { url(): string }) => requests.push(r.url());
    page.on('request', listener);
    const state = await loadFixture(page, await glb('draco.glb', models.dracoGlb()));
    page.off('request', listener);
    expect(state.message).toBeNull();
    expect(state.model?.stats).toMatchObject({ textures: 1 });
    // Draco's encoder drops the sphere's degenerate pole triangles (2,304 before).
    expect(state.model?.stats.triangles).toBeGreaterThan(2200);
    expect(state.model?.stats.triangles).toBeLessThanOrEqual(2304);
    expect(await drawn()).toBeGreaterThan(BLANK);
    const decoder = requests.filter((u) => /draco/.test(u));
    expect(decoder.some((u) => /draco_wasm_wrapper.*\.js$/.test(u))).toBe(true);
    expect(decoder.some((u) => /draco_decoder.*\.wasm$/.test(u))).toBe(true);
    expect(requests.every((u) => u.startsWith(harness.url) || u.startsWith('blob:'))).toBe(true);
  });

  it('never fetches a texture from the internet, and says so next to the model', async () => {
    const requests: string[] = [];
    const listener = (r: { url(): string }) => requests.push(r.url());
    page.on('request', listener);
    const state = await loadFixture(page, models.objRemoteTexture());
    page.off('request', listener);
    expect(state.message).toBeNull();
    expect(state.model?.stats).toMatchObject({ triangles: 12, materials: 1 });
    expect(state.notice).toBe('1 texture refers to the internet and was not loaded.');
    await expect(page.getByRole('region', { name: '3D preview' }).getByText('1 texture refers to the internet and was not loaded.').isVisible()).resolves.toBe(true);
    expect(requests.filter((u) => u.includes('example.com'))).toEqual([]);
    expect(await drawn()).toBeGreaterThan(BLANK);
    expect((await loadFixture(page, models.plyBinary())).notice).toBeNull();
  });

  it('says a Draco stream that does not decode is damaged', async () => {
    const state = await loadFixture(page, models.dracoGlbWithBadData());
    // "Unexpected geometry type" is Draco's own verdict, so the decoder really ran.
    expect(state.message).toBe('This GLB file is damaged: unexpected geometry type.');
  });

  it('says plainly when a USDZ cannot be previewed', async () => {
    const state = await loadFixture(page, models.usdzUnreadable());
    expect(state.message).toBe('Preview not available for USDZ, export still works.');
  });
});

describe('broken files', () => {
  const cases: [string, () => Promise<models.Fixture> | models.Fixture, RegExp][] = [
    ['a truncated GLB', models.truncatedGlb, /^This GLB file is damaged: it ends after [\d,]+ bytes but its header says [\d,]+\.$/],
    ['random bytes named .glb', () => models.garbage('garbage.glb'), /^This GLB file is damaged: it does not start/],
    ['random bytes named .bin', () => models.garbage('mystery.bin'), /is not a 3D model the preview can open/],
    ['a GLB accessor claiming 2^31 vertices', models.glbAbsurd, /^This GLB file is damaged: an accessor claims 2,147,483,648/],
    ['a 238-byte .gltf claiming 400,000,000 vertices', models.gltfAbsurd, /^This glTF file is damaged: an accessor claims 400,000,000 elements\.$/],
    ['a GLB accessor without data claiming 150,000,000 elements', models.glbViewless, /^This GLB file is damaged: an accessor without data claims 150,000,000 elements\.$/],
    ['a small USDZ zip bomb', models.usdzBomb, /^This USDZ file is damaged: "layer0\.usda" holds more data than it says it unpacks to\.$/],
    ['a zip whose entries lie about their original size', models.zipLyingSize, /^This ZIP file is damaged: "part0\.obj" holds more data than it says it unpacks to\.$/],
    ['a PLY header claiming 2^31 vertices', models.plyAbsurd, /^This PLY file is damaged: its header claims 2,147,483,648 vertices\.$/],
    ['an STL header claiming 2^31 triangles', models.stlAbsurd, /^This STL file is damaged: its header claims 2,147,483,647 triangles\.$/],
  ];
  for (const [what, make, sentence] of cases) {
    it(`explains ${what} in a sentence and stays responsive`, async () => {
      const started = Date.now();
      const state = await loadFixture(page, await make());
      expect(state.message).toMatch(sentence);
      await expect(page.getByRole('region', { name: '3D preview' }).getByRole('alert').textContent()).resolves.toBe(state.message);
      await page.getByRole('button', { name: 'Grid', exact: true }).click({ timeout: 2000 });
      await page.getByRole('button', { name: 'Grid', exact: true }).click({ timeout: 2000 });
      expect(Date.now() - started).toBeLessThan(4_000);
    });
  }
});

describe('heavy use', () => {
  it('gives back every geometry and texture after 20 model switches', async () => {
    const files = [
      await glb('textured.glb', models.texturedGlb()), models.objZip(), models.stlBinary(), models.plyBinary(), models.fbxAscii(), await glb('meshopt.glb', models.meshoptGlb()),
      await glb('skinned.glb', models.skinnedGlb()), await glb('instanced.glb', models.instancedGlb()),
    ];
    const modes = ['solid', 'material', 'wireframe', 'normals'] as const;
    // Warm up once through every mode, so shared things (environment, matcap) exist before the baseline.
    await loadFixture(page, files[0] as models.Fixture);
    for (const mode of modes) {
      await page.evaluate((m) => window.__viewport?.setShading(m), mode);
      await pixels(page);
    }
    await page.evaluate(() => window.__viewport?.clear());
    await pixels(page);
    const baseline = await page.evaluate(() => window.__viewport?.memory());
    const peaks: number[] = [];
    for (let i = 0; i < 20; i++) {
      await page.evaluate((m) => window.__viewport?.setShading(m), modes[i % modes.length] ?? 'solid');
      const state = await loadFixture(page, files[i % files.length] as models.Fixture);
      expect(state.message).toBeNull();
      await pixels(page);
      peaks.push((await page.evaluate(() => window.__viewport?.memory()))?.textures ?? 0);
    }
    await page.evaluate(() => window.__viewport?.clear());
    await pixels(page);
    const after = await page.evaluate(() => window.__viewport?.memory());
    expect({ geometries: after?.geometries, textures: after?.textures }).toEqual({ geometries: baseline?.geometries, textures: baseline?.textures });
    expect(Math.max(...peaks)).toBeGreaterThan(baseline?.textures ?? 0);
  });

  it('opens a 1,000,000-triangle GLB and orbits it', async () => {
    const state = await loadFixture(page, { name: 'million.glb', bytes: models.sphereGlb(1_000_000) });
    expect(state.message).toBeNull();
    expect(state.model?.stats.triangles).toBeGreaterThan(990_000);
    console.log(`1M triangles: first frame after ${Math.round(state.firstFrameMs ?? -1)} ms`);
    const canvas = page.getByRole('region', { name: '3D preview' }).locator('canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    const before = await page.evaluate(() => window.__viewport?.camera().position);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 - 40, { steps: 3 });
    await page.mouse.up({ button: 'middle' });
    expect(await page.evaluate(() => window.__viewport?.camera().position)).not.toEqual(before);
    expect(await drawn()).toBeGreaterThan(BLANK);
    await page.screenshot({ path: 'test-results/viewport-million.png' });
  });
});

describe('abandoned loads', () => {
  it('stops saying "Opening model…" when a load is cleared, and while one slot still loads says it until that one ends', async () => {
    const fixtures = (page as Page & { fixtures?: Map<string, Uint8Array> }).fixtures;
    fixtures?.set('million-abandoned.glb', models.sphereGlb(1_000_000));
    fixtures?.set('small-b.glb', models.sphereGlb(200));
    // Slot a parses in the geometry worker, so it is still busy when slot b's tiny GLB is shown.
    const soup = Buffer.alloc(84 + 300_000 * 50);
    soup.writeUInt32LE(300_000, 80);
    fixtures?.set('soup.stl', soup);
    const seen = await page.evaluate(async () => {
      const hook = window.__viewport;
      if (!hook) throw new Error('no viewport');
      const [big, small, soup] = await Promise.all(['million-abandoned.glb', 'small-b.glb', 'soup.stl'].map(async (n) => (await fetch(`/__fixtures/${n}`)).arrayBuffer()));
      if (!big || !small || !soup) throw new Error('no fixture');
      const abandoned = hook.load(big.slice(0), 'million.glb');
      hook.clear();
      const afterClear = hook.state().loading;
      await abandoned;
      const afterAbandoned = { loading: hook.state().loading, model: hook.state().model };
      const slow = hook.load(soup, 'soup.stl', 'a');
      await hook.load(small, 'small-b.glb', 'b');
      const whileAStillLoads = { loading: hook.state().loading, model: hook.state().model?.name ?? null };
      await slow;
      const done = hook.state();
      hook.clear();
      return { afterClear, afterAbandoned, whileAStillLoads, done: { loading: done.loading, model: done.model?.name, other: done.other?.name } };
    });
    expect(seen).toEqual({
      afterClear: false,
      afterAbandoned: { loading: false, model: null },
      whileAStillLoads: { loading: true, model: null },
      done: { loading: false, model: 'soup.stl', other: 'small-b.glb' },
    });
    await expect(page.getByText('Opening model…').count()).resolves.toBe(0);
  });
});
