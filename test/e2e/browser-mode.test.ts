/**
 * `npm start` in browser mode, as a child process (scripts/start.ts --browser --no-open) on the
 * real keychain (gnome-keyring unlocked in a private D-Bus session, fresh HOME) and a data dir in a
 * temp folder (HY3D_DATA_DIR): the page opened with the printed address works, and nothing else may
 * reach the core — no token, a wrong token, another origin, another host name, another interface.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { createKeychainHome, keychainEnv, missingKeychainTools, type KeychainHome } from '../support/harness';

const missing = [...missingKeychainTools(), ...(chromiumAvailable() ? [] : ['Chromium'])];
const reason = `the browser-mode test needs ${missing.join(' and ')} (Debian: apt-get install dbus gnome-keyring chromium)`;
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`Skipping: ${reason}.`);

const root = path.resolve(import.meta.dirname, '../..');
let keychain: KeychainHome | undefined;
let dataDir = '';
let exportDir = '';
let child: ChildProcess | undefined;
let exited: Promise<void> = Promise.resolve();
let output = '';
let url = '';
let browser: Browser | undefined;

beforeAll(async () => {
  if (skip) return;
  if (missing.length > 0) throw new Error(`In CI, ${reason}.`);
  keychain = createKeychainHome();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-browser-data-'));
  exportDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-browser-export-'));
  const script = `printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >>"$HOME/keyring-daemon.log" 2>&1 || exit 3; exec "$@"`;
  child = spawn('dbus-run-session', ['--', 'bash', '-c', script, 'studio', process.execPath, '--import', 'tsx', 'scripts/start.ts', '--browser', '--no-open'], {
    cwd: root,
    env: { ...keychainEnv(keychain), HY3D_DATA_DIR: dataDir, HY3D_EXPORT_DIR: exportDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = child;
  exited = new Promise((resolve) => running.once('exit', () => resolve()));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start within 30 s:\n${output}`)), 30_000);
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Studio is running at (http:\/\/\S+)/.exec(output)?.[1];
      if (ready) {
        clearTimeout(timer);
        resolve(ready);
      }
    };
    running.stdout?.on('data', take);
    running.stderr?.on('data', take);
    running.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
  await exited;
  for (const dir of [keychain?.home, dataDir, exportDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const address = () => new URL(url);
const socketUrl = (query: string) => `ws://${address().host}/__harness/ws${query}`;
const token = () => /#token=(.+)$/.exec(url)?.[1] ?? '';

/** The HTTP status a WebSocket upgrade was answered with (101 when it opened). */
function upgradeStatus(target: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(target, { origin });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

describe.skipIf(skip)('browser mode (npm start without the desktop binary)', () => {
  it('prints one address on loopback with a secret, and the page opened with it works on the real keychain', async () => {
    expect(address().hostname).toBe('127.0.0.1');
    expect(token()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await (browser as Browser).newPage();
    const failed: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
    });
    await page.goto(url);
    // The app's icon is the page's favicon, served from its own build: no 404 for /favicon.ico.
    const icon = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? '';
      const res = await fetch(href);
      return { sameOrigin: new URL(href).origin === location.origin, status: res.status, type: res.headers.get('content-type') };
    });
    expect(icon).toEqual({ sameOrigin: true, status: 200, type: 'image/png' });
    const info = await page.evaluate(() => window.studio.app.info());
    expect(info).toMatchObject({ name: 'Hunyuan3D Studio', shell: 'harness' });
    // The secret leaves the address bar but stays with the tab: a reload still connects.
    expect(page.url()).not.toContain('token');
    await page.reload();
    await page.evaluate(() => window.studio.settings.set({ lastModelId: 'segmind/hunyuan-3d-2' }));
    expect(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ lastModelId: 'segmind/hunyuan-3d-2' });
    const status = await page.evaluate(() => window.studio.keys.set({ provider: 'segmind', key: 'sg-browser-mode-key-41d7c2' }));
    expect(status).toMatchObject({ segmind: { set: true, last4: 'd7c2' } });
    // The real keychain holds it: no file in the data dir does.
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    for (const file of files) expect(readFileSync(path.join(file.parentPath, file.name), 'utf8')).not.toContain('sg-browser-mode-key-41d7c2');
    expect(existsSync(path.join(keychain?.home ?? '', 'data', 'keyrings'))).toBe(true);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('refuses a page opened without the secret', async () => {
    const page = await (browser as Browser).newPage();
    await page.goto(`${address().origin}/`);
    const said = await page.evaluate(() => window.studio.app.info().then(() => 'answered', (error: { message?: string }) => error.message ?? 'refused'));
    expect(said).not.toBe('answered');
    await page.close();
  });

  it('refuses a WebSocket without the token, with a wrong one, or from another origin', async () => {
    const own = address().origin;
    expect(await upgradeStatus(socketUrl(''), own)).toBe(401);
    expect(await upgradeStatus(socketUrl(`?token=${'A'.repeat(43)}`), own)).toBe(401);
    expect(await upgradeStatus(socketUrl(`?token=${token().slice(0, -1)}`), own)).toBe(401);
    expect(await upgradeStatus(socketUrl(`?token=${token()}`), 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(socketUrl(`?token=${token()}`), `http://localhost:${address().port}`)).toBe(403);
    expect(await upgradeStatus(socketUrl(`?token=${token()}`), own)).toBe(101);
  });

  it('answers only to its own host name, so a DNS-rebound site cannot read the library', async () => {
    // A raw request: fetch quietly replaces a Host header it is given.
    expect(await rawStatus(`rebound.example:${address().port}`)).toBe(421);
    expect(await rawStatus(address().host)).toBe(200);
  });

  it('listens on loopback only', async () => {
    const outside = Object.values(os.networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')?.address;
    if (!outside) return console.warn('No non-loopback IPv4 interface here; only the printed 127.0.0.1 address was checked.');
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(Number(address().port), outside);
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('never prints the token except in the one address line', () => {
    expect(output.split(token()).length - 1).toBe(1);
  });
});

function rawStatus(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(address().port), '127.0.0.1', () => socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.once('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
    socket.once('error', reject);
  });
}
