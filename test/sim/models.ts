/**
 * Real model files for the simulator to serve: a textured cube as GLB (checked by Khronos'
 * validator in a test), OBJ+MTL+PNG zipped, binary STL, ASCII PLY. USDZ, FBX and MP4 are only
 * magic-correct stand-ins: the app never parses them, it only checks and stores them.
 */
import { encodePng } from '../fixtures/png';
import { Document, NodeIO } from '@gltf-transform/core';
import { zipSync, strToU8 } from 'fflate';
import type { SimFormat } from './state';

/** A small RGBA checkerboard PNG (one pixel per square). */
export function checkerPng(size = 4): Uint8Array {
  return new Uint8Array(encodePng(size, size, (x, y) => ((x + y) % 2 === 0 ? [230, 120, 40, 255] : [40, 90, 200, 255])));
}

/** A unit cube: 6 faces × 4 corners so each face has its own normal and UVs. */
function cube(): { positions: number[]; normals: number[]; uvs: number[]; indices: number[] } {
  const faces: [number[], number[], number[]][] = [
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
    [[-1, 0, 0], [0, 1, 0], [0, 0, -1]],
    [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
    [[0, -1, 0], [0, 0, -1], [1, 0, 0]],
    [[0, 0, 1], [1, 0, 0], [0, 1, 0]],
    [[0, 0, -1], [-1, 0, 0], [0, 1, 0]],
  ];
  const positions: number[] = [];
  const normals: number[] = [];
  const uvs: number[] = [];
  const indices: number[] = [];
  faces.forEach(([n, u, v], f) => {
    // u × v = n for every face above, so corners listed counter-clockwise face outwards.
    for (const [a, b] of [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const) {
      positions.push(0.5 * (n[0]! + a * u[0]! + b * v[0]!), 0.5 * (n[1]! + a * u[1]! + b * v[1]!), 0.5 * (n[2]! + a * u[2]! + b * v[2]!));
      normals.push(...n);
      uvs.push((a + 1) / 2, (1 - b) / 2);
    }
    const o = f * 4;
    indices.push(o, o + 1, o + 2, o, o + 2, o + 3);
  });
  return { positions, normals, uvs, indices };
}

async function makeGlb(): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const c = cube();
  const texture = doc.createTexture('checker').setImage(checkerPng()).setMimeType('image/png');
  const material = doc.createMaterial('painted').setBaseColorTexture(texture).setRoughnessFactor(0.8);
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array(c.positions)).setBuffer(buffer))
    .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(new Float32Array(c.normals)).setBuffer(buffer))
    .setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(new Float32Array(c.uvs)).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint16Array(c.indices)).setBuffer(buffer))
    .setMaterial(material);
  const mesh = doc.createMesh('cube').addPrimitive(prim);
  const scene = doc.createScene('scene').addChild(doc.createNode('cube').setMesh(mesh));
  doc.getRoot().setDefaultScene(scene);
  return new NodeIO().writeBinary(doc);
}

