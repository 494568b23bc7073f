/**
 * Building a glTF-Transform document from plain arrays: the OBJ, PLY and STL readers all end here,
 * so every format is converted from one in-memory shape.
 */
import { Document, type Material } from '@gltf-transform/core';

export interface RawPrimitive {
  positions: Float32Array<ArrayBuffer>;
  normals?: Float32Array<ArrayBuffer>;
  uvs?: Float32Array<ArrayBuffer>;
  /** RGB, 0–1. */
  colors?: Float32Array<ArrayBuffer>;
  indices: Uint32Array<ArrayBuffer>;
  material?: Material;
}

export function newDocument(): Document {
  const doc = new Document();
  doc.createBuffer();
  return doc;
}

export function imageMime(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** One node holding one mesh with the given primitives, in the document's only scene. */
export function addMesh(doc: Document, name: string, primitives: RawPrimitive[]): void {
  const buffer = doc.getRoot().listBuffers()[0] ?? doc.createBuffer();
  const mesh = doc.createMesh(name);
  for (const p of primitives) {
    if (p.indices.length < 3) continue;
    const prim = doc.createPrimitive();
    prim.setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(p.positions).setBuffer(buffer));
    if (p.normals) prim.setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(p.normals).setBuffer(buffer));
    if (p.uvs) prim.setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(p.uvs).setBuffer(buffer));
    if (p.colors) prim.setAttribute('COLOR_0', doc.createAccessor().setType('VEC3').setArray(p.colors).setBuffer(buffer));
    prim.setIndices(doc.createAccessor().setType('SCALAR').setArray(p.indices).setBuffer(buffer));
    if (p.material) prim.setMaterial(p.material);
    mesh.addPrimitive(prim);
  }
  const scene = doc.getRoot().getDefaultScene() ?? doc.createScene('scene');
  doc.getRoot().setDefaultScene(scene);
  scene.addChild(doc.createNode(name).setMesh(mesh));
}

/** A growable float/int list without boxing every number (OBJ and PLY files hold millions). */
export class Grow<T extends Float32Array<ArrayBuffer> | Uint32Array<ArrayBuffer>> {
  private data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i] ?? 0;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}
