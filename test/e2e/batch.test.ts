/**
 * A batch and a preset as an artist uses them, in Chromium through the harness against the provider
 * simulator, nothing faked: a preset saved, the fields reset, the preset applied; three pictures
 * dropped on the window make a batch note with its cost and time and main's check of each; Generate
 * starts three jobs, the simulator is asked for exactly three with the preset's values, each with
 * its own picture; all three complete and appear in History.
 */
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../sim/server';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { startHarnessProcess, type RunningHarness } from '../support/harness';
import { saveSegmindKey } from '../support/artist';

const skip = !chromiumAvailable() && !process.env.CI;
if (skip) console.warn('Skipping: the batch end-to-end test needs Chromium (Debian: apt-get install chromium).');

const key = 'sg-e2e-batch-key-7f3a90';
let sim: Simulator | undefined;
let browser: Browser | undefined;
let h: RunningHarness | undefined;
afterAll(async () => {
  await browser?.close();
  await h?.stop();
  await sim?.close();
  if (h) for (const dir of [h.dataDir, h.exportDir]) rmSync(dir, { recursive: true, force: true });
});

const picture = async (background: string) => [...(await sharp({ create: { width: 320, height: 320, channels: 3, background } }).png().toBuffer())];

/** Three pictures dragged from the desktop onto an empty part of the window (the Jobs list). */
async function dropOnWindow(page: Page, files: { name: string; bytes: number[] }[]): Promise<void> {
  await page.evaluate((files) => {
    const data = new DataTransfer();
    for (const f of files) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'image/png' }));
    const target = document.querySelector('.jobs') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

describe.skipIf(skip)('a batch and a preset in the browser', () => {
  it('applies a saved preset, then starts one paid job per dropped picture, each completing into History', async () => {
    sim = await startSimulator({ config: { durationMs: 2500 } });
    const endpoints = Object.fromEntries(['SEGMIND', 'WAVESPEED', 'VTRIX', 'LOCAL'].map((p) => [`HY3D_ENDPOINT_${p}`, sim?.url.replace(/\/$/, '') ?? '']));
    h = await startHarnessProcess({ env: endpoints, args: ['--time-scale', '10'] });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(h.url);
    await saveSegmindKey(page, key);
    await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2.0 (Segmind)' });

    // A preset: saved, the fields put back, then applied again.
    const params = page.getByRole('region', { name: 'Parameters' });
    await params.getByText('Typical: about 37 s per run · cost not published').waitFor();
    const steps = params.getByLabel('Inference steps', { exact: true });
    await steps.fill('42');
    await params.getByRole('textbox', { name: 'Preset name' }).fill('Detailed');
    await params.getByRole('button', { name: 'Save preset' }).click();
    await params.getByText('Saved “Detailed” for Hunyuan3D 2.0 (Segmind).').waitFor();
    await params.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => steps.inputValue()).toBe('30');
    await params.getByRole('combobox', { name: 'Preset' }).selectOption('Detailed');
    await expect.poll(() => steps.inputValue()).toBe('42');

    // Three pictures: a batch, checked by main, and nothing sent yet.
    const names = ['mug.png', 'vase.png', 'boot.png'];
    const colours = ['#b0743a', '#3a7bd5', '#5a9a4a'];
    await dropOnWindow(page, await Promise.all(names.map(async (name, i) => ({ name, bytes: await picture(colours[i] ?? '#888') }))));
    const batch = page.getByRole('group', { name: 'Batch' });
    await batch.getByText('Batch: 3 pictures → 3 jobs · cost not published · up to about 2 min').waitFor();
    await expect.poll(() => batch.getByText('Nothing to fix.').count(), { timeout: 30_000 }).toBe(3);
    for (const name of names) await batch.getByRole('img', { name: `Batch: ${name}` }).waitFor();
    const submits = () => sim?.control.submissions() ?? [];
    expect(submits()).toHaveLength(0);

    const generate = page.getByRole('button', { name: 'Generate 3 jobs' });
    await generate.dblclick();
    const jobs = page.getByRole('list', { name: 'Jobs' });
    await expect.poll(() => jobs.getByRole('listitem').count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => jobs.locator('.job-state').allTextContents(), { timeout: 60_000 }).toEqual(['Completed', 'Completed', 'Completed']);

    // Paid exactly three times, each with its own picture and the preset's values.
    expect(submits()).toHaveLength(3);
    expect(new Set(submits().map((r) => r.submit?.inputs.join())).size).toBe(3);
    for (const r of submits()) expect(r.body).toMatchObject({ num_inference_steps: 42 });

    const history = page.getByRole('region', { name: 'History' });
    await expect.poll(() => history.getByRole('gridcell').count(), { timeout: 15_000 }).toBe(3);
    for (const name of names) expect(await history.getByRole('gridcell').and(page.getByTitle(name, { exact: true })).count()).toBe(1);
    await page.screenshot({ path: 'test-results/batch.png' });
    expect(h.output()).not.toContain(key);
  });
});
