import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newJob, open, picture, tempRoot } from './helpers';

async function libraryWithOutput() {
  const root = tempRoot();
  const library = await open(root);
  const job = await library.createJob(newJob(), [picture()]);
  writeFileSync(path.join(library.outputsDir(job.id), 'model.glb'), 'glTF model bytes');
  const outside = mkdtempSync(path.join(os.tmpdir(), 'hy3d-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), 'not for the page');
  return { root, library, job, outside };
}

const code = (promise: Promise<unknown>) => promise.then(() => 'read', (e: { code?: string }) => e.code);

describe('library: reading a job file for the page', () => {
  it('reads a job’s pictures and results by name', async () => {
    const { library, job } = await libraryWithOutput();
    expect(Buffer.from(await library.readJobFile(job.id, 'outputs', 'model.glb')).toString()).toBe('glTF model bytes');
    expect(await library.readJobFile(job.id, 'inputs', 'image.png')).toEqual(picture().bytes);
    await expect(library.readJobFile(job.id, 'outputs', 'missing.glb')).rejects.toThrow('That file is not in the job’s folder any more. Run the job again to get it back.');
    library.close();
  });

  it('refuses names that are paths, and ids or areas that are not the library’s', async () => {
    const { library, job } = await libraryWithOutput();
    const hostile = ['../job.json', 'textures/../../job.json', 'a//b', 'a/', '..', '.', '', 'a\\b', '/etc/passwd', 'C:\\Windows\\win.ini', 'model.glb\0.png', 'x:stream', '....', 'model.glb\n'];
    for (const name of hostile) expect([name, await code(library.readJobFile(job.id, 'outputs', name))]).toEqual([name, 'invalid-input']);
    expect(await code(library.readJobFile('../../..', 'outputs', 'model.glb'))).toBe('invalid-input');
    expect(await code(library.readJobFile(job.id.toUpperCase(), 'outputs', 'model.glb'))).toBe('invalid-input');
    expect(await code(library.readJobFile(job.id, '..' as never, 'job.json'))).toBe('invalid-input');
    await expect(library.readJobFile(job.id, 'outputs', '../job.json')).rejects.toThrow('That is not the name of a file in a job’s folder.');
    library.close();
  });

  it('refuses symlinks that lead out of the job’s folder, even to another file of the job', async () => {
    const { library, job, outside } = await libraryWithOutput();
    const outputs = library.outputsDir(job.id);
    symlinkSync(path.join(outside, 'secret.txt'), path.join(outputs, 'escape.glb'));
    symlinkSync('../job.json', path.join(outputs, 'manifest.glb'));
    symlinkSync(outside, path.join(outputs, 'dir'));
    expect(await code(library.readJobFile(job.id, 'outputs', 'escape.glb'))).toBe('forbidden');
    expect(await code(library.readJobFile(job.id, 'outputs', 'manifest.glb'))).toBe('forbidden');
    await expect(library.readJobFile(job.id, 'outputs', 'escape.glb')).rejects.toThrow('That file is outside the job’s folder, so the app does not read it.');
    // The whole outputs folder swapped for a link to elsewhere.
    rmSync(outputs, { recursive: true });
    symlinkSync(outside, outputs);
    expect(await code(library.readJobFile(job.id, 'outputs', 'secret.txt'))).toBe('forbidden');
    library.close();
  });

  it('reads an output in a folder an unpacked zip made, and the result thumbnail by its one name', async () => {
    const { library, job } = await libraryWithOutput();
    mkdirSync(path.join(library.outputsDir(job.id), 'textures'));
    writeFileSync(path.join(library.outputsDir(job.id), 'textures', 'wood.png'), 'texture bytes');
    writeFileSync(path.join(library.jobDir(job.id), 'thumb.webp'), 'thumbnail bytes');
    expect(Buffer.from(await library.readJobFile(job.id, 'outputs', 'textures/wood.png')).toString()).toBe('texture bytes');
    expect(Buffer.from(await library.readJobFile(job.id, 'thumb', 'thumb.webp')).toString()).toBe('thumbnail bytes');
    expect(await code(library.readJobFile(job.id, 'outputs', 'a/b'))).toBe('not-found');
    expect(await code(library.readJobFile(job.id, 'thumb', 'job.json'))).toBe('invalid-input');
    expect(await code(library.readJobFile(job.id, 'thumb', '../job.json'))).toBe('invalid-input');
    library.close();
  });

  it('does not read a folder as a file', async () => {
    const { library, job } = await libraryWithOutput();
    mkdirSync(path.join(library.outputsDir(job.id), 'textures'));
    expect(await code(library.readJobFile(job.id, 'outputs', 'textures'))).toBe('not-found');
    library.close();
  });

  it('works when the library itself lives behind a symlink (a data dir on another disk)', async () => {
    const real = tempRoot();
    mkdirSync(real, { recursive: true });
    const linked = path.join(mkdtempSync(path.join(os.tmpdir(), 'hy3d-link-')), 'library');
    symlinkSync(real, linked);
    const library = await open(linked);
    const job = await library.createJob(newJob(), [picture()]);
    expect(await library.readJobFile(job.id, 'inputs', 'image.png')).toEqual(picture().bytes);
    library.close();
  });
});
