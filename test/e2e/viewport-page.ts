/** Shared steps for the viewport's browser tests: open the harness page, hand it fixture files, read pixels. */
import type { Browser, Page } from 'playwright-core';
import type { Fixture } from '../fixtures/models';

// The page's own types: this file is compiled with the renderer's (tsconfig.test-web.json).
export type { ViewportState } from '../../src/renderer/viewport/Viewport';
export type { ModelStats } from '../../src/renderer/viewport/stats';
import type { ViewportState } from '../../src/renderer/viewport/Viewport';
/** `window` as seen inside page.evaluate: the test hook the viewport installs. */
export type ViewportWindow = Pick<Window, '__viewport'>;

export async function openViewportPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const fixtures = new Map<string, Uint8Array>();
  // Fixture bytes reach the page as same-origin responses, which the app's CSP allows.
  await page.route('**/__fixtures/**', (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.replace('/__fixtures/', ''));
    const body = fixtures.get(name);
    return body ? route.fulfill({ status: 200, body: Buffer.from(body), contentType: 'application/octet-stream' }) : route.fulfill({ status: 404 });
  });
  (page as Page & { fixtures?: Map<string, Uint8Array> }).fixtures = fixtures;
  await page.goto(url);
  await page.waitForFunction(() => window.__viewport !== undefined);
  return page;
}

/** Opens a fixture (and any files dropped with it) in the viewport and returns its state afterwards. */
export async function loadFixture(page: Page, fixture: Fixture, slot: 'a' | 'b' = 'a'): Promise<ViewportState> {
  const fixtures = (page as Page & { fixtures?: Map<string, Uint8Array> }).fixtures;
  const files = [fixture, ...(fixture.siblings ?? [])];
  for (const f of files) fixtures?.set(f.name, f.bytes);
  return page.evaluate(
    async ({ names, slot }) => {
      const hook = window.__viewport;
      if (!hook) throw new Error('no viewport');
      const loaded = await Promise.all(names.map(async (name) => ({ name, bytes: await (await fetch(`/__fixtures/${encodeURIComponent(name)}`)).arrayBuffer() })));
      const [main] = loaded;
      if (!main) throw new Error('no file');
      return loaded.length > 1 ? hook.loadFiles(loaded) : hook.load(main.bytes, main.name, slot);
    },
    { names: files.map((f) => f.name), slot },
  );
}

export function pixels(page: Page): Promise<number[]> {
  return page.evaluate(() => window.__viewport?.pixels() ?? Promise.resolve([]));
}

/** The view on a flat background without grid and axes: an empty view has no variance at all. */
export function barePixels(page: Page): Promise<number[]> {
  return page.evaluate(() => window.__viewport?.pixels({ bare: true }) ?? Promise.resolve([]));
}

export function variance(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length);
}

/** Mean absolute difference between two pixel summaries. */
export function difference(a: number[], b: number[]): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return total / Math.max(1, a.length);
}
