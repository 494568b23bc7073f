/** The viewport's logic that needs no WebGL: key mapping, format sniffing, header checks, stats. */
import { Bone, InstancedMesh, Skeleton, SkinnedMesh, BoxGeometry, Mesh, MeshStandardMaterial, Group, Texture, Points, BufferGeometry, Float32BufferAttribute } from 'three';
import { describe, expect, it, vi } from 'vitest';
import { disposeModel } from '../../src/renderer/viewport/disposal';
import { ModelResources } from '../../src/renderer/viewport/resources';
import { commandForKey, dragModeFor, type KeyPress } from '../../src/renderer/viewport/keymap';
import { sniffFormat } from '../../src/renderer/viewport/formats';
import { preflight } from '../../src/renderer/viewport/preflight';
import { computeStats, formatSize } from '../../src/renderer/viewport/stats';
import { nextShading } from '../../src/renderer/viewport/shading-modes';
import { zipGuard } from '../../src/renderer/viewport/loaders/zip-limits';
import { unzipSync } from 'fflate';
import * as models from '../fixtures/models';

const key = (code: string, extra: Partial<KeyPress> = {}): KeyPress => ({ code, key: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra });

describe('Blender key mapping', () => {
  it('maps numpad 1/3/7 to front/right/top and Ctrl to the opposite side', () => {
    expect(commandForKey(key('Numpad1'))).toEqual({ kind: 'view', view: 'front' });
    expect(commandForKey(key('Numpad3'))).toEqual({ kind: 'view', view: 'right' });
    expect(commandForKey(key('Numpad7'))).toEqual({ kind: 'view', view: 'top' });
    expect(commandForKey(key('Numpad1', { ctrlKey: true }))).toEqual({ kind: 'view', view: 'back' });
    expect(commandForKey(key('Numpad3', { ctrlKey: true }))).toEqual({ kind: 'view', view: 'left' });
    expect(commandForKey(key('Numpad7', { ctrlKey: true }))).toEqual({ kind: 'view', view: 'bottom' });
  });

  it('toggles projection on 5, frames on . and Home, cycles shading on Z', () => {
    expect(commandForKey(key('Numpad5'))).toEqual({ kind: 'toggle-projection' });
    expect(commandForKey(key('NumpadDecimal'))).toEqual({ kind: 'frame' });
    expect(commandForKey(key('Period', { key: '.' }))).toEqual({ kind: 'frame' });
    expect(commandForKey(key('Home'))).toEqual({ kind: 'frame' });
    expect(commandForKey(key('KeyZ', { key: 'z' }))).toEqual({ kind: 'cycle-shading' });
  });

  it('lets Ctrl+Z, Alt and Cmd shortcuts and ordinary letters through', () => {
    expect(commandForKey(key('KeyZ', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(key('Numpad1', { metaKey: true }))).toBeNull();
    expect(commandForKey(key('Numpad1', { altKey: true }))).toBeNull();
    expect(commandForKey(key('KeyA', { key: 'a' }))).toBeNull();
  });

  it('orbits on middle drag and Alt+left, pans with Shift, ignores a plain left drag', () => {
    expect(dragModeFor(1, { altKey: false, shiftKey: false })).toBe('orbit');
    expect(dragModeFor(1, { altKey: false, shiftKey: true })).toBe('pan');
    expect(dragModeFor(0, { altKey: true, shiftKey: false })).toBe('orbit');
    expect(dragModeFor(0, { altKey: false, shiftKey: false })).toBeNull();
    expect(dragModeFor(2, { altKey: false, shiftKey: false })).toBeNull();
  });

  it('cycles Solid → Material → Wireframe → Normals → Solid', () => {
    expect(['solid', 'material', 'wireframe', 'normals'].map((m) => nextShading(m as never))).toEqual(['material', 'wireframe', 'normals', 'solid']);
  });
});

describe('format sniffing', () => {
  it('trusts magic bytes over the file name', async () => {
    expect(sniffFormat(await models.texturedGlb(), 'model.obj')).toBe('glb');
    expect(sniffFormat(models.plyBinary().bytes, 'x.stl')).toBe('ply');
    expect(sniffFormat(models.objZip().bytes, 'result.zip')).toBe('zip');
    expect(sniffFormat(models.usdzAscii().bytes, 'result.zip')).toBe('usdz');
    expect(sniffFormat(models.fbxAscii().bytes, 'model')).toBe('fbx');
    expect(sniffFormat(models.fbxBinary().bytes, 'model.bin')).toBe('fbx');
    expect(sniffFormat(models.stlAscii().bytes, 'model')).toBe('stl');
  });

  it('recognises binary STL and OBJ without an extension, and refuses the unknown', () => {
    expect(sniffFormat(models.stlBinary().bytes, 'download')).toBe('stl');
    expect(sniffFormat(new TextEncoder().encode(models.cubeObj), 'download')).toBe('obj');
    expect(sniffFormat(models.garbage().bytes, 'mystery.bin')).toBeNull();
  });
});

describe('header checks before parsing', () => {
  it('accepts good files', async () => {
    expect(() => preflight('glb', new Uint8Array(models.sphereGlb(2000)))).not.toThrow();
    expect(() => preflight('ply', models.plyBinary().bytes)).not.toThrow();
    expect(() => preflight('ply', models.plyAscii().bytes)).not.toThrow();
    expect(() => preflight('stl', models.stlBinary().bytes)).not.toThrow();
  });

  it('refuses absurd counts and truncation with a sentence', async () => {
    expect(() => preflight('ply', models.plyAbsurd().bytes)).toThrow(/^This PLY file is damaged: its header claims 2,147,483,648 vertices\.$/);
    expect(() => preflight('stl', models.stlAbsurd().bytes)).toThrow(/^This STL file is damaged/);
    expect(() => preflight('glb', models.glbAbsurd().bytes)).toThrow(/an accessor claims 2,147,483,648 elements/);
    const truncated = (await models.truncatedGlb()).bytes;
    expect(() => preflight('glb', truncated)).toThrow(/it ends after/);
    const shortStl = models.stlBinary().bytes.subarray(0, 300);
    expect(() => preflight('stl', shortStl)).toThrow(/promises 12 triangles but the file holds only 4/);
  });

  it('weighs a .gltf and accessors without data, not only GLB buffer views', () => {
    const tiny = models.gltfAbsurd();
    expect(tiny.bytes.length).toBe(238);
    expect(() => preflight('gltf', tiny.bytes)).toThrow(/^This glTF file is damaged: an accessor claims 400,000,000 elements\.$/);
    expect(() => preflight('glb', models.glbViewless().bytes)).toThrow(/^This GLB file is damaged: an accessor without data claims 150,000,000 elements\.$/);
    const bin = Buffer.alloc(36);
    const gltf = (count: number, uri: string) => new TextEncoder().encode(JSON.stringify({
      asset: { version: '2.0' }, meshes: [{ primitives: [{ attributes: { POSITION: 0 } }] }],
      accessors: [{ bufferView: 0, componentType: 5126, count, type: 'VEC3' }],
      bufferViews: [{ buffer: 0, byteLength: count * 12 }], buffers: [{ uri, byteLength: count * 12 }],
    }));
    expect(() => preflight('gltf', gltf(3, `data:application/octet-stream;base64,${bin.toString('base64')}`))).not.toThrow();
    expect(() => preflight('gltf', gltf(3000, `data:application/octet-stream;base64,${bin.toString('base64')}`))).toThrow(/a buffer view runs past the end of its buffer/);
    expect(() => preflight('gltf', gltf(3, 'cube.bin'))).not.toThrow();
    const twoHalves = new TextEncoder().encode(JSON.stringify({
      asset: { version: '2.0' }, meshes: [{ primitives: [{ attributes: { POSITION: 0 } }, { attributes: { POSITION: 1 } }] }],
      accessors: [0, 1].map((i) => ({ bufferView: i, componentType: 5126, count: 30_000_000, type: 'VEC3' })),
      bufferViews: [0, 1].map((i) => ({ buffer: i, byteLength: 360_000_000 })), buffers: [0, 1].map((i) => ({ uri: `${i}.bin`, byteLength: 360_000_000 })),
    }));
    expect(() => preflight('gltf', twoHalves)).toThrow(/^This glTF file is damaged: its meshes claim 60,000,000 vertices\.$/);
  });
});

describe('zip directory checks', () => {
  it('pass honest entries and refuse sizes and ratios no zip can have, before inflating', () => {
    const guard = zipGuard('zip');
    expect(guard({ name: 'a.obj', size: 1000, originalSize: 5000, compression: 8 })).toBe(true);
    expect(guard({ name: 'b.png', size: 5000, originalSize: 5000, compression: 0 })).toBe(true);
    expect(guard({ name: '__MACOSX/a.obj', size: 9, originalSize: 9, compression: 0 })).toBe(false);
    expect(() => guard({ name: 'c.obj', size: 70_000, originalSize: 100, compression: 8 })).toThrow(/^This ZIP file is damaged: "c\.obj" holds more data than it says it unpacks to\.$/);
    expect(() => guard({ name: 'd.obj', size: 101, originalSize: 100, compression: 0 })).toThrow(/holds more data/);
    expect(() => guard({ name: 'e.obj', size: 100, originalSize: 400_000, compression: 8 })).toThrow(/^This ZIP file is damaged: "e\.obj" claims to unpack to more than any zip could\.$/);
    const started = Date.now();
    expect(() => unzipSync(models.usdzBomb().bytes, { filter: zipGuard('usdz') })).toThrow(/^This USDZ file is damaged: "layer0\.usda"/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('model statistics', () => {
  it('counts triangles, vertices, unique materials and textures, and the bounding box', () => {
    const texture = new Texture({ width: 1024, height: 512 } as never);
    const small = new Texture({ width: 64, height: 64 } as never);
    const shared = new MeshStandardMaterial({ map: texture, normalMap: small });
    const root = new Group();
    root.add(new Mesh(new BoxGeometry(2, 1, 4), shared));
    const moved = new Mesh(new BoxGeometry(1, 1, 1), shared);
    moved.position.set(0, 5, 0);
    root.add(moved);
    const cloud = new BufferGeometry().setAttribute('position', new Float32BufferAttribute([0, 0, 0, 1, 1, 1], 3));
    root.add(new Points(cloud));
    const stats = computeStats(root);
    expect(stats).toMatchObject({ triangles: 24, vertices: 50, textures: 2, largestTexture: { width: 1024, height: 512 } });
    expect(stats.materials).toBe(2);
    expect(stats.size).toEqual({ x: 2, y: 6, z: 4 });
    expect(formatSize(stats.size)).toBe('2.00 × 6.00 × 4.00');
  });
});

describe('model statistics of instanced, unindexed and morphed meshes', () => {
  it('multiplies by instances, counts distinct positions without an index, and boxes a morphed mesh by its base shape', () => {
    const instanced = new InstancedMesh(new BoxGeometry(), new MeshStandardMaterial(), 4);
    expect(computeStats(instanced)).toMatchObject({ triangles: 48, vertices: 96 });
    const soup = new BoxGeometry(2, 2, 2).toNonIndexed();
    expect(soup.getAttribute('position').count).toBe(36);
    expect(computeStats(new Mesh(soup))).toMatchObject({ triangles: 12, vertices: 8 });
    const morphed = new BoxGeometry(2, 2, 2);
    const stretched = (morphed.getAttribute('position').array as Float32Array).map((v) => v * 10);
    morphed.morphAttributes.position = [new Float32BufferAttribute(stretched, 3)];
    expect(computeStats(new Mesh(morphed)).size).toEqual({ x: 2, y: 2, z: 2 });
  });
});

describe('model disposal', () => {
  it('disposes skeletons (bone textures) and instanced meshes (instance buffers)', () => {
    const root = new Group();
    const skinned = new SkinnedMesh(new BoxGeometry(), new MeshStandardMaterial());
    const skeleton = new Skeleton([new Bone()]);
    skinned.bind(skeleton);
    const instanced = new InstancedMesh(new BoxGeometry(), new MeshStandardMaterial(), 4);
    root.add(skinned, instanced);
    const skeletonDispose = vi.spyOn(skeleton, 'dispose');
    const instancedDispose = vi.spyOn(instanced, 'dispose');
    disposeModel(root, (o) => [(o as Mesh).material].flat().filter(Boolean) as never);
    expect(skeletonDispose).toHaveBeenCalledOnce();
    expect(instancedDispose).toHaveBeenCalledOnce();
  });
});

describe('files that travel with a model', () => {
  it('get one blob URL per file however often asked, and every blob URL seen is revoked on dispose', () => {
    const created = vi.spyOn(URL, 'createObjectURL');
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const resources = new ModelResources([['cube/textures/checker.png', new Uint8Array([1, 2, 3])]]);
    const first = resources.manager.resolveURL('textures/checker.png');
    expect(resources.manager.resolveURL('checker.png')).toBe(first);
    expect(resources.manager.resolveURL('./textures/checker.png')).toBe(first);
    expect(created).toHaveBeenCalledOnce();
    // FBXLoader turns embedded textures into blob URLs of its own and never revokes them.
    resources.manager.resolveURL('blob:http://localhost/embedded-texture');
    expect(resources.manager.resolveURL('https://example.com/t.png')).toMatch(/^data:image\/png;base64,/);
    expect([...resources.remote]).toEqual(['https://example.com/t.png']);
    resources.dispose();
    expect(revoked.mock.calls.map(([url]) => url).sort()).toEqual([first, 'blob:http://localhost/embedded-texture'].sort());
    created.mockRestore();
    revoked.mockRestore();
  });
});
