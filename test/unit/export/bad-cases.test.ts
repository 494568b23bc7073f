/**
 * What goes wrong at the destination: a full disk (ENOSPC injected through the fs seam, after
 * part of a file was really written), a refused or vanished folder, names that break Windows or
 * macOS, paths too long — each ends in a sentence and leaves no partial file.
 */
import * as fsp from 'node:fs/promises';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { ExportFs } from '../../../src/main/core/export/place';
import { sphereGlb } from '../../fixtures/models';
import { completedJob, setup, sourceFiles, tempDir } from './helpers';

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

/** Real files, except that writing fails with `code` once `after` bytes of the export went to disk. */
function failingWrites(code: string, after: number): ExportFs {
  let written = 0;
  return {
    ...fsp,
    open: (async (file: string, flags: string) => {
      const handle = await fsp.open(file, flags);
      const write = handle.write.bind(handle) as (b: Uint8Array, o: number, l: number, p: number) => Promise<{ bytesWritten: number }>;
      return Object.assign(handle, {
        write: async (bytes: Uint8Array, offset: number, length: number, position: number) => {
          if (written + length > after) {
            const part = Math.max(0, after - written);
            if (part > 0) await write(bytes, offset, part, position);
            written += part;
            throw errno(code);
          }
          written += length;
          return write(bytes, offset, length, position);
        },
      });
    }) as ExportFs['open'],
  };
}

