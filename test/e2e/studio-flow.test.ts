/**
 * The artist's whole flow, as a new user meets it, in Chromium through the harness against the
 * provider simulator, nothing faked: a first run without keys → Settings → a Segmind key → a picture
 * dropped → Generate → progress → the model in the 3D preview → shading → Export GLB and OBJ (checked
 * from outside by gltf-validator and three's OBJ loader); then the other providers and inputs, the
 * failures an account can meet, the harness stopped mid-job and started again, a batch of three, a
 * preset saved and applied, and the whole path from picture to export by keyboard alone.
 * One simulator, one Chromium and one harness (on the real keychain, so keys survive the restart)
 * serve every case in order; each step leaves a screenshot in test-results/studio-flow/.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../sim/server';
import { dropBatch, dropPicture } from '../support/artist';
import { chromiumAvailable, launchChromium } from '../support/browser';
import {
  applyPreset, chooseModel, closeSettings, exportAs, filesWithExt, historyCount, jobsList, newestJob, objTriangles, openSettingsFromFirstRun,
  parametersPanel, picture, pickPicture, saveKey, saveKeyInSettings, savePreset, settingsSheet, shownTriangles, stateWord, stepShots, validateGlb,
} from '../support/flow';
import { arrowToOption, tabTo } from '../support/keyboard';
import { createKeychainHome, missingKeychainTools, startHarnessProcess, type KeychainHome, type RunningHarness } from '../support/harness';

const missing = [...missingKeychainTools(), ...(chromiumAvailable() ? [] : ['Chromium'])];
const reason = `the studio flow suite needs ${missing.join(' and ')} (Debian: apt-get install dbus gnome-keyring chromium)`;
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`Skipping: ${reason}.`);

const keys = { Segmind: 'sg-flow-key-7d1e04a9', WaveSpeed: 'ws-flow-key-2c9b5f31', Vtrix: 'vx-flow-key-e48a0b6c' } as const;
/** Real milliseconds a simulated job runs: long enough to see it Running, short enough for a quick suite. */
const jobMs = 2500;

let sim: Simulator;
let keychain: KeychainHome | undefined;
let browser: Browser | undefined;
let page: Page;
let h: RunningHarness;
let shot: (flowCase: string, step: string) => Promise<void>;
const harnesses: RunningHarness[] = [];

async function startHarness(dirs: { dataDir?: string; exportDir?: string } = {}): Promise<RunningHarness> {
  const endpoints = Object.fromEntries(['SEGMIND', 'WAVESPEED', 'VTRIX', 'LOCAL'].map((p) => [`HY3D_ENDPOINT_${p}`, sim.url.replace(/\/$/, '')]));
  // 10× keeps the engine's polls quick without outrunning the simulator's real-time jobs.
  const started = await startHarnessProcess({ keychain, env: endpoints, args: ['--time-scale', '10'], ...dirs });
  harnesses.push(started);
  return started;
}

/**
 * Generate, then the job's item until Completed. With `progress`, the item must be seen Running with
 * its labelled progress bar first; otherwise a job that outruns the poll may skip that screenshot.
 */
async function generateAndFinish(flowCase: string, options: { progress?: boolean } = {}): Promise<void> {
  const before = await jobsList(page).getByRole('listitem').count();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect.poll(() => jobsList(page).getByRole('listitem').count()).toBe(before + 1);
  const job = newestJob(page);
  const bar = job.getByRole('progressbar', { name: /^Progress of / });
  if (options.progress) {
    await expect.poll(async () => `${await stateWord(job)} ${await bar.count()}`, { timeout: 15_000 }).toBe('Running 1');
  } else {
    await expect.poll(() => stateWord(job), { timeout: 15_000 }).toMatch(/^(Running|Downloading|Completed)$/);
  }
  if ((await stateWord(job)) !== 'Completed') await shot(flowCase, 'progress');
  // Generous: a busy 2-core machine runs the engine, the simulator and SwiftShader at once.
  await expect.poll(() => stateWord(job), { timeout: 45_000 }).toBe('Completed');
  expect(await bar.count()).toBe(0);
}

