/**
 * The scene as flat triangle lists in world space, one per primitive drawn: what the OBJ, STL, PLY
 * and USDZ writers need (none of them has a node hierarchy worth keeping).
 */
import type { Document, Material, mat4 } from '@gltf-transform/core';

export interface PartMaterial {
  name: string;
  color: [number, number, number, number];
  metallic: number;
  roughness: number;
  texture: { bytes: Uint8Array; mime: string } | null;
}

export interface Part {
  positions: Float32Array;
  normals: Float32Array | null;
  /** glTF convention: v counts from the top of the picture. */
  uvs: Float32Array | null;
  /** RGB 0–1. */
  colors: Float32Array | null;
  indices: Uint32Array;
  material: PartMaterial;
}

const plain: PartMaterial = { name: 'default', color: [0.8, 0.8, 0.8, 1], metallic: 0, roughness: 1, texture: null };

function materialOf(m: Material | null, cache: Map<Material, PartMaterial>): PartMaterial {
  if (!m) return plain;
  let out = cache.get(m);
  if (out) return out;
  const tex = m.getBaseColorTexture();
  const bytes = tex?.getImage();
  const [r = 1, g = 1, b = 1, a = 1] = m.getBaseColorFactor();
  out = {
    name: m.getName() || `material${cache.size}`,
    color: [r, g, b, a],
    metallic: m.getMetallicFactor(),
    roughness: m.getRoughnessFactor(),
    texture: tex && bytes ? { bytes, mime: tex.getMimeType() } : null,
  };
  cache.set(m, out);
  return out;
}

function transformPoints(src: ArrayLike<number>, m: mat4): Float32Array {
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i += 3) {
    const x = src[i]!, y = src[i + 1]!, z = src[i + 2]!;
    out[i] = m[0] * x + m[4] * y + m[8] * z + m[12];
    out[i + 1] = m[1] * x + m[5] * y + m[9] * z + m[13];
    out[i + 2] = m[2] * x + m[6] * y + m[10] * z + m[14];
  }
  return out;
}

/** Normals go through the inverse transpose of the matrix's 3×3 part, then back to unit length. */
function transformNormals(src: ArrayLike<number>, m: mat4): Float32Array {
  const [a, b, c, , d, e, f, , g, h, i] = m;
  // Cofactors of the 3×3 part: proportional to its inverse transpose, which is all a direction needs.
  const n = [e * i - f * h, f * g - d * i, d * h - e * g, c * h - b * i, a * i - c * g, b * g - a * h, b * f - c * e, c * d - a * f, a * e - b * d];
  const out = new Float32Array(src.length);
  for (let k = 0; k < src.length; k += 3) {
    const x = src[k]!, y = src[k + 1]!, z = src[k + 2]!;
    const nx = n[0]! * x + n[1]! * y + n[2]! * z;
    const ny = n[3]! * x + n[4]! * y + n[5]! * z;
    const nz = n[6]! * x + n[7]! * y + n[8]! * z;
    const len = Math.hypot(nx, ny, nz) || 1;
    out[k] = nx / len;
    out[k + 1] = ny / len;
    out[k + 2] = nz / len;
  }
  return out;
}

function determinant(m: mat4): number {
  return m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
}

function toFloats(array: ArrayLike<number>, normalized: boolean, componentType: number): Float32Array {
  const out = new Float32Array(array.length);
  // Normalised integer colours (glTF allows UNSIGNED_BYTE and UNSIGNED_SHORT) come back to 0–1.
  const scale = normalized ? (componentType === 5121 ? 1 / 255 : componentType === 5123 ? 1 / 65535 : 1) : 1;
  for (let i = 0; i < array.length; i++) out[i] = array[i]! * scale;
  return out;
}

export function flatten(doc: Document): Part[] {
  const parts: Part[] = [];
  const cache = new Map<Material, PartMaterial>();
  const scene = doc.getRoot().getDefaultScene() ?? doc.getRoot().listScenes()[0];
  scene?.traverse((node) => {
    const mesh = node.getMesh();
    if (!mesh) return;
    const world = node.getWorldMatrix();
    const flip = determinant(world) < 0;
    for (const prim of mesh.listPrimitives()) {
      if (prim.getMode() !== 4) continue;
      const pos = prim.getAttribute('POSITION')?.getArray();
      if (!pos) continue;
      const count = pos.length / 3;
      const idx = prim.getIndices()?.getArray();
      const indices = idx ? Uint32Array.from(idx) : new Uint32Array(count).map((_, i) => i);
      // A mirroring transform turns faces inside out unless each triangle's order is swapped.
      if (flip) for (let t = 0; t + 2 < indices.length; t += 3) [indices[t + 1], indices[t + 2]] = [indices[t + 2]!, indices[t + 1]!];
      const normal = prim.getAttribute('NORMAL')?.getArray();
      const uv = prim.getAttribute('TEXCOORD_0');
      const color = prim.getAttribute('COLOR_0');
      let colors: Float32Array | null = null;
      if (color?.getArray()) {
        const raw = toFloats(color.getArray()!, color.getNormalized(), color.getComponentType());
        const size = color.getElementSize();
        colors = new Float32Array(count * 3);
        for (let v = 0; v < count; v++) for (let k = 0; k < 3; k++) colors[v * 3 + k] = raw[v * size + k] ?? 1;
      }
      parts.push({
        positions: transformPoints(pos, world),
        normals: normal ? transformNormals(normal, world) : null,
        uvs: uv?.getArray() ? toFloats(uv.getArray()!, uv.getNormalized(), uv.getComponentType()) : null,
        colors,
        indices: indices.slice(0, indices.length - (indices.length % 3)),
        material: materialOf(prim.getMaterial(), cache),
      });
    }
  });
  return parts;
}
