/** Units, up axis, simplify, name template, never overwrite, sidecar, multi-selection, folder memory. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, NodeIO } from '@gltf-transform/core';
import validator from 'gltf-validator';
import { describe, expect, it } from 'vitest';
import { createExportHandlers } from '../../../src/main/core/export/channels';
import { createMemoryLog } from '../../../src/main/core/log';
import { completedJob, setup, sourceFiles, tempDir } from './helpers';
import { loadObj, stlTriangles, trianglesOf } from './three-node';

/** One triangle (0,0,0) (1,0,0) (0,2,0): lopsided, so a wrong axis or scale shows. */
async function triangleGlb(): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array([0, 0, 0, 1, 0, 0, 0, 2, 0])).setBuffer(buffer));
  doc.getRoot().setDefaultScene(doc.createScene().addChild(doc.createNode().setMesh(doc.createMesh().addPrimitive(prim))));
  return new NodeIO().writeBinary(doc);
}

describe('export options', () => {
  it('writes millimetres Z-up when asked', async () => {
    const { library, folder, handlers } = await setup();
    const job = await completedJob(library, { primary: 'model.glb', files: [{ name: 'model.glb', bytes: await triangleGlb() }] });
    await handlers['export:run']({ ids: [job.id], format: 'stl', nameTemplate: 'tri', units: 'mm', upAxis: 'z' });
    const { positions } = stlTriangles(new Uint8Array(readFileSync(path.join(folder, 'tri.stl'))));
    // Y-up metres (0,2,0) becomes Z-up millimetres (0,0,2000).
    expect(Array.from(positions).map((x) => Math.round(x) + 0)).toEqual([0, 0, 0, 1000, 0, 0, 0, 0, 2000]);
  });

  it('simplifies to the requested triangle count, still a valid GLB', async () => {
    const { library, folder, handlers } = await setup();
    const job = await completedJob(library, await sourceFiles('glb'));
    const result = await handlers['export:run']({ ids: [job.id], format: 'glb', nameTemplate: 'low', simplifyTo: 500 });
    expect(result.results[0]!.message).toMatch(/with \d+ of its 2,304 triangles/);
    const report = await validator.validateBytes(new Uint8Array(readFileSync(path.join(folder, 'low.glb'))));
    expect(report.issues.numErrors, JSON.stringify(report.issues.messages)).toBe(0);
    expect(report.info!.totalTriangleCount).toBeLessThanOrEqual(500);
    expect(report.info!.totalTriangleCount).toBeGreaterThan(400);

    await handlers['export:run']({ ids: [job.id], format: 'obj', nameTemplate: 'low', simplifyTo: 300 });
    const obj = loadObj(new Uint8Array(readFileSync(path.join(folder, 'low.obj'))), null);
    expect(trianglesOf(obj.root)).toBeLessThanOrEqual(300);
    expect(trianglesOf(obj.root)).toBeGreaterThan(240);
  });

  it('fills the name template and never overwrites: -1, -2, the artist’s file untouched', async () => {
    const { library, folder, handlers } = await setup();
    const job = await completedJob(library, await sourceFiles('stl'), { params: { seed: 42 } });
    const d = new Date(job.createdAt);
    const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const name = `Hunyuan3D 2.1-${date}-42`;
    writeFileSync(path.join(folder, `${name}.stl`), 'the artist’s own file');
    const first = await handlers['export:run']({ ids: [job.id], format: 'stl' });
    const second = await handlers['export:run']({ ids: [job.id], format: 'stl' });
    expect(first.results[0]!.files).toEqual([`${name}-1.stl`]);
    expect(second.results[0]!.files).toEqual([`${name}-2.stl`]);
    expect(readFileSync(path.join(folder, `${name}.stl`), 'utf8')).toBe('the artist’s own file');
    expect(first.message).toBe(`Exported “Hunyuan3D 2.1” as ${name}-1.stl to “${folder}”.`);
  });

  it('exports a multi-selection in one go, each under its own name', async () => {
    const { library, folder, handlers } = await setup();
    const a = await completedJob(library, await sourceFiles('glb'));
    const b = await completedJob(library, await sourceFiles('obj'));
    const result = await handlers['export:run']({ ids: [a.id, b.id], format: 'obj', nameTemplate: '{model}-{id}' });
    expect(result.message).toBe(`Exported 2 models to “${folder}”.`);
    expect(readdirSync(folder).sort()).toEqual([`Hunyuan3D 2.1-${a.id.slice(0, 8)}.mtl`, `Hunyuan3D 2.1-${a.id.slice(0, 8)}.obj`, `Hunyuan3D 2.1-${a.id.slice(0, 8)}_0.png`, `Hunyuan3D 2.1-${b.id.slice(0, 8)}.mtl`, `Hunyuan3D 2.1-${b.id.slice(0, 8)}.obj`, `Hunyuan3D 2.1-${b.id.slice(0, 8)}_0.png`].sort());
  });

  it('writes a sidecar with provenance and nothing the provider or the vault holds', async () => {
    const { library, folder, handlers } = await setup();
    const secret = 'sk-live-SIDECAR-CANARY-0123456789';
    const job = await completedJob(library, await sourceFiles('ply'), {
      remote: { provider: 'wavespeed', id: `remote-${secret}` },
      prepared: { uploads: [`https://uploads.example/x?token=${secret}`] },
    });
    await handlers['export:run']({ ids: [job.id], format: 'ply', nameTemplate: 'p', sidecar: true });
    const text = readFileSync(path.join(folder, 'p.json'), 'utf8');
    expect(text).not.toContain(secret);
    const side = JSON.parse(text) as Record<string, unknown> & { model: { id: string }; inputs: { sha256: string }[]; export: { triangles: number; format: string } };
    expect(side).toMatchObject({ job: job.id, provider: 'wavespeed', seed: 7, parameters: { seed: 7, textured: true } });
    expect(side.model.id).toBe('wavespeed/hunyuan3d/v2.1');
    expect(side.inputs.map((i) => i.sha256)).toEqual(job.inputs.filter((i) => i.role !== 'thumbnail').map((i) => i.sha256));
    expect(side.export).toMatchObject({ format: 'ply', triangles: 12, units: 'm', upAxis: 'y' });
  });

  it('remembers the chosen folder in main; a new session finds it', async () => {
    const chosen = tempDir('hy3d-chosen-');
    const { dataDir, handlers } = await setup({ shell: { trash: async () => undefined, reveal: () => undefined, chooseFolder: async () => chosen } });
    expect((await handlers['export:folder'](undefined)).folder).not.toBe(chosen);
    expect(await handlers['export:choose-folder'](undefined)).toEqual({ folder: chosen });
    expect(JSON.parse(readFileSync(path.join(dataDir, 'export.json'), 'utf8'))).toEqual({ folder: chosen });
    const later = createExportHandlers({ library: async () => { throw new Error('unused'); }, log: createMemoryLog(), dataDir });
    expect(await later['export:folder'](undefined)).toEqual({ folder: chosen });
  });

  it('says FBX is unavailable and why, and refuses to run it', async () => {
    const { library, handlers, folder } = await setup();
    const fbx = (await handlers['export:formats'](undefined)).find((f) => f.id === 'fbx')!;
    expect(fbx.available).toBe(false);
    expect(fbx.why).toMatch(/Blender/);
    const job = await completedJob(library, await sourceFiles('glb'));
    await expect(handlers['export:run']({ ids: [job.id], format: 'fbx' })).rejects.toThrow(/FBX/);
    expect(existsSync(folder) && readdirSync(folder)).toEqual([]);
  });
});
