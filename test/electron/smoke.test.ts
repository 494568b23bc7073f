/**
 * The real app, launched through Playwright's _electron where the Electron binary exists.
 * Exercises the window guards for real: navigation, new windows, permissions, the CSP header,
 * and that the page has `window.studio` but no Node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../support/electron-binary';

const binary = electronBinary();
const root = path.resolve(import.meta.dirname, '../..');
if ('missing' in binary) {
  console.warn(`Electron smoke test SKIPPED: ${binary.missing}`);
}

describe.skipIf('missing' in binary)('the Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let xvfb: ChildProcess | undefined;

  beforeAll(async () => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), HY3D_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'hy3d-electron-')) };
    if (!env.DISPLAY && existsSync('/usr/bin/Xvfb')) {
      // -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
      const server = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1440x900x24'], { stdio: ['ignore', 'pipe', 'ignore'] });
      xvfb = server;
      env.DISPLAY = await new Promise<string>((resolve, reject) => {
        server.stdout.once('data', (chunk: Buffer) => resolve(`:${chunk.toString().trim()}`));
        server.once('exit', () => reject(new Error('Xvfb did not start')));
      });
    }
    // '.': started from the project folder, Electron reads package.json (name, version, main).
    // Chromium refuses to run as root with its OS sandbox; the renderer's sandbox: true still applies.
    const args = ['.', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
    app = await electron.launch({ executablePath: 'path' in binary ? binary.path : '', args, env, cwd: root });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    xvfb?.kill();
  });

  it('opens the studio from app://, with the named regions', async () => {
    expect(page.url()).toMatch(/^app:\/\/studio\//);
    await page.getByRole('region', { name: '3D preview' }).waitFor();
    await page.getByRole('button', { name: 'Generate' }).waitFor();
    await page.screenshot({ path: path.join(root, 'test-results/electron.png') });
  });

  it('gives the page window.studio and no Node', async () => {
    const seen = await page.evaluate(() => ({
      studio: typeof window.studio?.settings?.get,
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
    }));
    expect(seen).toEqual({ studio: 'function', require: 'undefined', process: 'undefined' });
    await expect(page.evaluate(() => window.studio.app.info())).resolves.toMatchObject({ shell: 'electron' });
  });

  it('sends the CSP header with the page', async () => {
    const csp = await page.evaluate(() => fetch('/index.html').then((r) => r.headers.get('content-security-policy')));
    expect(csp).toContain("script-src 'self'");
  });

  it('refuses to navigate away or open windows', async () => {
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/studio\//);
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  it('denies permission requests', async () => {
    const state = await page.evaluate(() => Notification.requestPermission());
    expect(state).toBe('denied');
  });
});
