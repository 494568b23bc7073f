/**
 * The first model on a software GPU (Chromium + SwiftShader, like a VM or remote desktop): opening
 * a job's textured GLB and making its library thumbnail must not freeze the page. It once blocked
 * the main thread for 12–20 s (three's prefiltered environment on the CPU), so the Jobs list sat
 * on "Downloading" long after the job had finished.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startHarnessProcess, type RunningHarness } from '../support/harness';
import { texturedGlb, type Fixture } from '../fixtures/models';
import { loadFixture, openViewportPage, type ViewportWindow } from './viewport-page';

declare const window: ViewportWindow & { __longestTask?: number };

let harness: RunningHarness;
let browser: Browser;
let page: Page;
let textured: Fixture;

beforeAll(async () => {
  [harness, browser, textured] = await Promise.all([startHarnessProcess(), launchChromium({ webgl: true }), texturedGlb().then((bytes) => ({ name: 'result.glb', bytes }))]);
  page = await openViewportPage(browser, harness.url);
  // The longest task the page's main thread ran, from here on.
  await page.evaluate(() => {
    window.__longestTask = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longestTask = Math.max(window.__longestTask ?? 0, entry.duration);
    }).observe({ type: 'longtask' });
  });
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe('the first model on a software GPU', () => {
  it('opens and gets its 512-px thumbnail without blocking the page for seconds', async () => {
    const loaded = await loadFixture(page, textured);
    expect(loaded.message).toBeNull();
    const thumb = await page.evaluate(() => window.__viewport?.thumbnail());
    expect(thumb).toMatchObject({ type: 'image/webp', width: 512, height: 512 });
    // Material shading is drawn too (what an artist switches to next), still without a freeze.
    await page.evaluate(() => window.__viewport?.setShading('material'));
    await page.evaluate(() => window.__viewport?.screenshot());
    await page.waitForTimeout(100);
    // Generous for a shared 2-core machine; the freeze this guards against was 12 s or more.
    expect(await page.evaluate(() => window.__longestTask)).toBeLessThan(4000);
  });

  it('makes no thumbnail once the model it was asked for has left the view', async () => {
    await loadFixture(page, textured);
    const outcome = await page.evaluate(() => {
      const hook = window.__viewport;
      if (!hook) throw new Error('no viewport');
      const asked = hook.thumbnail();
      // In the same task: the thumbnail waits for an idle moment, and by then the model is gone.
      hook.clear();
      return asked.then(() => 'made', (error: unknown) => (error instanceof Error ? error.message : 'failed'));
    });
    expect(outcome).toBe('The model changed before its thumbnail was made.');
  });
});
