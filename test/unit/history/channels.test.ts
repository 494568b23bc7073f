/**
 * History through `window.studio` over a real core (library on disk, engine against the simulator):
 * what the page gets back, what lands in the job folders, what the desktop shell is asked to do.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DesktopShell } from '../../../src/main/core/shell';
import { engineCoresAgainstSim, picture } from '../../support/engine-core';

const { engineCore } = engineCoresAgainstSim();
const segmind = 'segmind/hunyuan-3d-2';

/** A shell that really moves folders into a trash folder of its own, and notes what it was asked. */
function recordingShell() {
  const trashDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-trash-'));
  const calls: string[] = [];
  const shell: DesktopShell = {
    trash: async (full) => {
      calls.push(`trash ${full}`);
      renameSync(full, path.join(trashDir, path.basename(full)));
    },
    reveal: (full) => void calls.push(`reveal ${full}`),
    chooseFolder: async () => null,
  };
  return { shell, calls, trashDir };
}

async function twoJobs(opts: { shell?: DesktopShell } = {}) {
  const made = engineCore(opts);
  const changed: string[] = [];
  made.core.onEvent((event, payload) => {
    if (event === 'library:changed') changed.push((payload as { id: string }).id);
  });
  const submit = async (name: string, seed: number) =>
    made.studio.jobs.submit({ modelId: segmind, params: {}, inputs: { kind: 'image', image: { name, bytes: await picture(seed) } } });
  const chair = await submit('Old oak chair.jpg', 11);
  const lamp = await submit('brass-lamp.jpg', 12);
  await made.waitFor(chair.id);
  await made.waitFor(lamp.id);
  return { ...made, chair, lamp, changed, folder: (id: string) => path.join(made.dataDir, 'library', 'jobs', id) };
}

