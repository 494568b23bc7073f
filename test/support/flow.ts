/**
 * The artist's steps the studio-flow suite and the screenshot script share: find Settings on a first
 * run, save a provider's key, choose a model, pick pictures, save and apply a preset,
 * wait for a job's state word, export, and read the exported files from outside the app (Khronos'
 * gltf-validator, three's OBJ loader). No vitest here: the screenshot script runs these steps too.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { validateBytes } from 'gltf-validator';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { Mesh, type Object3D } from 'three';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';

export type ProviderName = 'Segmind' | 'WaveSpeed' | 'Vtrix';

/**
 * Opens Settings as a first-time user would: through the first-run screen's button when the page
 * shows one (a region "Welcome"), else the header's "Settings" button.
 */
export async function openSettingsFromFirstRun(page: Page): Promise<'welcome' | 'header'> {
  const welcome = page.getByRole('region', { name: 'Welcome' });
  const fromWelcome = welcome.getByRole('button', { name: /settings/i }).first();
  if ((await welcome.count()) > 0 && (await fromWelcome.count()) > 0) {
    await fromWelcome.click();
    await settingsSheet(page).waitFor();
    return 'welcome';
  }
  await page.getByRole('banner').getByRole('button', { name: 'Settings', exact: true }).click();
  await settingsSheet(page).waitFor();
  return 'header';
}

export const settingsSheet = (page: Page): Locator => page.getByRole('region', { name: 'Settings', exact: true });

/** In an open Settings sheet: paste the key, Save, wait for "ends in …". The sheet stays open. */
export async function saveKeyInSettings(page: Page, provider: ProviderName, key: string): Promise<void> {
  const sheet = settingsSheet(page);
  await sheet.getByLabel(`${provider} API key`, { exact: true }).fill(key);
  await sheet.getByRole('button', { name: 'Save', exact: true }).click();
  await sheet.getByText(`ends in ${key.slice(-4)}`).waitFor();
}

export async function closeSettings(page: Page): Promise<void> {
  await settingsSheet(page).getByRole('button', { name: 'Close' }).click();
  await settingsSheet(page).waitFor({ state: 'detached' });
}

/** Header "Settings" → key → Save → Close, for a provider added later in the session. */
export async function saveKey(page: Page, provider: ProviderName, key: string): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Settings', exact: true }).click();
  await saveKeyInSettings(page, provider, key);
  await closeSettings(page);
}

export async function chooseModel(page: Page, label: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label });
}

/** A picture as a file picked in a zone's file chooser ("Image", "Front view" …). */
export async function pickPicture(page: Page, zone: string, name: string, png: Buffer): Promise<void> {
  await page.getByLabel(zone, { exact: true }).setInputFiles({ name, mimeType: 'image/png', buffer: png });
  await page.getByRole('img', { name: `${zone}: ${name}` }).waitFor();
}

/** A 320 × 320 PNG: a rounded object on a coloured ground, different per colour (so per job). */
export function picture(background: string, object = '#e9d6b8'): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 320, channels: 3, background } })
    .composite([{ input: Buffer.from(`<svg width="320" height="320"><rect x="90" y="60" width="140" height="200" rx="18" fill="${object}"/></svg>`) }])
    .png()
    .toBuffer();
}

export const jobsList = (page: Page): Locator => page.getByRole('list', { name: 'Jobs' });
/** The newest job's item (the list is newest first). */
export const newestJob = (page: Page): Locator => jobsList(page).getByRole('listitem').first();
export const stateWord = (item: Locator): Promise<string | null> => item.locator('.job-state').textContent();

/** How many jobs History says it holds ("9 jobs"), or -1 before it has counted them. */
export async function historyCount(page: Page): Promise<number> {
  const words = await page.getByRole('region', { name: 'History' }).getByText(/^[\d,]+ jobs?$/).textContent({ timeout: 10_000 }).catch(() => null);
  return words === null ? -1 : Number(words.replace(/\D/g, ''));
}