/** Every result file the engine kept in the library, across jobs. */
function libraryOutputs(): string[] {
  const jobs = path.join(h.dataDir, 'library', 'jobs');
  return readdirSync(jobs).flatMap((id) => {
    const outputs = path.join(jobs, id, 'outputs');
    return existsSync(outputs) ? readdirSync(outputs) : [];
  });
}

beforeAll(async () => {
  if (skip) return;
  if (missing.length > 0) throw new Error(`In CI, ${reason}.`);
  sim = await startSimulator({ config: { durationMs: jobMs } });
  keychain = createKeychainHome();
  [h, browser] = await Promise.all([startHarness(), launchChromium({ webgl: true })]);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  shot = stepShots(page);
  await page.goto(h.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const running of harnesses) await running.stop();
  await sim?.close();
  for (const running of harnesses) for (const secret of Object.values(keys)) expect(running.output()).not.toContain(secret);
  if (keychain) rmSync(keychain.home, { recursive: true, force: true });
  for (const dir of new Set(harnesses.flatMap((x) => [x.dataDir, x.exportDir]))) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)('the studio flow, first run to export', () => {
  it('first run: Settings, a Segmind key, a dropped picture, hunyuan-3d-2, progress, the model, shading, GLB and OBJ exports', async () => {
    const c = 'first-run';
    await page.getByRole('combobox', { name: 'Model' }).waitFor();
    await shot(c, 'no-keys');
    await openSettingsFromFirstRun(page);
    // A first run: no provider has a key yet.
    expect(await settingsSheet(page).getByText('Not saved', { exact: true }).count()).toBe(3);
    await shot(c, 'settings');
    await saveKeyInSettings(page, 'Segmind', keys.Segmind);
    await shot(c, 'key-saved');
    await closeSettings(page);

    await chooseModel(page, 'Hunyuan3D 2.0 (Segmind)');
    await dropPicture(page, 'armchair.png', await picture('#b0743a'));
    await shot(c, 'picture-dropped');
    await generateAndFinish(c, { progress: true });
    expect(sim.control.submissions().map((s) => [s.route, s.headers['x-api-key']])).toEqual([['segmind.submit', keys.Segmind]]);
    expect(sim.control.submissions()[0]?.path).toContain('hunyuan-3d-2');

    const preview = page.getByRole('region', { name: '3D preview' });
    expect(await preview.locator('canvas').count()).toBeGreaterThan(0);
    const triangles = await shownTriangles(page);
    expect(triangles).toBeGreaterThan(0);
    await shot(c, 'model');

    const shading = preview.getByRole('toolbar', { name: 'Viewport' }).getByRole('group', { name: 'Shading' });
    await shading.getByRole('button', { name: 'Wireframe' }).click();
    await expect.poll(() => shading.getByRole('button', { name: 'Wireframe' }).getAttribute('aria-pressed')).toBe('true');
    expect(await shading.getByRole('button', { name: 'Material' }).getAttribute('aria-pressed')).toBe('false');
    await shot(c, 'wireframe');
    await shading.getByRole('button', { name: 'Material' }).click();
    await expect.poll(() => shading.getByRole('button', { name: 'Material' }).getAttribute('aria-pressed')).toBe('true');

    await exportAs(page, 'glb');
    await shot(c, 'exported-glb');
    const glbs = filesWithExt(h.exportDir, 'glb');
    expect(glbs).toHaveLength(1);
    const glb = await validateGlb(path.join(h.exportDir, glbs[0] ?? ''));
    expect(glb.errors, glb.firstIssues).toBe(0);
    expect(glb.triangles).toBe(triangles);
    expect(glb.hasTextures).toBe(true);

    await exportAs(page, 'obj');
    await shot(c, 'exported-obj');
    const objs = filesWithExt(h.exportDir, 'obj');
    expect(objs).toHaveLength(1);
    expect(objTriangles(path.join(h.exportDir, objs[0] ?? ''))).toBe(triangles);
    expect(filesWithExt(h.exportDir, 'mtl')).toHaveLength(1);
    await page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Close' }).click();
  });

  it('hunyuan3d-2mv with front, back, left and right views', async () => {
    const c = 'multi-view';
    await chooseModel(page, 'Hunyuan3D 2mv multi-view (Segmind)');
    const views = [['Front view', '#8a5a3a'], ['Back view', '#5a8a3a'], ['Left view', '#3a5a8a'], ['Right view', '#8a3a6a']] as const;
    for (const [zone, colour] of views) await pickPicture(page, zone, `${zone.split(' ')[0]?.toLowerCase()}.png`, await picture(colour));
    await shot(c, 'four-views');
    const before = sim.control.submissions().length;
    await generateAndFinish(c);
    const submit = sim.control.submissions().slice(before);
    expect(submit.map((s) => s.path)).toEqual([expect.stringContaining('hunyuan3d-2mv')]);
    expect(new Set(submit[0]?.submit?.inputs).size).toBe(4);
    expect(await shownTriangles(page)).toBeGreaterThan(0);
    await shot(c, 'model');
    // The extra views stay for the next multi-view model; this artist moves on to single pictures.
    for (const view of ['back', 'left', 'right']) await page.getByRole('button', { name: `Clear the ${view} picture` }).click();
  });

  it('WaveSpeed v2-mini', async () => {
    const c = 'wavespeed';
    await saveKey(page, 'WaveSpeed', keys.WaveSpeed);
    await chooseModel(page, 'Hunyuan3D 2 mini (WaveSpeed)');
    await dropPicture(page, 'teapot.png', await picture('#3a7bd5'));
    const before = sim.control.submissions().length;
    await generateAndFinish(c);
    const submit = sim.control.submissions().slice(before);
    expect(submit.map((s) => [s.route, s.path])).toEqual([['wavespeed.submit', expect.stringContaining('v2-mini')]]);
    expect(submit[0]?.headers.authorization).toBe(`Bearer ${keys.WaveSpeed}`);
    expect(await shownTriangles(page)).toBeGreaterThan(0);
    await shot(c, 'model');
  });

  it('Vtrix with an OBJ zip result', async () => {
    const c = 'vtrix-obj';
    await saveKey(page, 'Vtrix', keys.Vtrix);
    await chooseModel(page, 'Hunyuan3D (Tencent Cloud via Vtrix)');
    await page.getByLabel('Result format', { exact: true }).selectOption({ label: 'OBJ' });
    await dropPicture(page, 'vase.png', await picture('#6a8a3a'));
    await shot(c, 'obj-chosen');
    const before = sim.control.submissions().length;
    await generateAndFinish(c);
    const submit = sim.control.submissions().slice(before);
    expect(submit.map((s) => s.route)).toEqual(['vtrix.create']);
    expect(JSON.stringify(submit[0]?.body)).toContain('"result_format":"OBJ"');
    // The zip was unpacked into the job's outputs (the only OBJ job so far): the OBJ with its MTL.
    const outputs = libraryOutputs();
    expect(outputs.some((f) => f.endsWith('.obj'))).toBe(true);
    expect(outputs.some((f) => f.endsWith('.mtl'))).toBe(true);
    // The stats name the new model once it has replaced the last one (WaveSpeed's GLB) on screen.
    await expect.poll(() => page.getByRole('region', { name: '3D preview' }).getByLabel('Model statistics').textContent(), { timeout: 60_000 }).toMatch(/\.obj/);
    expect(await shownTriangles(page)).toBeGreaterThan(0);
    await shot(c, 'model');
  });

  it('a text prompt on Vtrix', async () => {
    const c = 'vtrix-prompt';
    await page.getByRole('button', { name: 'Clear the picture' }).click();
    await page.getByText('A picture is chosen, so this prompt is not used.').waitFor({ state: 'detached' });
    await page.getByLabel('Result format', { exact: true }).selectOption({ label: 'GLB' });
    const prompt = 'a small brass teapot with a curled spout, flow-7f3a';
    await page.getByLabel('Prompt', { exact: true }).fill(prompt);
    await shot(c, 'prompt');
    const before = sim.control.submissions().length;
    await generateAndFinish(c);
    const submit = sim.control.submissions().slice(before);
    expect(submit).toHaveLength(1);
    expect(sim.control.submissions({ contains: prompt })).toHaveLength(1);
    expect(submit[0]?.submit?.inputs ?? []).toEqual([]);
    expect(await shownTriangles(page)).toBeGreaterThan(0);
    await shot(c, 'model');
  });

  it('a refused key (401), too few credits (406) and a refused job (422) each say what happened and what to do', async () => {
    const c = 'failures';
    await page.getByLabel('Prompt', { exact: true }).fill('');
    await chooseModel(page, 'Hunyuan3D 2.0 (Segmind)');
    const cases = [
      { fault: '401', route: 'segmind.submit', said: 'Segmind refused the key — open Settings to check it, then Retry.' },
      { fault: '406', route: 'segmind.submit', said: 'Not enough Segmind credits. Add credits in your Segmind account, then Retry.' },
      // Segmind answers a job it refused to make with HTTP 422 and a FAILED body on its status route.
      { fault: '422', route: 'segmind.status', said: 'Segmind could not make this model: Content blocked by safety filter' },
    ] as const;
    for (const [i, { fault, route, said }] of cases.entries()) {
      sim.control.fault(route, fault, 1);
      await dropPicture(page, `failure-${fault}.png`, await picture(['#aa3333', '#33aa33', '#3333aa'][i] ?? '#777'));
      const before = await jobsList(page).getByRole('listitem').count();
      await page.getByRole('button', { name: 'Generate', exact: true }).click();
      await expect.poll(() => jobsList(page).getByRole('listitem').count()).toBe(before + 1);
      const job = newestJob(page);
      await expect.poll(() => stateWord(job), { timeout: 20_000 }).toBe('Failed');
      expect(await job.locator('.job-message').textContent()).toContain(said);
      // The key is never quoted back, whatever the provider said.
      expect(await job.textContent()).not.toContain(keys.Segmind);
      if (fault === '401') expect(await job.getByRole('button', { name: /^Check the key for / }).count()).toBe(1);
      await shot(c, `http-${fault}`);
    }
  });

  it('stopping the harness mid-job (SIGTERM) and starting it again keeps History and finishes the job, paid once', async () => {
    const c = 'restart';
    const history = page.getByRole('region', { name: 'History' });
    // Eight jobs so far: five made, three failed.
    await expect.poll(() => historyCount(page)).toBe(8);
    // Long enough that the stop lands while the provider still works on it, with seconds to spare:
    // a SIGTERM lets a poll already on the wire land, so a job finishing meanwhile would be seen done.
    sim.control.configure({ durationMs: 15_000 });
    const png = await picture('#c08a2a', '#2a2a2a');
    await dropPicture(page, 'stool.png', png);
    const before = sim.control.submissions().length;
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect.poll(() => sim.control.submissions().length, { timeout: 15_000 }).toBe(before + 1);
    const job = newestJob(page);
    await expect.poll(() => stateWord(job), { timeout: 8000 }).toMatch(/^(Queued|Running)$/);
    await shot(c, 'running');
    const remote = sim.control.state.jobs.get(sim.control.submissions()[before]?.jobId ?? '');
    expect((remote?.createdAt ?? 0) + (remote?.durationMs ?? 0)).toBeGreaterThan(Date.now() + 5000);
    const { dataDir, exportDir } = h;
    await h.stop();
    expect(() => process.kill(h.pid, 0)).toThrow();

    const restarted = Date.now();
    h = await startHarness({ dataDir, exportDir });
    await page.goto(h.url);
    await expect.poll(() => historyCount(page), { timeout: 15_000 }).toBe(9);
    expect(await history.getByRole('gridcell').count()).toBeGreaterThan(0);
    await shot(c, 'restarted');
    await expect.poll(() => stateWord(newestJob(page)), { timeout: 45_000 }).toBe('Completed');
    expect(sim.control.submissions().length).toBe(before + 1);
    // The restarted harness read the key from the keychain: its polls carried it.
    const polls = sim.control.requestsTo('segmind.status').filter((r) => r.at >= restarted);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((r) => r.headers['x-api-key'] === keys.Segmind)).toBe(true);
    await newestJob(page).getByRole('button', { name: /^Open in preview/ }).click();
    expect(await shownTriangles(page)).toBeGreaterThan(0);
    await shot(c, 'completed');
  });

  it('a batch of three pictures on a single-image model: three jobs, three results', async () => {
    const c = 'batch';
    await expect.poll(() => historyCount(page)).toBe(9);
    const jobsBefore = await jobsList(page).getByRole('listitem').count();
    const files = await Promise.all([['mug.png', '#b0743a'], ['lamp.png', '#3a7bd5'], ['boot.png', '#5a9a4a']].map(async ([name = '', colour]) => ({ name, png: await picture(colour ?? '#888') })));
    // The count, the total cost (Segmind publishes none for this model) and time, before anything is paid.
    await dropBatch(page, files, 'Batch: 3 pictures → 3 jobs · cost not published · up to about 2 min');
    await shot(c, 'batch-note');
    const before = sim.control.submissions().length;
    await page.getByRole('button', { name: 'Generate 3 jobs' }).click();
    await expect.poll(() => jobsList(page).getByRole('listitem').count(), { timeout: 20_000 }).toBe(jobsBefore + 3);
    await shot(c, 'three-jobs');
    await expect.poll(async () => (await jobsList(page).locator('.job-state').allTextContents()).slice(0, 3), { timeout: 60_000 }).toEqual(['Completed', 'Completed', 'Completed']);
    const submits = sim.control.submissions().slice(before);
    expect(submits.map((s) => s.route)).toEqual(['segmind.submit', 'segmind.submit', 'segmind.submit']);
    // Each job carried its own picture.
    expect(submits.every((s) => s.submit?.inputs.length === 1)).toBe(true);
    expect(new Set(submits.map((s) => s.submit?.inputs.join())).size).toBe(3);
    await expect.poll(() => historyCount(page), { timeout: 15_000 }).toBe(12);
    const history = page.getByRole('region', { name: 'History' });
    for (const { name } of files) expect(await history.getByRole('gridcell').and(page.getByTitle(name, { exact: true })).count()).toBe(1);
    // The first job of a batch opens in the preview.
    expect(await shownTriangles(page)).toBeGreaterThan(0);
    await shot(c, 'completed');
    await page.getByRole('group', { name: 'Batch' }).getByRole('button', { name: 'Cancel batch' }).click();
  });

  it('a preset saved, then applied to the parameters; the job carries its values; then deleted', async () => {
    const c = 'preset';
    const label = 'Hunyuan3D 2.0 (Segmind)';
    const params = parametersPanel(page);
    const steps = params.getByLabel('Inference steps', { exact: true });
    const guidance = params.getByLabel('Guidance scale', { exact: true });
    const octree = params.getByRole('radiogroup', { name: 'Octree resolution' });
    const texture = params.getByRole('switch', { name: 'Texture' });
    const shown = async () => ({
      steps: await steps.inputValue(),
      guidance: await guidance.inputValue(),
      octree: await octree.getByRole('radio', { checked: true }).getAttribute('value').then((i) => [256, 384, 512][Number(i)]),
      texture: await texture.isChecked(),
    });
    await steps.fill('42');
    await guidance.fill('7.5');
    await octree.getByRole('radio', { name: '384' }).check();
    await texture.check();
    const saved = { steps: '42', guidance: '7.5', octree: 384, texture: true };
    await expect.poll(shown).toEqual(saved);
    await savePreset(page, 'Fine detail', label);
    await shot(c, 'saved');
    await params.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(shown).toEqual({ steps: '30', guidance: '5.5', octree: 256, texture: false });
    await shot(c, 'reset');
    await applyPreset(page, 'Fine detail');
    await expect.poll(shown).toEqual(saved);
    await shot(c, 'applied');

    await dropPicture(page, 'kettle.png', await picture('#7a4a8a'));
    const before = sim.control.submissions().length;
    await generateAndFinish(c);
    const submit = sim.control.submissions().slice(before);
    expect(submit).toHaveLength(1);
    expect(submit[0]?.body).toMatchObject({ num_inference_steps: 42, guidance_scale: 7.5, octree_resolution: 384, texture: true });

    await params.getByRole('button', { name: 'Delete preset' }).click();
    await params.getByText('Deleted “Fine detail”.').waitFor();
    expect(await params.getByRole('combobox', { name: 'Preset' }).locator('option').allTextContents()).toEqual(['No presets yet']);
    await shot(c, 'deleted');
    await params.getByRole('button', { name: 'Reset to defaults' }).click();
  });

  it('the keyboard-only path from drop to export, every stop with a visible focus ring', async () => {
    const c = 'keyboard';
    // A fresh page, as a keyboard user opens it; from here on only keys.
    await page.reload();
    const model = page.getByRole('combobox', { name: 'Model', exact: true });
    await model.and(page.locator(':enabled')).waitFor();
    await tabTo(page, model);
    await arrowToOption(page, model, 'segmind/hunyuan-3d-2');
    const choose = page.locator('[data-zone="front"]').getByRole('button', { name: 'Choose file…' });
    await tabTo(page, choose);
    await shot(c, 'image-zone-focused');
    // The system's file dialog is the one part that is not the page's (a keyboard user meets it too).
    const chooserOpened = page.waitForEvent('filechooser', { timeout: 10_000 });
    // A round trip, so the browser intercepts the chooser before the key that opens it arrives.
    await page.evaluate(() => null);
    await page.keyboard.press('Enter');
    const chooser = await chooserOpened;
    await chooser.setFiles({ name: 'lantern.png', mimeType: 'image/png', buffer: await picture('#4f6d8a', '#d8c27a') });
    await page.getByRole('img', { name: 'Image: lantern.png' }).waitFor();
    await shot(c, 'picture-chosen');

    const jobsBefore = await jobsList(page).getByRole('listitem').count();
    const before = sim.control.submissions().length;
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => jobsList(page).getByRole('listitem').count()).toBe(jobsBefore + 1);
    await expect.poll(() => stateWord(newestJob(page)), { timeout: 45_000 }).toBe('Completed');
    expect(sim.control.submissions()).toHaveLength(before + 1);
    // The finished job opens in the preview by itself; once it is there (and Properties shows it), the
    // keyboard user opens it on purpose from the Jobs list.
    expect(await shownTriangles(page)).toBeGreaterThan(0);
    await page.getByRole('region', { name: 'Job', exact: true }).waitFor();
    await tabTo(page, newestJob(page).getByRole('button', { name: /^Open in preview/ }), { max: 200 });
    await page.keyboard.press('Enter');
    const triangles = await shownTriangles(page);
    expect(triangles).toBeGreaterThan(0);
    await shot(c, 'opened');

    await page.keyboard.press('Control+E');
    const panel = page.getByRole('region', { name: 'Export' });
    await panel.waitFor();
    expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    const format = panel.getByRole('combobox', { name: 'Format' });
    await tabTo(page, format);
    await arrowToOption(page, format, 'obj');
    await tabTo(page, panel.getByRole('button', { name: 'Export', exact: true }));
    await shot(c, 'export-focused');
    const objsBefore = filesWithExt(h.exportDir, 'obj');
    await page.keyboard.press('Enter');
    await panel.getByRole('status').filter({ hasText: 'Exported' }).waitFor({ timeout: 30_000 });
    await shot(c, 'exported');
    const made = filesWithExt(h.exportDir, 'obj').filter((f) => !objsBefore.includes(f));
    expect(made).toHaveLength(1);
    expect(objTriangles(path.join(h.exportDir, made[0] ?? ''))).toBe(triangles);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
  });
});
