/**
 * Every export format from every fixture model (textured GLB, OBJ zip, PLY, STL), judged from the
 * outside: GLBs by Khronos' validator, every file re-imported with three's loaders with the
 * triangle count of the source, textures where the format carries them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import validator from 'gltf-validator';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import type { ExportFormat } from '../../../src/shared/export';
import { completedJob, setup, sourceFiles, type Source } from './helpers';
import { loadGlb, loadObj, loadUsdz, plyGeometry, stlTriangles, textureSizes, trianglesOf } from './three-node';

async function sourceTriangles(source: Source): Promise<number> {
  if (source !== 'glb') return 12; // the fixture cube: 6 quads
  const report = await validator.validateBytes((await sourceFiles('glb')).files[0]!.bytes);
  return report.info!.totalTriangleCount;
}

const textured: Record<Source, boolean> = { glb: true, obj: true, ply: false, stl: false };

describe.each(['glb', 'obj', 'ply', 'stl'] as Source[])('exporting a %s result', (source) => {
  it.each(['glb', 'obj', 'stl', 'ply', 'usdz'] as ExportFormat[])('as %s re-imports with the same triangles', async (format) => {
    const { library, folder, handlers } = await setup();
    const job = await completedJob(library, await sourceFiles(source));
    const result = await handlers['export:run']({ ids: [job.id], format, nameTemplate: 'export' });
    expect(result.message).toMatch(/^Exported/);
    expect(result.results[0]!.ok).toBe(true);
    const read = (name: string) => new Uint8Array(readFileSync(path.join(folder, name)));
    const want = await sourceTriangles(source);

    if (format === 'glb') {
      const bytes = read('export.glb');
      const report = await validator.validateBytes(bytes);
      expect(report.issues.numErrors, JSON.stringify(report.issues.messages)).toBe(0);
      const scene = await loadGlb(bytes);
      expect(trianglesOf(scene)).toBe(want);
      if (textured[source]) expect(await textureSizes(scene)).toEqual(['64x64']);
    } else if (format === 'obj') {
      const mtl = read('export.mtl');
      const { root, maps } = loadObj(read('export.obj'), mtl);
      expect(trianglesOf(root)).toBe(want);
      if (textured[source]) {
        expect(maps).toHaveLength(1);
        // The MTL names a picture that sits beside it and really is the 64 × 64 texture.
        const meta = await sharp(read(maps[0]!)).metadata();
        expect([meta.width, meta.height]).toEqual([64, 64]);
      }
    } else if (format === 'stl') {
      expect(stlTriangles(read('export.stl')).triangles).toBe(want);
    } else if (format === 'ply') {
      expect(plyGeometry(read('export.ply')).triangles).toBe(want);
    } else {
      const bytes = read('export.usdz');
      const entries = Object.keys(unzipSync(bytes));
      expect(entries[0]).toBe('export.usda');
      const root = loadUsdz(bytes);
      expect(trianglesOf(root)).toBe(want);
      if (textured[source]) expect(await textureSizes(root)).toEqual(['64x64']);
    }
  });
});