function objText(): string {
  const c = cube();
  const lines = ['# simulator cube', 'mtllib model.mtl', 'o cube'];
  for (let i = 0; i < c.positions.length; i += 3) lines.push(`v ${c.positions[i]} ${c.positions[i + 1]} ${c.positions[i + 2]}`);
  for (let i = 0; i < c.uvs.length; i += 2) lines.push(`vt ${c.uvs[i]} ${c.uvs[i + 1]}`);
  for (let i = 0; i < c.normals.length; i += 3) lines.push(`vn ${c.normals[i]} ${c.normals[i + 1]} ${c.normals[i + 2]}`);
  lines.push('usemtl painted');
  for (let i = 0; i < c.indices.length; i += 3) {
    const t = [c.indices[i]! + 1, c.indices[i + 1]! + 1, c.indices[i + 2]! + 1];
    lines.push(`f ${t.map((k) => `${k}/${k}/${k}`).join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function makeObjZip(): Uint8Array {
  const mtl = 'newmtl painted\nKd 1 1 1\nmap_Kd texture.png\n';
  return zipSync({ 'model.obj': strToU8(objText()), 'model.mtl': strToU8(mtl), 'texture.png': checkerPng() });
}

function makeStl(): Uint8Array {
  const c = cube();
  const count = c.indices.length / 3;
  const out = Buffer.alloc(84 + 50 * count);
  out.write('binary STL from the Hunyuan3D Studio simulator', 0, 'ascii');
  out.writeUInt32LE(count, 80);
  for (let t = 0; t < count; t++) {
    const at = 84 + t * 50;
    const first = c.indices[t * 3]!;
    for (let k = 0; k < 3; k++) out.writeFloatLE(c.normals[first * 3 + k]!, at + k * 4);
    for (let v = 0; v < 3; v++) {
      const idx = c.indices[t * 3 + v]!;
      for (let k = 0; k < 3; k++) out.writeFloatLE(c.positions[idx * 3 + k]!, at + 12 + v * 12 + k * 4);
    }
  }
  return new Uint8Array(out);
}

function makePly(): Uint8Array {
  const c = cube();
  const verts = c.positions.length / 3;
  const faces = c.indices.length / 3;
  const lines = ['ply', 'format ascii 1.0', `element vertex ${verts}`, 'property float x', 'property float y', 'property float z', `element face ${faces}`, 'property list uchar int vertex_indices', 'end_header'];
  for (let i = 0; i < c.positions.length; i += 3) lines.push(`${c.positions[i]} ${c.positions[i + 1]} ${c.positions[i + 2]}`);
  for (let i = 0; i < c.indices.length; i += 3) lines.push(`3 ${c.indices[i]} ${c.indices[i + 1]} ${c.indices[i + 2]}`);
  return strToU8(`${lines.join('\n')}\n`);
}

function makeUsdz(): Uint8Array {
  // USDZ is an uncompressed zip whose first file is the USD layer.
  return zipSync({ 'model.usda': [strToU8('#usda 1.0\ndef Xform "cube" {}\n'), { level: 0 }] });
}

function makeFbx(): Uint8Array {
  const out = Buffer.alloc(64);
  out.write('Kaydara FBX Binary  \u0000', 0, 'binary');
  out.set([0x1a, 0x00], 21);
  out.writeUInt32LE(7400, 23);
  return new Uint8Array(out);
}

function makeMp4(): Uint8Array {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41')]);
  const free = Buffer.concat([Buffer.from([0, 0, 0, 8]), Buffer.from('free')]);
  return new Uint8Array(Buffer.concat([ftyp, free]));
}

export const fileNames: Record<SimFormat, { name: string; contentType: string }> = {
  glb: { name: 'model.glb', contentType: 'model/gltf-binary' },
  obj: { name: 'model.zip', contentType: 'application/zip' },
  stl: { name: 'model.stl', contentType: 'model/stl' },
  ply: { name: 'model.ply', contentType: 'application/octet-stream' },
  usdz: { name: 'model.usdz', contentType: 'model/vnd.usdz+zip' },
  fbx: { name: 'model.fbx', contentType: 'application/octet-stream' },
  mp4: { name: 'model.mp4', contentType: 'video/mp4' },
};

const cache = new Map<SimFormat, Promise<Uint8Array>>();

/** The bytes of a result in this format (made once per process). */
export function modelFile(format: SimFormat): Promise<Uint8Array> {
  let made = cache.get(format);
  if (!made) {
    const makers: Record<SimFormat, () => Uint8Array | Promise<Uint8Array>> = {
      glb: makeGlb, obj: makeObjZip, stl: makeStl, ply: makePly, usdz: makeUsdz, fbx: makeFbx, mp4: makeMp4,
    };
    made = Promise.resolve(makers[format]());
    cache.set(format, made);
  }
  return made;
}