describe('export bad cases', () => {
  it('a full disk mid-file leaves no partial file and says what to do', async () => {
    const { library, folder, handlers } = await setup({ fs: failingWrites('ENOSPC', 1000) });
    const job = await completedJob(library, await sourceFiles('glb'));
    const result = await handlers['export:run']({ ids: [job.id], format: 'glb', nameTemplate: 'full' });
    expect(result.results[0]).toMatchObject({ ok: false, files: [] });
    expect(result.message).toBe(`Nothing was exported. The disk holding “${folder}” is full, so full.glb was not saved and nothing half-written was left. Free some space and export again.`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a full disk on the texture of an OBJ removes the OBJ and MTL already written', async () => {
    const { library, folder, handlers } = await setup();
    const job = await completedJob(library, await sourceFiles('obj'));
    // Measure what the OBJ and MTL take, then fail just after them.
    await handlers['export:run']({ ids: [job.id], format: 'obj', nameTemplate: 'probe' });
    const sizes = await Promise.all(['probe.obj', 'probe.mtl'].map(async (n) => (await fsp.stat(path.join(folder, n))).size));
    const target = tempDir();
    const { handlers: failing, library: lib2 } = await setup({ fs: failingWrites('ENOSPC', sizes[0]! + sizes[1]! + 10), defaultFolder: target });
    const job2 = await completedJob(lib2, await sourceFiles('obj'));
    const result = await failing['export:run']({ ids: [job2.id], format: 'obj', nameTemplate: 'cube' });
    expect(result.results[0]!.message).toMatch(/is full, so cube_0\.png was not saved/);
    expect(readdirSync(target)).toEqual([]);
  });

  it('a folder Studio may not write in is a sentence naming it', async () => {
    const { library, folder, handlers } = await setup({ fs: { ...fsp, open: (async () => { throw errno('EACCES'); }) as ExportFs['open'] } });
    const job = await completedJob(library, await sourceFiles('stl'));
    const result = await handlers['export:run']({ ids: [job.id], format: 'stl' });
    expect(result.message).toBe(`Nothing was exported. Studio is not allowed to write in “${folder}”. Choose another folder, or check its permissions.`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a folder that vanished (drive unplugged) says so before converting anything', async () => {
    const { library, folder, handlers } = await setup();
    const job = await completedJob(library, await sourceFiles('stl'));
    rmSync(folder, { recursive: true });
    const result = await handlers['export:run']({ ids: [job.id], format: 'stl' });
    expect(result.message).toBe(`Nothing was exported. The export folder “${folder}” is not there any more (a drive may have been unplugged or the folder moved). Choose another folder.`);
    expect((await handlers['export:reveal'](undefined)).ok).toBe(false);
  });

  it.each([
    ['CON', '_CON.stl'],
    ['nul.tar', '_nul.tar.stl'],
    ['COM1 ', '_COM1.stl'],
    ['name...', 'name.stl'],
    ['a:b|c?d*e<f>"g', 'a-b-c-d-e-f-g.stl'],
    ['../../etc/passwd', 'etc-passwd.stl'],
    ['..\\..\\Windows\\x', 'Windows-x.stl'],
    ['.hidden', 'hidden.stl'],
    ['  spaced out  ', 'spaced out.stl'],
    ['tab\there\u0000nul', 'tab-here-nul.stl'],
  ])('the template %j becomes %j, inside the folder', async (template, expected) => {
    const { library, folder, handlers } = await setup();
    const job = await completedJob(library, await sourceFiles('stl'));
    const result = await handlers['export:run']({ ids: [job.id], format: 'stl', nameTemplate: template });
    expect(result.results[0]!.files).toEqual([expected]);
    expect(readdirSync(folder)).toEqual([expected]);
  });

  it('a long name is cut so the whole path fits Windows’ 260 characters', async () => {
    const { library, folder } = await setup();
    const deep = path.join(folder, 'd'.repeat(100), 'e'.repeat(100));
    mkdirSync(deep, { recursive: true });
    const job = await completedJob(library, await sourceFiles('stl'));
    const { handlers: deepHandlers } = await setup({ defaultFolder: deep, library: async () => library });
    const result = await deepHandlers['export:run']({ ids: [job.id], format: 'stl', nameTemplate: 'x'.repeat(120) });
    const file = result.results[0]!.files[0]!;
    expect(path.join(deep, file).length).toBeLessThanOrEqual(259);
    expect(file).toMatch(/^x+\.stl$/);
  });

  it('a folder too deep for any name is a sentence, not a broken file', async () => {
    const { library, folder } = await setup();
    const deeper = path.join(folder, 'a'.repeat(120), 'b'.repeat(120));
    mkdirSync(deeper, { recursive: true });
    const job = await completedJob(library, await sourceFiles('stl'));
    const { handlers } = await setup({ defaultFolder: deeper, library: async () => library });
    const result = await handlers['export:run']({ ids: [job.id], format: 'stl' });
    expect(result.message).toMatch(/is so deep that Windows could not open files in it\. Choose a folder nearer the top of the disk\.$/);
    expect(readdirSync(deeper)).toEqual([]);
  });

  it('a job still running or gone is a sentence; the others in the selection still export', async () => {
    const { library, handlers, folder } = await setup();
    const done = await completedJob(library, await sourceFiles('stl'));
    const running = await library.createJob((await import('../library/helpers')).newJob(), []);
    const result = await handlers['export:run']({ ids: [done.id, running.id, '00000000-0000-4000-8000-000000000000'], format: 'stl', nameTemplate: '{id}' });
    expect(result.results.map((r) => r.ok)).toEqual([true, false, false]);
    expect(result.results[1]!.message).toBe('“Hunyuan3D 2.1” has no model to export: the job is queued.');
    expect(result.results[2]!.message).toBe('This job is not in History any more, so it cannot be exported.');
    expect(result.message).toMatch(/^Exported 1 of 3 models to “.*”\. Not exported: “Hunyuan3D 2.1” has no model/);
    expect(readdirSync(folder)).toEqual([`${done.id.slice(0, 8)}.stl`]);
  });

  it('a job folder deleted behind the app’s back is a sentence', async () => {
    const { library, handlers } = await setup();
    const job = await completedJob(library, await sourceFiles('glb'));
    rmSync(library.outputsDir(job.id), { recursive: true });
    const result = await handlers['export:run']({ ids: [job.id], format: 'glb' });
    expect(result.results[0]!.message).toBe('This job’s files are not in its folder any more, so there is nothing to export. Run the job again to get them back.');
  });

  it('a big conversion runs off the main thread: the event loop keeps answering', async () => {
    const { library, handlers, folder } = await setup();
    const job = await completedJob(library, { primary: 'model.glb', files: [{ name: 'model.glb', bytes: sphereGlb(400_000) }] });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const result = await handlers['export:run']({ ids: [job.id], format: 'obj', nameTemplate: 'big', simplifyTo: 100_000 });
    const took = performance.now() - started;
    delay.disable();
    expect(result.results[0]!.ok).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['big.mtl', 'big.obj']);
    // Had the conversion run on this loop, it would have stalled it for as long as it took: so it
    // must take well over the lag allowed below for that bound to prove anything (≈ 0.9–3 s here).
    const allowedLagMs = 200;
    expect(took).toBeGreaterThan(2 * allowedLagMs);
    expect(delay.max / 1e6).toBeLessThan(allowedLagMs);
  }, 120_000);
});
