import { Box3, Vector3, type BufferAttribute, type BufferGeometry, type InterleavedBufferAttribute, type Material, type Object3D, type Texture } from 'three';

/** What the stats readout shows about a model. */
export interface ModelStats {
  triangles: number;
  vertices: number;
  materials: number;
  textures: number;
  /** The largest texture, e.g. { width: 2048, height: 2048 }; null without textures. */
  largestTexture: { width: number; height: number } | null;
  /** Bounding-box size in model units (glTF: metres). */
  size: { x: number; y: number; z: number };
}

interface Drawable extends Object3D {
  isMesh?: boolean;
  isPoints?: boolean;
  isLine?: boolean;
  /** InstancedMesh: how many copies are drawn. */
  isInstancedMesh?: boolean;
  count?: number;
  /** InstancedMesh and SkinnedMesh keep their own box (all instances, the posed skin). */
  boundingBox?: Box3 | null;
  computeBoundingBox?: () => void;
  geometry?: BufferGeometry;
  material?: Material | Material[];
}

/** Every texture a material uses, found by looking at its properties rather than a fixed list of maps. */
export function texturesOf(material: Material): Texture[] {
  const found: Texture[] = [];
  for (const value of Object.values(material)) {
    if (value && typeof value === 'object' && (value as { isTexture?: boolean }).isTexture) found.push(value as Texture);
  }
  return found;
}

export function materialsOf(object: Drawable): Material[] {
  const m = object.material;
  if (!m) return [];
  return Array.isArray(m) ? m : [m];
}

function textureSize(texture: Texture): { width: number; height: number } | null {
  const image = texture.image as { width?: number; height?: number } | null | undefined;
  if (!image || typeof image.width !== 'number' || typeof image.height !== 'number') return null;
  return { width: image.width, height: image.height };
}

/**
 * Counts what the artist cares about. `materialOf` lets the viewport report the model's own
 * materials while a shading mode has swapped them for a matcap.
 */
export function computeStats(root: Object3D, materialOf: (o: Object3D) => Material[] = (o) => materialsOf(o as Drawable)): ModelStats {
  let triangles = 0;
  let vertices = 0;
  const materials = new Set<Material>();
  const textures = new Set<Texture>();
  const box = new Box3();
  root.updateWorldMatrix(true, true);
  root.traverse((object) => {
    const drawable = object as Drawable;
    const geometry = drawable.geometry;
    if (!geometry || !(drawable.isMesh || drawable.isPoints || drawable.isLine)) return;
    const position = geometry.getAttribute('position') as BufferAttribute | InterleavedBufferAttribute | undefined;
    const corners = position?.count ?? 0;
    const copies = drawable.isInstancedMesh ? (drawable.count ?? 1) : 1;
    // Without an index, STL-style meshes repeat each corner per face: count the distinct positions.
    vertices += (geometry.index || !position ? corners : uniquePositions(position)) * copies;
    if (drawable.isMesh) triangles += Math.floor((geometry.index ? geometry.index.count : corners) / 3) * copies;
    box.union(boxOf(drawable, geometry, position));
    for (const material of materialOf(object)) {
      materials.add(material);
      for (const texture of texturesOf(material)) textures.add(texture);
    }
  });
  let largestTexture: ModelStats['largestTexture'] = null;
  for (const texture of textures) {
    const size = textureSize(texture);
    if (size && (!largestTexture || size.width * size.height > largestTexture.width * largestTexture.height)) largestTexture = size;
  }
  const size = box.isEmpty() ? new Vector3() : box.getSize(new Vector3());
  return { triangles, vertices, materials: materials.size, textures: textures.size, largestTexture, size: { x: size.x, y: size.y, z: size.z } };
}

/** The object's box in world space; a morphed mesh's from its base shape, not every target at full weight. */
function boxOf(drawable: Drawable, geometry: BufferGeometry, position: BufferAttribute | InterleavedBufferAttribute | undefined): Box3 {
  let local: Box3 | null;
  if (drawable.boundingBox !== undefined) {
    if (drawable.boundingBox === null) drawable.computeBoundingBox?.();
    local = drawable.boundingBox ?? null;
  } else if (geometry.morphAttributes.position?.length && position) {
    local = new Box3().setFromBufferAttribute(position as BufferAttribute);
  } else {
    if (!geometry.boundingBox) geometry.computeBoundingBox();
    local = geometry.boundingBox;
  }
  return local ? local.clone().applyMatrix4(drawable.matrixWorld) : new Box3();
}

/** How many distinct points a position attribute holds, by exact value, in one pass with an open-addressed table. */
function uniquePositions(position: BufferAttribute | InterleavedBufferAttribute): number {
  const n = position.count;
  const bits = new Uint32Array(3);
  const asFloat = new Float32Array(bits.buffer);
  let size = 16;
  while (size < n * 2) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const keys = new Uint32Array(n * 3);
  let unique = 0;
  for (let i = 0; i < n; i++) {
    // + 0 folds -0 into 0: the same point.
    asFloat[0] = position.getX(i) + 0;
    asFloat[1] = position.getY(i) + 0;
    asFloat[2] = position.getZ(i) + 0;
    const [x = 0, y = 0, z = 0] = bits;
    let slot = (Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(z, 83492791)) & (size - 1);
    for (;;) {
      const at = table[slot] ?? -1;
      if (at < 0) {
        table[slot] = unique;
        keys.set(bits, unique * 3);
        unique++;
        break;
      }
      if (keys[at * 3] === x && keys[at * 3 + 1] === y && keys[at * 3 + 2] === z) break;
      slot = (slot + 1) & (size - 1);
    }
  }
  return unique;
}

/** "1,234,567" in the user's locale-neutral form the readout uses. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1.20 × 0.80 × 2.05" with a sensible number of digits for any scale. */
export function formatSize(size: ModelStats['size']): string {
  const largest = Math.max(size.x, size.y, size.z);
  const digits = largest >= 100 ? 0 : largest >= 10 ? 1 : 2;
  return [size.x, size.y, size.z].map((v) => v.toFixed(digits)).join(' × ');
}
