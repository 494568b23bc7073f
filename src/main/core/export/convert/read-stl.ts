/** Reading an STL (binary or ASCII) into a document: one primitive, three corners per triangle. */
import type { Document } from '@gltf-transform/core';
import { addMesh, Grow, newDocument } from './build';
import { ConvertError } from './errors';

export function readStl(bytes: Uint8Array): Document {
  const positions = new Grow((n) => new Float32Array(n));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.length >= 84 ? view.getUint32(80, true) : -1;
  if (count >= 0 && 84 + count * 50 === bytes.length) {
    for (let t = 0; t < count; t++) {
      const at = 84 + t * 50 + 12;
      for (let k = 0; k < 9; k++) positions.push(view.getFloat32(at + k * 4, true));
    }
  } else {
    const text = new TextDecoder('latin1').decode(bytes);
    if (!/^\s*solid/.test(text)) throw new ConvertError('The STL file is neither binary STL of the size it claims nor ASCII STL, so it cannot be converted.');
    for (const m of text.matchAll(/vertex\s+(\S+)\s+(\S+)\s+(\S+)/g)) for (let k = 1; k <= 3; k++) positions.push(Number(m[k]));
    if (positions.length % 9 !== 0) throw new ConvertError('The STL file has a triangle with a missing corner, so it cannot be converted.');
  }
  const all = positions.done();
  if (all.length === 0) throw new ConvertError('The STL file has no triangles, so there is nothing to export.');
  if (!all.every(Number.isFinite)) throw new ConvertError('The STL file has a corner that is not a number, so it cannot be converted.');
  const indices = new Uint32Array(all.length / 3).map((_, i) => i);
  const doc = newDocument();
  addMesh(doc, 'model', [{ positions: all, indices, material: doc.createMaterial('model').setMetallicFactor(0).setRoughnessFactor(1) }]);
  return doc;
}
