/** The harness's desktop: the real freedesktop trash through gio, a sentence without it, --export-dir as the chosen folder. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHarnessShell } from '../../../src/harness/desktop-shell';
import { createMemoryLog } from '../../../src/main/core/log';

const hasGio = spawnSync('sh', ['-c', 'command -v gio']).status === 0;

function setUp() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-shell-data-'));
  const jobDir = path.join(dataDir, 'library', 'jobs', 'job-1');
  mkdirSync(jobDir, { recursive: true });
  writeFileSync(path.join(jobDir, 'job.json'), '{}');
  const home = mkdtempSync(path.join(os.tmpdir(), 'hy3d-shell-home-'));
  const env = { PATH: process.env.PATH, HOME: home, XDG_DATA_HOME: path.join(home, 'data') };
  return { dataDir, jobDir, home, env, log: createMemoryLog() };
}

describe('the harness’s desktop shell', () => {
  it.skipIf(!hasGio)('moves a job folder to the system trash, where it can be restored', async () => {
    const { dataDir, jobDir, env, log } = setUp();
    await createHarnessShell({ dataDir, log, env }).trash(jobDir);
    expect(existsSync(jobDir)).toBe(false);
    // gio uses the home trash when the folder is on the home's disk, else the disk's own .Trash-<uid>.
    const tmp = os.tmpdir();
    const trashes = [path.join(env.XDG_DATA_HOME, 'Trash', 'files'), ...readdirSync(tmp).filter((n) => n.startsWith('.Trash-')).map((n) => path.join(tmp, n, 'files'))];
    expect(trashes.some((dir) => existsSync(path.join(dir, 'job-1', 'job.json')))).toBe(true);
  });

  it('without gio says so and deletes nothing', async () => {
    const { dataDir, jobDir, env, log } = setUp();
    const shell = createHarnessShell({ dataDir, log, env, gio: path.join(dataDir, 'no-such-gio') });
    await expect(shell.trash(jobDir)).rejects.toThrow('This system has no trash Studio can use (the harness needs `gio`, from libglib2.0-bin). Nothing was deleted.');
    expect(existsSync(path.join(jobDir, 'job.json'))).toBe(true);
  });

  it('refuses to trash anything outside its data dir, or the data dir itself', async () => {
    const { dataDir, home, env, log } = setUp();
    const shell = createHarnessShell({ dataDir, log, env });
    for (const target of [home, dataDir, path.join(dataDir, '..'), `${dataDir}-sibling`, '/']) {
      await expect(shell.trash(target)).rejects.toThrow('Studio only moves its own library files to the trash.');
    }
    expect(existsSync(dataDir) && existsSync(home)).toBe(true);
  });

  it('answers “choose folder” with --export-dir, and reveal only logs', async () => {
    const { dataDir, log } = setUp();
    expect(await createHarnessShell({ dataDir, log, exportDir: '/srv/exports' }).chooseFolder('Export to')).toBe('/srv/exports');
    expect(await createHarnessShell({ dataDir, log }).chooseFolder('Export to')).toBeNull();
    createHarnessShell({ dataDir, log }).reveal(path.join(dataDir, 'x'));
    expect(log.lines.join('\n')).toContain('reveal in folder');
  });
});
