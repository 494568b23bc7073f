import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startHarnessProcess, type RunningHarness } from '../support/harness';

let harness: RunningHarness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  harness = await startHarnessProcess();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe('API keys in Settings, in Chromium', () => {
  it('saves a key, shows only its last four characters, and never puts it in the page', async () => {
    const key = 'sg-e2e-canary-7f3a9b21c4d8';
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Segmind API key', { exact: true }).fill(key);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('ends in c4d8').waitFor();
    expect(await page.getByLabel('Segmind API key', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain(key);
    const status = await page.evaluate(() => window.studio.keys.status());
    expect(JSON.stringify(status)).not.toContain(key);
    await page.screenshot({ path: 'test-results/settings.png' });
    expect(harness.output()).not.toContain(key);
  });
});
