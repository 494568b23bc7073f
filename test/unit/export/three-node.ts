/**
 * three's loaders, run in Node on the exported bytes. They decode pictures through a DOM <img>;
 * Node has none, so a minimal one is installed that reads the blob URL the loader made and
 * decodes it with sharp — a texture only "loads" if its bytes really are a picture.
 */
import { resolveObjectURL } from 'node:buffer';
import sharp from 'sharp';
import type { Material, Mesh, Object3D, Texture } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MTLLoader } from 'three/examples/jsm/loaders/MTLLoader.js';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';
import { STLLoader } from 'three/examples/jsm/loaders/STLLoader.js';
import { USDZLoader } from 'three/examples/jsm/loaders/USDZLoader.js';

class NodeImage extends EventTarget {
  width = 0;
  height = 0;
  private url = '';
  get src(): string {
    return this.url;
  }
  set src(url: string) {
    this.url = url;
    void (async () => {
      try {
        const blob = resolveObjectURL(url);
        if (!blob) throw new Error(`not a blob URL: ${url}`);
        const meta = await sharp(Buffer.from(await blob.arrayBuffer())).metadata();
        this.width = meta.width ?? 0;
        this.height = meta.height ?? 0;
        this.dispatchEvent(new Event('load'));
      } catch {
        this.dispatchEvent(new Event('error'));
      }
    })();
  }
}

export function installImageShim(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.self ??= globalThis;
  g.document ??= { createElementNS: () => new NodeImage() };
}

const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

export function trianglesOf(root: Object3D): number {
  let n = 0;
  root.traverse((o) => {
    const g = (o as Mesh).geometry;
    if (g) n += (g.index ? g.index.count : g.attributes.position!.count) / 3;
  });
  return n;
}

/** Every texture map the materials under `root` carry, once loaded (width × height of each picture). */
export async function textureSizes(root: Object3D): Promise<string[]> {
  const maps: Texture[] = [];
  root.traverse((o) => {
    const m = (o as Mesh).material as (Material & { map?: Texture | null }) | undefined;
    for (const mat of Array.isArray(m) ? m : m ? [m] : []) if ((mat as { map?: Texture | null }).map) maps.push((mat as { map: Texture }).map);
  });
  // Pictures decode asynchronously; give them a moment.
  for (let i = 0; i < 50 && maps.some((t) => !(t.image as NodeImage | undefined)?.width); i++) await new Promise((r) => setTimeout(r, 20));
  return maps.map((t) => `${(t.image as NodeImage | undefined)?.width ?? 0}x${(t.image as NodeImage | undefined)?.height ?? 0}`);
}

export async function loadGlb(bytes: Uint8Array): Promise<Object3D> {
  installImageShim();
  return (await new GLTFLoader().parseAsync(ab(bytes), '')).scene;
}

export function loadObj(obj: Uint8Array, mtl: Uint8Array | null): { root: Object3D; maps: string[] } {
  const loader = new OBJLoader();
  const maps: string[] = [];
  if (mtl) {
    const creator = new MTLLoader().parse(text(mtl), '');
    for (const info of Object.values(creator.materialsInfo)) if (info.map_kd) maps.push(info.map_kd);
  }
  return { root: loader.parse(text(obj)), maps };
}

export function stlTriangles(bytes: Uint8Array): { triangles: number; positions: Float32Array } {
  const g = new STLLoader().parse(ab(bytes));
  return { triangles: g.attributes.position!.count / 3, positions: g.attributes.position!.array as Float32Array };
}

export function plyGeometry(bytes: Uint8Array) {
  const g = new PLYLoader().parse(ab(bytes));
  return { triangles: (g.index?.count ?? g.attributes.position!.count) / 3, attributes: Object.keys(g.attributes), positions: g.attributes.position!.array as Float32Array };
}

export function loadUsdz(bytes: Uint8Array): Object3D {
  installImageShim();
  const warn = console.warn;
  // The loader announces its own deprecation on every call.
  console.warn = () => undefined;
  try {
    return new USDZLoader().parse(ab(bytes));
  } finally {
    console.warn = warn;
  }
}