describe('History through the library channels', () => {
  it('finds a job by its dropped file name, opens it with asset:// URLs, and keeps a favourite and tags in job.json', async () => {
    const { studio, chair, lamp, changed, folder } = await twoJobs();
    const all = await studio.library.list({});
    expect(all.total).toBe(2);
    expect(all.items.map((i) => i.id)).toEqual([lamp.id, chair.id]);
    const found = await studio.library.list({ text: 'oak chair' });
    expect(found.items.map((i) => i.id)).toEqual([chair.id]);
    expect(found.items[0]).toMatchObject({
      state: 'completed', inputNames: ['Old oak chair.jpg'], favourite: false, missing: false,
      inputThumbnail: `asset://library/${chair.id}/inputs/thumbnail.webp`, resultThumbnail: null,
    });

    const detail = await studio.library.get({ id: chair.id });
    expect(detail.inputs).toEqual([expect.objectContaining({ role: 'image', name: 'Old oak chair.jpg', url: `asset://library/${chair.id}/inputs/image.jpg` })]);
    expect(detail.outputs[0]!.url).toBe(`asset://library/${chair.id}/outputs/${encodeURIComponent(detail.outputs[0]!.name)}`);
    expect(detail.item.modelLabel).toBeTruthy();
    expect(JSON.stringify(detail)).not.toContain(folder(chair.id));

    const marked = await studio.library.update({ id: chair.id, favourite: true, tags: ['hero', 'Hero', 'print'], note: 'for the diorama' });
    expect(marked).toMatchObject({ favourite: true, tags: ['hero', 'print'], note: 'for the diorama' });
    expect(changed).toContain(chair.id);
    expect(JSON.parse(readFileSync(path.join(folder(chair.id), 'job.json'), 'utf8'))).toMatchObject({ favourite: true, tags: ['hero', 'print'], note: 'for the diorama' });
    expect((await studio.library.list({ favourite: true })).items.map((i) => i.id)).toEqual([chair.id]);
    expect((await studio.library.list({ text: 'diorama' })).items.map((i) => i.id)).toEqual([chair.id]);
  });

  it('shows a job whose folder was deleted behind the app’s back as missing, and forgets only such a job', async () => {
    const { studio, chair, lamp, folder } = await twoJobs();
    await expect(studio.library.forget({ id: lamp.id })).rejects.toThrow('This job’s folder is still there, so it is not forgotten. Move it to the trash to delete it.');
    rmSync(folder(chair.id), { recursive: true });

    const page = await studio.library.list({});
    expect(page.items.find((i) => i.id === chair.id)).toMatchObject({ missing: true, inputThumbnail: null });
    expect(page.items.find((i) => i.id === lamp.id)).toMatchObject({ missing: false });
    await expect(studio.library.rerun({ id: chair.id })).rejects.toThrow('This job’s folder is gone, so its pictures cannot be sent again.');
    expect(await studio.library.forget({ id: chair.id })).toEqual({ ok: true, message: 'Forgotten: the job is no longer in History.' });
    expect((await studio.library.list({})).items.map((i) => i.id)).toEqual([lamp.id]);
    await expect(studio.library.get({ id: chair.id })).rejects.toThrow('That job is no longer in History.');
  });

  it('trashes exactly the job’s folder through the shell, then drops it from History; without a shell it says so', async () => {
    const { shell, calls, trashDir } = recordingShell();
    const { studio, chair, lamp, folder, changed } = await twoJobs({ shell });
    expect(await studio.library.trash({ id: chair.id })).toMatchObject({ ok: true });
    expect(calls).toEqual([`trash ${folder(chair.id)}`]);
    expect(existsSync(path.join(trashDir, chair.id, 'job.json'))).toBe(true);
    expect(existsSync(folder(lamp.id))).toBe(true);
    expect((await studio.library.list({})).items.map((i) => i.id)).toEqual([lamp.id]);
    expect(changed).toContain(chair.id);

    await studio.library.reveal({ id: lamp.id });
    const primary = (await studio.jobs.get({ id: lamp.id })).outputs[0]!.name;
    expect(calls.at(-1)).toBe(`reveal ${path.join(folder(lamp.id), 'outputs', primary)}`);

    const bare = await twoJobs();
    await expect(bare.studio.library.trash({ id: bare.chair.id })).rejects.toThrow('This window cannot move files to the trash; open the job’s folder from the Studio app.');
    expect(existsSync(bare.folder(bare.chair.id))).toBe(true);
  });

  it('stores the viewport’s WebP as the result thumbnail and refuses anything else', async () => {
    const { studio, chair, folder } = await twoJobs();
    const webp = new Uint8Array(await sharp({ create: { width: 64, height: 64, channels: 3, background: '#468' } }).webp().toBuffer());
    const png = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#468' } }).png().toBuffer());
    await expect(studio.library['set-thumbnail']({ id: chair.id, bytes: png })).rejects.toThrow('The thumbnail is not a WebP picture, so it was not saved.');
    await expect(studio.library['set-thumbnail']({ id: chair.id, bytes: webp.subarray(0, webp.length - 10) })).rejects.toThrow('The thumbnail is cut short or has bytes after its end, so it was not saved.');
    expect(existsSync(path.join(folder(chair.id), 'thumb.webp'))).toBe(false);

    expect(await studio.library['set-thumbnail']({ id: chair.id, bytes: webp })).toEqual({ ok: true, message: 'Thumbnail saved.' });
    expect(new Uint8Array(readFileSync(path.join(folder(chair.id), 'thumb.webp')))).toEqual(webp);
    expect((await studio.library.get({ id: chair.id })).item.resultThumbnail).toBe(`asset://library/${chair.id}/thumb/thumb.webp`);
  });

  it('runs a job again from its stored pictures and parameters, and hands them back for Duplicate & tweak', async () => {
    const { studio, chair, folder, waitFor } = await twoJobs();
    const again = await studio.library.rerun({ id: chair.id });
    expect(again.id).not.toBe(chair.id);
    expect((await waitFor(again.id)).state).toBe('completed');
    const manifest = (id: string) => JSON.parse(readFileSync(path.join(folder(id), 'job.json'), 'utf8')) as { inputs: { role: string; sha256: string; originalName?: string }[]; params: unknown; modelId: string };
    expect(manifest(again.id).inputs).toEqual(manifest(chair.id).inputs);
    expect(manifest(again.id)).toMatchObject({ params: manifest(chair.id).params, modelId: segmind });
    expect((await studio.library.list({ text: 'oak' })).total).toBe(2);

    const dup = await studio.library.duplicate({ id: chair.id });
    expect(dup).toMatchObject({ modelId: segmind, params: manifest(chair.id).params, text: null });
    expect(dup.pictures.map((p) => [p.role, p.name])).toEqual([['image', 'Old oak chair.jpg']]);
    expect(new Uint8Array(dup.pictures[0]!.bytes)).toEqual(new Uint8Array(readFileSync(path.join(folder(chair.id), 'inputs', 'image.jpg'))));
  });

  it('rebuilds the index on demand and says how many jobs it found', async () => {
    const { studio, chair } = await twoJobs();
    await studio.library.update({ id: chair.id, favourite: true });
    expect(await studio.library.rebuild()).toEqual({ jobs: 2, message: 'History was rebuilt from the job folders: 2 jobs.' });
    expect((await studio.library.list({ favourite: true })).items.map((i) => i.id)).toEqual([chair.id]);
  });
});
