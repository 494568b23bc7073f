/**
 * What the artist asked of the geometry: units (the source is in metres, as glTF is and as the
 * providers deliver), the up axis (the source is Y-up), and "simplify to about N triangles".
 */
import type { Document, mat4 } from '@gltf-transform/core';
import { compactPrimitive, prune, weld } from '@gltf-transform/functions';
import { MeshoptSimplifier } from 'meshoptimizer';
import { triangleCount } from './read-source';

export type Units = 'm' | 'cm' | 'mm';
export type UpAxis = 'y' | 'z';

export const unitScale: Record<Units, number> = { m: 1, cm: 100, mm: 1000 };

/** Column-major, as glTF stores it: scale, then Y-up → Z-up (+90° about X: y → z, z → −y). */
export function placementMatrix(units: Units, up: UpAxis): mat4 {
  const s = unitScale[units];
  return up === 'z' ? [s, 0, 0, 0, 0, 0, s, 0, 0, -s, 0, 0, 0, 0, 0, 1] : [s, 0, 0, 0, 0, s, 0, 0, 0, 0, s, 0, 0, 0, 0, 1];
}

/** Puts every scene under one node carrying the placement, so each writer sees it in world space. */
export function place(doc: Document, units: Units, up: UpAxis): void {
  if (units === 'm' && up === 'y') return;
  for (const scene of doc.getRoot().listScenes()) {
    const root = doc.createNode('placement').setMatrix(placementMatrix(units, up));
    for (const child of scene.listChildren()) {
      scene.removeChild(child);
      root.addChild(child);
    }
    scene.addChild(root);
  }
}

/**
 * Brings the model down to about `target` triangles (never more than asked). Each primitive gets
 * its share; meshoptimizer collapses edges keeping the shape, and where seams stop it short, its
 * "sloppy" variant finishes the job.
 */
export async function simplifyTo(doc: Document, target: number): Promise<void> {
  const before = triangleCount(doc);
  if (target >= before) return;
  await MeshoptSimplifier.ready;
  // Triangle soups (STL) share no corners, and nothing can collapse until equal corners are one.
  await doc.transform(weld());
  const prims = doc.getRoot().listMeshes().flatMap((m) => m.listPrimitives()).filter((p) => p.getMode() === 4);
  let budget = target;
  let left = before;
  for (const prim of prims) {
    const position = prim.getAttribute('POSITION');
    if (!position) continue;
    const count = position.getCount();
    const indicesAccessor = prim.getIndices();
    const indices = indicesAccessor ? Uint32Array.from(indicesAccessor.getArray() ?? []) : new Uint32Array(count).map((_, i) => i);
    const own = Math.floor(indices.length / 3);
    // Shares follow each primitive's size, taken from what is left so the total never overshoots.
    const share = left > 0 ? Math.floor((budget * own) / left) : 0;
    left -= own;
    const wanted = Math.max(0, Math.min(own, share));
    const positions = Float32Array.from(position.getArray() ?? []);
    let out: Uint32Array = indices;
    if (wanted < own) {
      [out] = MeshoptSimplifier.simplify(indices, positions, 3, wanted * 3, 0.05, []);
      if (out.length / 3 > wanted) [out] = MeshoptSimplifier.simplify(indices, positions, 3, wanted * 3, 1, []);
      if (out.length / 3 > wanted) [out] = MeshoptSimplifier.simplifySloppy(indices, positions, 3, null, wanted * 3, 1);
      if (out.length / 3 > wanted) out = out.subarray(0, wanted * 3);
    }
    budget -= out.length / 3;
    const buffer = doc.getRoot().listBuffers()[0];
    const accessor = doc.createAccessor().setType('SCALAR').setArray(new Uint32Array(out));
    if (buffer) accessor.setBuffer(buffer);
    prim.setIndices(accessor);
    compactPrimitive(prim);
  }
  // Primitives left with nothing to draw would be invalid glTF.
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) if (prim.getMode() === 4 && (prim.getIndices()?.getCount() ?? 1) === 0) prim.dispose();
  }
  // The replaced index lists would otherwise still be written out.
  await doc.transform(prune({ keepLeaves: true, keepAttributes: true }));
}
