import { Box3, Vector3, type Material, type Object3D, type Texture } from 'three';

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
  geometry?: { index: { count: number } | null; attributes: { position?: { count: number } } };
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
  root.traverse((object) => {
    const drawable = object as Drawable;
    const geometry = drawable.geometry;
    if (!geometry || !(drawable.isMesh || drawable.isPoints || drawable.isLine)) return;
    const positions = geometry.attributes.position?.count ?? 0;
    vertices += positions;
    if (drawable.isMesh) triangles += Math.floor((geometry.index ? geometry.index.count : positions) / 3);
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
  const box = new Box3().setFromObject(root);
  const size = box.isEmpty() ? new Vector3() : box.getSize(new Vector3());
  return { triangles, vertices, materials: materials.size, textures: textures.size, largestTexture, size: { x: size.x, y: size.y, z: size.z } };
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
