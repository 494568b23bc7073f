import { strFromU8, unzipSync } from 'fflate';
import { validateBytes } from 'gltf-validator';
import { describe, expect, it } from 'vitest';
import { matchesFormat } from '../../../src/main/core/downloads/magic';
import { modelFile } from '../../sim/models';

describe('model files the simulator serves', () => {
  it('the GLB is valid glTF 2.0 with an embedded texture (Khronos validator)', async () => {
    const report = await validateBytes(await modelFile('glb'));
    expect(report.issues.numErrors).toBe(0);
    expect(report.issues.numWarnings).toBe(0);
    expect(report.info?.hasTextures).toBe(true);
    expect(report.info?.totalTriangleCount).toBe(12);
  });

  it('the OBJ zip holds the mesh, its MTL and the texture it names', async () => {
    const files = unzipSync(await modelFile('obj'));
    expect(Object.keys(files).sort()).toEqual(['model.mtl', 'model.obj', 'texture.png']);
    const obj = strFromU8(files['model.obj']!);
    expect(obj).toContain('mtllib model.mtl');
    expect(obj.match(/^f /gm)).toHaveLength(12);
    expect(strFromU8(files['model.mtl']!)).toContain('map_Kd texture.png');
    expect(Buffer.from(files['texture.png']!.subarray(1, 4)).toString()).toBe('PNG');
  });

  it('the STL is binary with a length that matches its triangle count', async () => {
    const stl = await modelFile('stl');
    expect(Buffer.from(stl.subarray(0, 5)).toString()).not.toBe('solid');
    expect(new DataView(stl.buffer, stl.byteOffset).getUint32(80, true)).toBe(12);
    expect(stl.length).toBe(84 + 12 * 50);
  });

  it('the PLY header declares what follows', async () => {
    const lines = Buffer.from(await modelFile('ply')).toString().trim().split('\n');
    const end = lines.indexOf('end_header');
    expect(lines[0]).toBe('ply');
    expect(lines).toContain('element vertex 24');
    expect(lines.length - end - 1).toBe(24 + 12);
  });

  it.each(['glb', 'obj', 'stl', 'ply', 'usdz', 'fbx', 'mp4'] as const)('%s passes the app’s magic-byte check, and no other format’s', async (format) => {
    const bytes = await modelFile(format);
    expect(matchesFormat(bytes, format)).toBe(true);
    expect(matchesFormat(bytes, format === 'glb' ? 'stl' : 'glb')).toBe(false);
  });
});

describe('the magic-byte check for the formats a person opens (the shared ModelFormat vocabulary)', () => {
  it('a zip is a zip whatever it holds, and a GLB is not one', async () => {
    expect(matchesFormat(await modelFile('obj'), 'zip')).toBe(true);
    expect(matchesFormat(await modelFile('usdz'), 'zip')).toBe(true);
    expect(matchesFormat(await modelFile('glb'), 'zip')).toBe(false);
  });

  it('glTF text is JSON with an asset block; a GLB, other JSON or an OBJ is not', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(matchesFormat(text('\n {"asset":{"version":"2.0"},"scenes":[]}'), 'gltf')).toBe(true);
    expect(matchesFormat(await modelFile('glb'), 'gltf')).toBe(false);
    expect(matchesFormat(text('{"error":"not found"}'), 'gltf')).toBe(false);
    expect(matchesFormat(text('v 0 0 0\n'), 'gltf')).toBe(false);
  });
});