/** Screenshots of each step as test-results/studio-flow/<case>-<nn>-<step>.png, numbered per case. */
export function stepShots(page: Page, dir = 'test-results/studio-flow'): (flowCase: string, step: string) => Promise<void> {
  // Emptied first, so the folder shows this run's steps only.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const counters = new Map<string, number>();
  return async (flowCase, step) => {
    const n = (counters.get(flowCase) ?? 0) + 1;
    counters.set(flowCase, n);
    await page.screenshot({ path: path.join(dir, `${flowCase}-${String(n).padStart(2, '0')}-${step}.png`) });
  };
}

/** Export… → Format → Export, and wait for the status line's "Exported" (or show the alert's sentence). */
export async function exportAs(page: Page, format: 'glb' | 'obj'): Promise<void> {
  const panel = page.getByRole('region', { name: 'Export' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Export…' }).click();
  await panel.getByRole('combobox', { name: 'Format' }).selectOption(format);
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  // The status line, or the alert that says what went wrong (so a failure reads as its sentence).
  const outcome = panel.getByRole('status').filter({ hasText: 'Exported' }).or(panel.getByRole('alert')).first();
  await outcome.waitFor({ timeout: 30_000 });
  const said = (await outcome.textContent()) ?? '';
  if (!said.includes('Exported')) throw new Error(`Export as ${format} did not finish: ${said}`);
  await panel.getByRole('status').getByRole('button', { name: 'Reveal in folder' }).waitFor();
}

/** Files in `dir` ending in `.ext` (any case). */
export const filesWithExt = (dir: string, ext: string): string[] => readdirSync(dir).filter((f) => f.toLowerCase().endsWith(`.${ext}`));

/** gltf-validator's verdict on a GLB file: errors and triangles. */
export async function validateGlb(file: string): Promise<{ errors: number; triangles: number; hasTextures: boolean; firstIssues: string }> {
  const report = await validateBytes(new Uint8Array(readFileSync(file)));
  return {
    errors: report.issues.numErrors,
    triangles: report.info?.totalTriangleCount ?? -1,
    hasTextures: report.info?.hasTextures ?? false,
    firstIssues: JSON.stringify(report.issues.messages.slice(0, 5)),
  };
}

/** Triangles of an OBJ file as three's OBJLoader reads it. */
export function objTriangles(file: string): number {
  let triangles = 0;
  new OBJLoader().parse(readFileSync(file, 'utf8')).traverse((o: Object3D) => {
    if (o instanceof Mesh) triangles += (o.geometry.index?.count ?? o.geometry.getAttribute('position').count) / 3;
  });
  return triangles;
}

/** The triangle count the 3D preview's stats show for the open model. */
export async function shownTriangles(page: Page): Promise<number> {
  const stats = page.getByRole('region', { name: '3D preview' }).getByLabel('Model statistics');
  // Generous: the first model's shaders compile in SwiftShader, slowly on a busy machine.
  await stats.getByText('Triangles').waitFor({ timeout: 60_000 });
  const text = await stats.locator('dt', { hasText: 'Triangles' }).locator('xpath=following-sibling::dd[1]').textContent();
  return Number((text ?? '').replace(/\D/g, ''));
}

export const parametersPanel = (page: Page): Locator => page.getByRole('region', { name: 'Parameters' });

/** Parameters → "Preset name" → Save preset, and wait for the sentence that says it was saved. */
export async function savePreset(page: Page, name: string, modelLabel: string): Promise<void> {
  const params = parametersPanel(page);
  await params.getByRole('textbox', { name: 'Preset name' }).fill(name);
  await params.getByRole('button', { name: 'Save preset' }).click();
  await params.getByText(`Saved “${name}” for ${modelLabel}.`).waitFor();
}

/** Parameters → combobox "Preset" → the preset's name. */
export async function applyPreset(page: Page, name: string): Promise<void> {
  await parametersPanel(page).getByRole('combobox', { name: 'Preset' }).selectOption(name);
}
