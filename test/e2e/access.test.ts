/**
 * An axe-core scan (WCAG 2 A and AA) of each main screen, in Chromium through the harness against
 * the provider simulator: the first run without keys, Settings, the shortcut list, a finished job's
 * model in the 3D preview with its Properties and History card, and the Export panel. No serious or
 * critical violation may remain on any of them.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { seriousViolations, type AxeFinding } from '../support/axe';
import { chromiumAvailable } from '../support/browser';
import { simulatedStudio } from '../support/studio-session';
import { dropPicture, previewTriangles, saveSegmindKey } from '../support/artist';

const skip = !chromiumAvailable() && !process.env.CI;
if (skip) console.warn('Skipping: the accessibility scans need Chromium (Debian: apt-get install chromium).');


/** Scans the page and keeps a screenshot of what was scanned; a finding reads as rule, impact and element. */
async function scan(page: Page, screen: string): Promise<AxeFinding[]> {
  await page.screenshot({ path: `test-results/access-${screen}.png` });
  return seriousViolations(page);
}

describe.skipIf(skip)('accessibility of each main screen (axe-core, WCAG 2 A/AA)', () => {
  const s = simulatedStudio({ sim: { durationMs: 2000 } });
  it('finds no serious or critical violation from first run to export', async () => {
    mkdirSync('test-results', { recursive: true });
    const { page } = s;
    await page.goto(s.harness.url);

    await page.getByRole('region', { name: 'Welcome' }).waitFor();
    expect(await scan(page, 'first-run'), 'first run').toEqual([]);

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('region', { name: 'Settings' }).waitFor();
    expect(await scan(page, 'settings'), 'Settings').toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await scan(page, 'shortcuts'), 'the shortcut list').toEqual([]);
    await page.keyboard.press('Escape');

    await saveSegmindKey(page, 'sg-e2e-access-key-93b1');
    await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2.0 (Segmind)' });
    const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#8a6d4f' } }).png().toBuffer();
    await dropPicture(page, 'chair.png', png);
    await page.getByRole('button', { name: 'Generate' }).click();
    const jobs = page.getByRole('list', { name: 'Jobs' });
    await expect.poll(() => jobs.locator('.job-state').allTextContents(), { timeout: 40_000 }).toEqual(['Completed']);
    // The model opens by itself; SwiftShader on a shared machine can take a while to draw it.
    await page.getByRole('region', { name: '3D preview' }).getByText('Triangles').waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: 'test-results/access-no-model.png' });
      throw error;
    });
    expect(await previewTriangles(page)).toBeGreaterThan(0);
    const history = page.getByRole('region', { name: 'History' });
    await expect.poll(() => history.getByRole('gridcell').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('region', { name: 'Job', exact: true }).waitFor();
    expect(await scan(page, 'model-properties-history'), 'a model with Properties and History').toEqual([]);

    await page.getByRole('button', { name: 'Export…' }).click();
    const panel = page.getByRole('region', { name: 'Export' });
    await expect.poll(() => panel.getByRole('combobox', { name: 'Format' }).isEnabled()).toBe(true);
    expect(await scan(page, 'export'), 'the Export panel').toEqual([]);
  });
});
