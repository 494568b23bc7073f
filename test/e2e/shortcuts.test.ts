/**
 * The keyboard as an artist uses it, in Chromium through the harness against the provider
 * simulator: Ctrl+, and Escape for Settings, ? for the shortcut list (never while typing),
 * Ctrl+Enter from the Prompt field sends one job, Ctrl+E opens the Export panel, and every tab stop
 * shows a focus ring.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser';
import { simulatedStudio } from '../support/studio-session';
import { focusRing } from '../support/keyboard';
import { dropPicture, previewTriangles, saveSegmindKey } from '../support/artist';

const skip = !chromiumAvailable() && !process.env.CI;
if (skip) console.warn('Skipping: the keyboard end-to-end test needs Chromium (Debian: apt-get install chromium).');


/** Whether focus is inside the element a locator names. */
const holdsFocus = (page: Page, name: string, role: 'region' | 'dialog') =>
  page.getByRole(role, { name, exact: true }).evaluate((el) => el.contains(document.activeElement));


describe.skipIf(skip)('keyboard shortcuts in the browser', () => {
  const s = simulatedStudio({ sim: { durationMs: 2000 } });
  it('opens and closes panels, lists the shortcuts, generates with Ctrl+Enter and exports with Ctrl+E', async () => {
    mkdirSync('test-results', { recursive: true });
    const { page, sim } = s;
    await page.goto(s.harness.url);
    await page.getByRole('combobox', { name: 'Model', exact: true }).and(page.locator(':enabled')).waitFor();

    // Every tab stop from the top of the page shows the accent ring.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      expect(await focusRing(page), `tab stop ${i + 1}`).toBe('ring');
    }
    await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2.0 (Segmind)' });

    const search = page.getByRole('searchbox', { name: 'Search history' });
    await search.fill('');
    await search.press('Control+Comma');
    await page.getByRole('region', { name: 'Settings' }).waitFor();
    expect(await holdsFocus(page, 'Settings', 'region')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('region', { name: 'Settings' }).count()).toBe(0);
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);

    // Typed into a field, ? is a character; anywhere else it lists the shortcuts.
    await search.press('?');
    expect(await search.inputValue()).toBe('?');
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
    await search.fill('');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
    await page.keyboard.press('?');
    const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await list.waitFor();
    const listed = (await list.locator('kbd').allTextContents()).join(' | ');
    for (const keys of ['Ctrl+Enter', 'Ctrl+E', 'Ctrl+,', 'Escape', 'Numpad 1', 'Ctrl+Numpad 1', 'Numpad 3', 'Numpad 7', 'Numpad 5', 'Home', 'Z']) expect(listed, keys).toContain(keys);
    expect(await holdsFocus(page, 'Keyboard shortcuts', 'dialog')).toBe(true);
    await page.screenshot({ path: 'test-results/shortcuts-list.png' });
    await page.keyboard.press('Escape');
    await expect.poll(() => list.count()).toBe(0);

    expect(await page.getByRole('button', { name: 'Settings' }).getAttribute('title')).toBe('Settings (Ctrl+,)');
    await saveSegmindKey(page, 'sg-e2e-shortcut-key-6d2e');
    const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#4f6d8a' } }).png().toBuffer();
    await dropPicture(page, 'lamp.png', png);
    expect(await page.getByRole('button', { name: 'Generate' }).getAttribute('title')).toMatch(/^Generate \(Ctrl\+Enter\)/);
    await page.getByLabel('Prompt').focus();
    await page.keyboard.press('Control+Enter');
    const jobs = page.getByRole('list', { name: 'Jobs' });
    await expect.poll(() => jobs.locator('.job-state').allTextContents(), { timeout: 40_000 }).toEqual(['Completed']);
    expect(sim.control.submissions()).toHaveLength(1);
    expect(await previewTriangles(page)).toBeGreaterThan(0);

    await page.getByRole('region', { name: 'Job', exact: true }).waitFor();
    await page.getByLabel('Prompt').focus();
    await page.keyboard.press('Control+E');
    const panel = page.getByRole('region', { name: 'Export' });
    await panel.waitFor();
    expect(await holdsFocus(page, 'Export', 'region')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    // Nothing was paid for twice along the way.
    expect(sim.control.submissions()).toHaveLength(1);
  });
});
