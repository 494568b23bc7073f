import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadAsset } from '../../../src/main/core/downloads/download-asset';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { makeZip, mtlText, objText, type FixtureEntry } from './zip-fixture';

let outputs: string;
let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'hy3d-zip-'));
  outputs = path.join(root, 'outputs');
  await import('node:fs/promises').then((fs) => fs.mkdir(outputs));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function unpack(entries: FixtureEntry[], maxBytes?: number) {
  return downloadAsset({ provider: 'vtrix', asset: { bytes: makeZip(entries), format: 'obj' }, outputsDir: outputs, baseName: 'model', endpoint: 'https://api.vtrix.ai', maxBytes });
}

async function refused(entries: FixtureEntry[], maxBytes?: number): Promise<ProviderError> {
  try {
    await unpack(entries, maxBytes);
  } catch (error) {
    expect(await readdir(root, { recursive: true })).toEqual(['outputs']);
    return error as ProviderError;
  }
  throw new Error('the zip was accepted');
}

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

describe('unpacking a zipped OBJ into the outputs folder', () => {
  it('writes OBJ, MTL and texture under their own names; the .obj is the primary file', async () => {
    const out = await unpack([
      { name: 'model.obj', data: objText },
      { name: 'model.mtl', data: mtlText, method: 0 },
      { name: 'textures/', method: 0, mode: 0o040755 },
      { name: 'textures/texture.png', data: png },
    ]);
    expect(out.primary).toBe('model.obj');
    expect(out.files).toEqual([
      { name: 'model.obj', format: 'obj', bytes: objText.length, sha256: sha(objText) },
      { name: 'model.mtl', format: 'mtl', bytes: mtlText.length, sha256: sha(mtlText) },
      { name: 'textures/texture.png', format: 'png', bytes: png.length, sha256: sha(png) },
    ]);
    expect(await readFile(path.join(outputs, 'model.obj'), 'utf8')).toBe(objText);
    expect((await readdir(outputs, { recursive: true })).sort()).toEqual(['model.mtl', 'model.obj', 'textures', 'textures/texture.png']);
  });

  it.each([
    ['../evil.obj', 'a file that would land outside the job’s folder (“../evil.obj”)'],
    ['textures/../../evil.png', 'a file that would land outside the job’s folder (“textures/../../evil.png”)'],
    ['..\\..\\evil.png', 'a file that would land outside the job’s folder (“..\\..\\evil.png”)'],
    ['/etc/cron.d/evil', 'a file with an absolute path (“/etc/cron.d/evil”)'],
    ['C:\\Windows\\evil.dll', 'a file with an absolute path (“C:\\Windows\\evil.dll”)'],
    ['c:evil.dll', 'a file with an absolute path (“c:evil.dll”)'],
    ['CON.png', 'a file whose name cannot be saved safely (“CON.png”)'],
    ['a\u0000.png', 'a file whose name cannot be saved safely (“a?.png”)'],
    ['sneaky.part', 'a file whose name cannot be saved safely (“sneaky.part”)'],
  ])('refuses the entry %j and leaves nothing behind', async (name, what) => {
    const err = await refused([{ name: 'model.obj', data: objText }, { name, data: 'x' }]);
    expect(err.kind).toBe('malformed');
    expect(err.message).toBe(`The zip from Vtrix contains ${what}; nothing from it was saved.`);
  });

  it('refuses a symlink entry (unix mode in the external attributes)', async () => {
    const err = await refused([{ name: 'model.obj', data: objText }, { name: 'texture.png', data: '/etc/passwd', method: 0, mode: 0o120777 }]);
    expect(err.message).toBe('The zip from Vtrix contains a link or special file (“texture.png”), which the app never unpacks; nothing from it was saved.');
  });

  it('refuses more than 200 entries before unpacking any', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ name: `t${i}.png`, data: 'x', method: 0 }));
    const err = await refused([{ name: 'model.obj', data: objText }, ...many]);
    expect(err.kind).toBe('too-large');
    expect(err.message).toBe('The zip from Vtrix holds 202 files, more than the 200 the app unpacks; nothing from it was saved.');
  });

  it('refuses a ratio bomb from its directory', async () => {
    const err = await refused([{ name: 'model.obj', data: objText + ' '.repeat(12 * 1024 * 1024) }]);
    expect(err.kind).toBe('too-large');
    expect(err.message).toMatch(/^The zip from Vtrix contains a file that would expand \d+ times \(“model\.obj”\), which looks like a zip bomb; nothing from it was saved\.$/);
  });

  it('refuses a zip whose total would pass the cap', async () => {
    const big = 'v 0 0 0\n'.repeat(40_000);
    const err = await refused([{ name: 'model.obj', data: big }, { name: 'b.obj', data: big }], 500_000);
    expect(err.kind).toBe('too-large');
    expect(err.message).toBe('The zip from Vtrix would unpack to more than 488 KB, more than the app accepts; nothing from it was saved.');
  });

  it('counts real inflated bytes: an entry that lies about its size is refused, and the files before it are removed', async () => {
    const err = await refused([
      { name: 'model.obj', data: objText },
      { name: 'texture.png', data: Buffer.alloc(300_000, 7), declaredSize: 1000 },
    ]);
    expect(err.message).toBe('The zip from Vtrix is damaged or lying: (“texture.png”) unpacks to more than the size it declares; nothing from it was saved.');
  });

  it('refuses two directory records that point at the same bytes (how overlap bombs multiply)', async () => {
    const err = await refused([{ name: 'model.obj', data: objText }, { name: 'b.obj', sameDataAs: 0 }]);
    expect(err.message).toBe('The zip from Vtrix is damaged (a file is named two different ways); nothing from it was saved.');
  });

  it('refuses a checksum mismatch, a zip without an OBJ, and an OBJ that is not one', async () => {
    expect((await refused([{ name: 'model.obj', data: objText, declaredCrc: 1 }])).message).toBe('The zip from Vtrix is damaged: (“model.obj”) does not match its checksum; nothing from it was saved.');
    expect((await refused([{ name: 'a.png', data: png }, { name: 'b.png', data: png }])).message).toBe('The zip from Vtrix has no OBJ model in it; nothing from it was saved.');
    expect((await refused([{ name: 'model.obj', data: png }])).message).toBe('The zip from Vtrix has an OBJ file that is not an OBJ model (“model.obj”); nothing from it was saved.');
  });

  it('refuses two entries that would be the same file on a case-insensitive disk', async () => {
    const err = await refused([{ name: 'model.obj', data: objText }, { name: 'MODEL.OBJ', data: objText }]);
    expect(err.message).toBe('The zip from Vtrix contains the same file twice (“MODEL.OBJ”); nothing from it was saved.');
  });

  it('refuses encrypted entries', async () => {
    const err = await refused([{ name: 'model.obj', data: objText, flags: 1 }]);
    expect(err.message).toBe('The zip from Vtrix contains an encrypted file (“model.obj”); nothing from it was saved.');
  });
});
