import { describe, expect, it } from 'vitest';
import { studioSession } from '../support/studio-session';

const s = studioSession();

describe('the studio shell in Chromium', () => {
  it('shows every named region of the layout', async () => {
    await s.page.goto(s.harness.url);
    await expect(s.page.getByRole('banner').getByRole('heading', { name: 'Hunyuan3D Studio' }).isVisible()).resolves.toBe(true);
    for (const name of ['Inputs', 'Parameters', 'Properties', 'Jobs', 'History']) {
      await s.page.getByRole('heading', { name }).waitFor();
    }
    await s.page.getByRole('region', { name: '3D preview' }).waitFor();
    await s.page.getByRole('region', { name: 'History' }).getByRole('searchbox', { name: 'Search history' }).waitFor();
    await s.page.getByRole('list', { name: 'Jobs' }).waitFor({ state: 'attached' });
    await s.page.getByRole('combobox', { name: 'Model' }).waitFor();
    await s.page.getByRole('button', { name: 'Generate' }).waitFor();
    await s.page.getByRole('button', { name: 'Export…' }).waitFor();
    await s.page.screenshot({ path: 'test-results/shell.png' });
  });

  it('fetches the glTF loader once idle, so the first result opens sooner', async () => {
    const loader = s.page.waitForRequest((r) => /\/assets\/gltf-[\w-]+\.js$/.test(r.url()), { timeout: 10_000 });
    await s.page.goto(s.harness.url);
    expect((await loader).url()).toContain(s.harness.url);
  });

  it('sends the app CSP, so an injected inline script does not run', async () => {
    const response = await s.page.goto(s.harness.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    const violations: string[] = [];
    s.page.on('console', (m) => violations.push(m.text()));
    const ran = await s.page.evaluate(async () => {
      const w = window as unknown as { injectedRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injectedRan = true';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return w.injectedRan === true;
    });
    expect(ran).toBe(false);
    expect(violations.join('\n')).toMatch(/Content Security Policy/);
    const dataScriptRan = await s.page.evaluate(async () => {
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
    await s.page.goto(s.harness.url);
    const info = await s.page.evaluate(() => window.studio.app.info());
    expect(info.shell).toBe('harness');
    const saved = await s.page.evaluate(() => window.studio.settings.set({ lastModelId: 'segmind/hunyuan-3d-2' }));
    expect(saved.lastModelId).toBe('segmind/hunyuan-3d-2');
    const error = await s.page.evaluate(() =>
      window.studio.settings.set({ layout: { leftWidth: -5 } } as never).then(
        () => null,
        (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
      ),
    );
    expect(error?.code).toBe('invalid-input');
    expect(error?.message).toMatch(/layout/);
    // Going around the bridge straight to the socket is refused by the server's own schema check.
    const raw = await s.page.evaluate(async () => {
      const ws = new WebSocket(`ws://${location.host}/__harness/ws`);
      await new Promise((r) => ws.addEventListener('open', r));
      const answer = new Promise<string>((r) => ws.addEventListener('message', (m: MessageEvent<string>) => r(m.data)));
      ws.send(JSON.stringify({ id: 1, channel: 'settings:set', input: { layout: 'x', extra: true } }));
      return answer;
    });
    expect(JSON.parse(raw)).toMatchObject({ id: 1, reply: { ok: false, error: { code: 'invalid-input' } } });
  });

  it('refuses a WebSocket from another origin', async () => {
    const other = await s.browser.newPage();
    await other.goto('about:blank');
    const outcome = await other.evaluate(async (port) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/__harness/ws`);
      return new Promise<string>((r) => {
        ws.addEventListener('open', () => r('open'));
        ws.addEventListener('error', () => r('refused'));
      });
    }, s.harness.port);
    expect(outcome).toBe('refused');
    await other.close();
  });
});
