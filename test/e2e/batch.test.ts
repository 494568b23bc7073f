/**
 * What a batch adds beyond the studio-flow suite's batch case (which follows three pictures to three
 * results in Jobs and History): a saved preset applied before the batch reaches every job of it, and
 * a double click on "Generate 3 jobs" still pays for exactly three. In Chromium through the harness
 * against the provider simulator, nothing faked.
 */
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../sim/server';
import { dropBatch, saveSegmindKey } from '../support/artist';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { applyPreset, jobsList, parametersPanel, picture, savePreset } from '../support/flow';
import { startHarnessProcess, type RunningHarness } from '../support/harness';

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

describe.skipIf(skip)('a batch and a preset in the browser', () => {
  it('applies a saved preset to every job of a batch, and a double click still starts exactly one job per picture', async () => {
    sim = await startSimulator({ config: { durationMs: 2500 } });
    const endpoints = Object.fromEntries(['SEGMIND', 'WAVESPEED', 'VTRIX', 'LOCAL'].map((p) => [`HY3D_ENDPOINT_${p}`, sim?.url.replace(/\/$/, '') ?? '']));
    h = await startHarnessProcess({ env: endpoints, args: ['--time-scale', '10'] });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(h.url);
    await saveSegmindKey(page, key);
    await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2.0 (Segmind)' });

    // A preset: saved, the fields put back, then applied again.
    const params = parametersPanel(page);
    await params.getByText('Typical: about 37 s per run · cost not published').waitFor();
    const steps = params.getByLabel('Inference steps', { exact: true });
    await steps.fill('42');
    await savePreset(page, 'Detailed', 'Hunyuan3D 2.0 (Segmind)');
    await params.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(() => steps.inputValue()).toBe('30');
    await applyPreset(page, 'Detailed');
    await expect.poll(() => steps.inputValue()).toBe('42');

    const files = await Promise.all([['mug.png', '#b0743a'], ['vase.png', '#3a7bd5'], ['boot.png', '#5a9a4a']].map(async ([name = '', colour]) => ({ name, png: await picture(colour ?? '#888') })));
    await dropBatch(page, files, 'Batch: 3 pictures → 3 jobs · cost not published · up to about 2 min');
    const submits = () => sim?.control.submissions() ?? [];
    expect(submits()).toHaveLength(0);

    const generate = page.getByRole('button', { name: 'Generate 3 jobs' });
    await generate.dblclick();
    await expect.poll(() => jobsList(page).getByRole('listitem').count(), { timeout: 20_000 }).toBe(3);
    // Every send of the batch is over (the button is back): a second click would have sent by now.
    await generate.and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    await expect.poll(() => jobsList(page).locator('.job-state').allTextContents(), { timeout: 60_000 }).toEqual(['Completed', 'Completed', 'Completed']);

    // Paid exactly three times, each with its own picture and the preset's values.
    expect(submits()).toHaveLength(3);
    expect(new Set(submits().map((r) => r.submit?.inputs.join())).size).toBe(3);
    for (const r of submits()) expect(r.body).toMatchObject({ num_inference_steps: 42 });
    await page.screenshot({ path: 'test-results/batch.png' });
    expect(h.output()).not.toContain(key);
  });
});
