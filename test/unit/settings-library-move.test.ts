/**
 * Moving the library from Settings: jobs (finished and one still running) go with it, the running
 * one pauses and completes from the new place, the old folder is gone, and a fresh start opens the
 * library where it now is. Both ways: a rename on the same disk, and copy → check → open → remove
 * onto another disk (/dev/shm is tmpfs here). A target that is not empty is refused with nothing moved.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveLibraryFolder, moveProblem } from '../../src/main/core/library/move';
import type { DesktopShell } from '../../src/main/core/shell';
import { createMemoryBackend } from '../../src/main/core/settings/store';
import { startSimulator, type Simulator } from '../sim/server';
import { createEngineCore, picture } from '../support/engine-core';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ config: { durationMs: 1_500 } });
});
afterAll(() => sim.close());

function shellChoosing(folder: string): DesktopShell {
  return { trash: () => Promise.resolve(), reveal: () => undefined, chooseFolder: () => Promise.resolve(folder) };
}

const otherDisk = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(os.tmpdir()).dev ? '/dev/shm' : null;

describe('moving the library', () => {
  it.each([
    ['on the same disk', os.tmpdir()],
    ...(otherDisk ? [['onto another disk', otherDisk] as [string, string]] : []),
  ])('%s: every job goes along, a running one completes there, and the next start opens it there', async (_how, parent) => {
    sim.control.reset();
    const target = path.join(mkdtempSync(path.join(parent, 'hy3d-move-')), 'My Library');
    const backend = createMemoryBackend();
    const first = createEngineCore(sim.url, { settings: backend, shell: shellChoosing(target) });
    const oldRoot = path.join(first.dataDir, 'library');
    const submit = async (seed: number) =>
      first.studio.jobs.submit({ modelId: 'segmind/hunyuan-3d-2', params: {}, inputs: { kind: 'image', image: { name: `p${seed}.jpg`, bytes: await picture(seed) } } });
    const done = await submit(90);
    await first.waitFor(done.id);
    const running = await submit(91);
    await first.waitFor(running.id, (j) => j.state === 'queued' || j.state === 'running');
    await new Promise((r) => setTimeout(r, 200));

    const moved = await first.studio.library.move();
    expect(moved.folder).toBe(target);
    expect(moved.isDefault).toBe(false);
    expect(moved.message).toBe(`The library is now in ${target}.`);
    expect(existsSync(oldRoot)).toBe(false);
    expect(readdirSync(path.join(target, 'jobs')).sort()).toEqual([done.id, running.id].sort());

    const finished = await first.waitFor(running.id, undefined, 30_000);
    expect(finished.state).toBe('completed');
    expect(readdirSync(path.join(target, 'jobs', running.id, 'outputs')).length).toBeGreaterThan(0);
    // Two jobs, two paid submits: the paused one was picked up again, not sent again.
    expect(sim.control.requestsTo('segmind.submit')).toHaveLength(2);
    await first.core.close();

    // A fresh start with the same settings and data dir finds the library in its new place.
    const again = createEngineCore(sim.url, { settings: backend, dataDir: first.dataDir });
    const page = await again.studio.library.list({});
    expect(page.items.map((i) => i.id).sort()).toEqual([done.id, running.id].sort());
    expect((await again.studio.jobs.model({ id: done.id })).files.length).toBeGreaterThan(0);
    expect(await again.studio.library.location()).toEqual({ folder: target, isDefault: false, message: '' });
    await again.core.close();
  });

  it('refuses a folder that is not empty, with a sentence, and leaves the library where it was', async () => {
    const target = mkdtempSync(path.join(os.tmpdir(), 'hy3d-busy-'));
    writeFileSync(path.join(target, 'holiday.jpg'), 'mine');
    const made = createEngineCore(sim.url, { shell: shellChoosing(target) });
    const job = await made.studio.jobs.submit({ modelId: 'segmind/hunyuan-3d-2', params: {}, inputs: { kind: 'image', image: { name: 'p.jpg', bytes: await picture(92) } } });
    await made.waitFor(job.id);
    await expect(made.studio.library.move()).rejects.toThrow(`${target} is not empty. Choose an empty folder`);
    expect(readdirSync(target)).toEqual(['holiday.jpg']);
    expect(await made.studio.library.location()).toEqual({ folder: path.join(made.dataDir, 'library'), isDefault: true, message: '' });
    expect((await made.studio.library.list({})).items.map((i) => i.id)).toEqual([job.id]);
    await made.core.close();
  });
});

describe('the export folder is not a library folder', () => {
  it('refuses to move the library into the export folder (what the harness’s only folder answer is)', async () => {
    const exportDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-exports-'));
    const made = createEngineCore(sim.url, { shell: shellChoosing(exportDir), exportDir });
    await expect(made.studio.library.move()).rejects.toThrow('That is your export folder. Give the library a folder of its own; nothing was moved.');
    expect(readdirSync(exportDir)).toEqual([]);
    expect((await made.studio.library.location()).isDefault).toBe(true);
    await made.core.close();
  });
});

describe('a move that fails part-way loses nothing', () => {
  it.each([
    ['on the same disk', os.tmpdir()],
    ...(otherDisk ? [['onto another disk', otherDisk] as [string, string]] : []),
  ])('%s: when the new place does not open, the library is back where it was, whole, and the target holds nothing of it', async (_how, parent) => {
    const from = mkdtempSync(path.join(os.tmpdir(), 'hy3d-from-'));
    mkdirSync(path.join(from, 'jobs', 'a', 'outputs'), { recursive: true });
    writeFileSync(path.join(from, 'library.db'), 'index');
    writeFileSync(path.join(from, 'jobs', 'a', 'job.json'), '{"id":"a"}');
    writeFileSync(path.join(from, 'jobs', 'a', 'outputs', 'model.glb'), 'glTF');
    const target = path.join(mkdtempSync(path.join(parent, 'hy3d-to-')), 'Library');
    const switched: string[] = [];
    await expect(
      moveLibraryFolder(from, target, {
        verifyOpens: () => Promise.reject(new Error('the database is damaged')),
        switchTo: (root) => void switched.push(root),
      }),
    ).rejects.toThrow(`The library could not be moved (the database is damaged); nothing was lost and it is still in ${from}.`);
    expect(switched).toEqual([]);
    expect(readFileSync(path.join(from, 'jobs', 'a', 'outputs', 'model.glb'), 'utf8')).toBe('glTF');
    expect(readFileSync(path.join(from, 'library.db'), 'utf8')).toBe('index');
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  });

  it('says so when the target cannot be written to', async () => {
    const from = mkdtempSync(path.join(os.tmpdir(), 'hy3d-from-'));
    const locked = mkdtempSync(path.join(os.tmpdir(), 'hy3d-locked-'));
    chmodSync(locked, 0o500);
    try {
      const problem = await moveProblem(from, path.join(locked, 'Library'));
      // root may write anywhere; everyone else is told.
      if (process.getuid?.() !== 0) expect(problem).toBe(`Studio cannot write to ${path.join(locked, 'Library')}. Choose a folder you can write to.`);
      expect(await moveProblem(from, from)).toBe('The library is already in that folder.');
      expect(await moveProblem(from, path.join(from, 'inside'))).toBe('The library cannot move into a folder inside itself. Choose a folder elsewhere.');
    } finally {
      chmodSync(locked, 0o700);
    }
  });
});
