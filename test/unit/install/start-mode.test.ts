/** What `npm start` opens, decided from what is on disk, and where browser mode keeps its files. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary, planStart } from '../../../scripts/start-mode';
import { defaultExportDir, openCommand, userDataDir } from '../../../scripts/browser-mode';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function electronDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-electron-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('npm start', () => {
  it('opens the desktop app when path.txt names a binary that exists', () => {
    const dir = electronDir({ 'path.txt': 'electron', 'dist/electron': '#!' });
    expect(planStart(findElectronBinary(dir))).toEqual({ mode: 'desktop', binary: path.join(dir, 'dist', 'electron') });
  });

  it('opens the browser, saying why and how to get the desktop app, when no binary was downloaded', () => {
    const plan = planStart(findElectronBinary(electronDir({ 'index.js': '' })));
    expect(plan).toEqual({
      mode: 'browser',
      why: 'No Electron desktop binary is installed, so Studio opens in your browser instead; run `npm run get-electron` to get the desktop app.',
    });
  });

  it('opens the browser when path.txt names a file that is not there (an interrupted download)', () => {
    const plan = planStart(findElectronBinary(electronDir({ 'path.txt': 'electron' })));
    expect(plan.mode).toBe('browser');
    expect(plan).toHaveProperty('why', expect.stringMatching(/^The Electron desktop binary is incomplete, .*npm run get-electron/));
  });

  it('opens the browser when asked to, even where the desktop app could run', () => {
    const dir = electronDir({ 'path.txt': 'electron', 'dist/electron': '#!' });
    expect(planStart(findElectronBinary(dir), true)).toMatchObject({ mode: 'browser', why: expect.stringContaining('--browser') });
  });
});

describe('browser mode files', () => {
  const home = '/home/ada';
  it('uses the folder Electron would give productName "Hunyuan3D Studio"', () => {
    expect(userDataDir('linux', {}, home)).toBe('/home/ada/.config/Hunyuan3D Studio');
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/x/conf' }, home)).toBe('/x/conf/Hunyuan3D Studio');
    expect(userDataDir('darwin', {}, home)).toBe('/home/ada/Library/Application Support/Hunyuan3D Studio');
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, home)).toBe('C:\\Users\\ada\\AppData\\Roaming\\Hunyuan3D Studio');
  });

  it('lets HY3D_DATA_DIR choose another library, as the desktop app does', () => {
    expect(userDataDir('darwin', { HY3D_DATA_DIR: '/tmp/lib' }, home)).toBe('/tmp/lib');
  });

  it('exports into Documents/Hunyuan3D and opens the address with the system command', () => {
    expect(defaultExportDir(home)).toBe('/home/ada/Documents/Hunyuan3D');
    const url = 'http://127.0.0.1:5/#token=abc';
    expect(openCommand('linux', url)).toEqual({ file: 'xdg-open', args: [url] });
    expect(openCommand('darwin', url)).toEqual({ file: 'open', args: [url] });
    expect(openCommand('win32', url)).toEqual({ file: 'cmd', args: ['/c', 'start', '""', url] });
  });
});
