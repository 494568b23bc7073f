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

describe('the studio shell in Chromium', () => {
  it('shows every named region of the layout', async () => {
    await page.goto(harness.url);
    await expect(page.getByRole('banner').getByRole('heading', { name: 'Hunyuan3D Studio' }).isVisible()).resolves.toBe(true);
    for (const name of ['Inputs', 'Parameters', 'Properties', 'Jobs', 'History']) {
      await page.getByRole('heading', { name }).waitFor();
    }
    await page.getByRole('region', { name: '3D preview' }).waitFor();
    await page.getByRole('region', { name: 'History' }).getByRole('searchbox', { name: 'Search history' }).waitFor();
    await page.getByRole('list', { name: 'Jobs' }).waitFor({ state: 'attached' });
    await page.getByRole('combobox', { name: 'Model' }).waitFor();
    await page.getByRole('button', { name: 'Generate' }).waitFor();
    await page.getByRole('button', { name: 'Export…' }).waitFor();
    await page.screenshot({ path: 'test-results/shell.png' });
  });

  it('sends the app CSP, so an injected inline script does not run', async () => {
    const response = await page.goto(harness.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    const violations: string[] = [];
    page.on('console', (m) => violations.push(m.text()));
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { injectedRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injectedRan = true';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return w.injectedRan === true;
    });
    expect(ran).toBe(false);
    expect(violations.join('\n')).toMatch(/Content Security Policy/);
    const dataScriptRan = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.src = 'data:text/javascript,window.dataScriptRan=true';
      const done = new Promise((r) => script.addEventListener('error', r));
      document.body.append(script);
      await done;
      return (window as unknown as { dataScriptRan?: boolean }).dataScriptRan === true;
    });
    expect(dataScriptRan).toBe(false);
  });

  it('round-trips settings through the bridge and refuses malformed input', async () => {
    await page.goto(harness.url);
    const info = await page.evaluate(() => window.studio.app.info());
    expect(info.shell).toBe('harness');
    const saved = await page.evaluate(() => window.studio.settings.set({ lastModelId: 'segmind/hunyuan-3d-2' }));
    expect(saved.lastModelId).toBe('segmind/hunyuan-3d-2');
    const error = await page.evaluate(() =>
      window.studio.settings.set({ layout: { leftWidth: -5 } } as never).then(
        () => null,
        (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
      ),
    );
    expect(error?.code).toBe('invalid-input');
    expect(error?.message).toMatch(/layout/);
    // Going around the bridge straight to the socket is refused by the server's own schema check.
    const raw = await page.evaluate(async () => {
      const ws = new WebSocket(`ws://${location.host}/__harness/ws`);
      await new Promise((r) => ws.addEventListener('open', r));
      const answer = new Promise<string>((r) => ws.addEventListener('message', (m: MessageEvent<string>) => r(m.data)));
      ws.send(JSON.stringify({ id: 1, channel: 'settings:set', input: { layout: 'x', extra: true } }));
      return answer;
    });
    expect(JSON.parse(raw)).toMatchObject({ id: 1, reply: { ok: false, error: { code: 'invalid-input' } } });
  });

  it('refuses a WebSocket from another origin', async () => {
    const other = await browser.newPage();
    await other.goto('about:blank');
    const outcome = await other.evaluate(async (port) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/__harness/ws`);
      return new Promise<string>((r) => {
        ws.addEventListener('open', () => r('open'));
        ws.addEventListener('error', () => r('refused'));
      });
    }, harness.port);
    expect(outcome).toBe('refused');
    await other.close();
  });
});
