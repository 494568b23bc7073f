/**
 * Reading a PLY (ASCII or binary, either byte order) into a document: positions, and normals,
 * texture coordinates and colours when the file has them. Counts in the header are checked against
 * the bytes that exist before anything is allocated for them.
 */
import type { Document } from '@gltf-transform/core';
import { addMesh, Grow, newDocument } from './build';
import { ConvertError } from './errors';

const scalarSizes: Record<string, number> = {
  char: 1, uchar: 1, int8: 1, uint8: 1, short: 2, ushort: 2, int16: 2, uint16: 2,
  int: 4, uint: 4, int32: 4, uint32: 4, float: 4, float32: 4, double: 8, float64: 8,
};

interface Property {
  name: string;
  type: string;
  /** For lists: the type of the count. */
  countType?: string;
}
interface Element {
  name: string;
  count: number;
  properties: Property[];
}

const bad = (why: string) => new ConvertError(`The PLY file ${why}, so it cannot be converted.`);

function parseHeader(bytes: Uint8Array): { format: string; elements: Element[]; bodyStart: number } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  const end = head.search(/end_header\r?\n/);
  if (!head.startsWith('ply') || end < 0) throw bad('has no readable header');
  const bodyStart = end + head.slice(end).indexOf('\n') + 1;
  let format = '';
  const elements: Element[] = [];
  for (const line of head.slice(0, end).split(/\r?\n/)) {
    const [k, ...rest] = line.trim().split(/\s+/);
    if (k === 'format') format = rest[0] ?? '';
    else if (k === 'element') {
      const count = Number(rest[1]);
      if (!Number.isSafeInteger(count) || count < 0) throw bad('declares an impossible number of items');
      elements.push({ name: rest[0] ?? '', count, properties: [] });
    } else if (k === 'property') {
      const el = elements.at(-1);
      if (!el) throw bad('has a property outside any element');
      if (rest[0] === 'list') el.properties.push({ name: rest[3] ?? '', type: rest[2] ?? '', countType: rest[1] ?? '' });
      else el.properties.push({ name: rest[1] ?? '', type: rest[0] ?? '' });
    }
  }
  if (!['ascii', 'binary_little_endian', 'binary_big_endian'].includes(format)) throw bad('is in a format Studio does not know');
  for (const el of elements) for (const p of el.properties) if (!(p.type in scalarSizes) || (p.countType !== undefined && !(p.countType in scalarSizes))) throw bad(`uses a value type (${p.type}) Studio does not know`);
  return { format, elements, bodyStart };
}

export function readPly(bytes: Uint8Array): Document {
  const { format, elements, bodyStart } = parseHeader(bytes);
  const body = bytes.subarray(bodyStart);
  // Each item takes at least one byte (binary) or two characters (ASCII), so a header promising
  // more items than that is lying and nothing is allocated for it.
  const least = elements.reduce((n, el) => n + el.count * (format === 'ascii' ? 2 : Math.max(1, el.properties.length)), 0);
  if (least > body.length) throw bad('promises more data than it holds');

  const positions = new Grow((n) => new Float32Array(n));
  const normals = new Grow((n) => new Float32Array(n));
  const uvs = new Grow((n) => new Float32Array(n));
  const colors = new Grow((n) => new Float32Array(n));
  const indices = new Grow((n) => new Uint32Array(n));
  let has = { normals: false, uvs: false, colors: false };
  let vertexCount = 0;

  const little = format === 'binary_little_endian';
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let at = 0;
  const words = format === 'ascii' ? new TextDecoder('latin1').decode(body).split(/\s+/).filter((w) => w !== '') : [];
  let word = 0;
  const read = (type: string): number => {
    if (format === 'ascii') {
      if (word >= words.length) throw bad('ends early');
      return Number(words[word++]);
    }
    const size = scalarSizes[type]!;
    if (at + size > view.byteLength) throw bad('ends early');
    let value: number;
    switch (type) {
      case 'char': case 'int8': value = view.getInt8(at); break;
      case 'uchar': case 'uint8': value = view.getUint8(at); break;
      case 'short': case 'int16': value = view.getInt16(at, little); break;
      case 'ushort': case 'uint16': value = view.getUint16(at, little); break;
      case 'int': case 'int32': value = view.getInt32(at, little); break;
      case 'uint': case 'uint32': value = view.getUint32(at, little); break;
      case 'float': case 'float32': value = view.getFloat32(at, little); break;
      default: value = view.getFloat64(at, little);
    }
    at += size;
    return value;
  };

  for (const el of elements) {
    if (el.name === 'vertex') {
      const names = el.properties.map((p) => p.name);
      const find = (...options: string[]) => options.map((o) => names.indexOf(o)).find((i) => i >= 0) ?? -1;
      const ix = [find('x'), find('y'), find('z')];
      if (ix.some((i) => i < 0)) throw bad('has corners without x, y and z');
      const inn = [find('nx'), find('ny'), find('nz')];
      const iuv = [find('s', 'u', 'texture_u'), find('t', 'v', 'texture_v')];
      const irgb = [find('red', 'r'), find('green', 'g'), find('blue', 'b')];
      has = { normals: inn.every((i) => i >= 0), uvs: iuv.every((i) => i >= 0), colors: irgb.every((i) => i >= 0) };
      const colorScale = irgb[0]! >= 0 && ['float', 'float32', 'double', 'float64'].includes(el.properties[irgb[0]!]!.type) ? 1 : 1 / 255;
      const row = new Float64Array(el.properties.length);
      for (let n = 0; n < el.count; n++) {
        el.properties.forEach((p, k) => {
          if (p.countType) {
            const c = read(p.countType);
            for (let j = 0; j < c; j++) read(p.type);
          } else row[k] = read(p.type);
        });
        for (const i of ix) {
          const value = row[i]!;
          if (!Number.isFinite(value)) throw bad('has a corner that is not a number');
          positions.push(value);
        }
        if (has.normals) for (const i of inn) normals.push(row[i]!);
        if (has.uvs) {
          uvs.push(row[iuv[0]!]!);
          // PLY counts t from the bottom of the picture, glTF from the top.
          uvs.push(1 - row[iuv[1]!]!);
        }
        if (has.colors) for (const i of irgb) colors.push(Math.min(1, Math.max(0, row[i]! * colorScale)));
      }
      vertexCount = el.count;
    } else {
      const face = el.name === 'face';
      for (let n = 0; n < el.count; n++) {
        for (const p of el.properties) {
          if (!p.countType) {
            read(p.type);
            continue;
          }
          const c = read(p.countType);
          if (!Number.isSafeInteger(c) || c < 0 || c > 1000) throw bad('has a face with an impossible number of corners');
          const corners: number[] = [];
          for (let j = 0; j < c; j++) corners.push(read(p.type));
          if (!face || (p.name !== 'vertex_indices' && p.name !== 'vertex_index')) continue;
          for (const i of corners) if (!Number.isInteger(i) || i < 0 || i >= vertexCount) throw bad('refers to a corner it does not define');
          for (let k = 1; k + 1 < corners.length; k++) {
            indices.push(corners[0]!);
            indices.push(corners[k]!);
            indices.push(corners[k + 1]!);
          }
        }
      }
    }
  }
  if (indices.length === 0) throw new ConvertError('The PLY file has no faces (it may be a point cloud), so there is no surface to export.');
  const doc = newDocument();
  addMesh(doc, 'model', [
    {
      positions: positions.done(),
      normals: has.normals ? normals.done() : undefined,
      uvs: has.uvs ? uvs.done() : undefined,
      colors: has.colors ? colors.done() : undefined,
      indices: indices.done(),
      material: doc.createMaterial('model').setMetallicFactor(0).setRoughnessFactor(1),
    },
  ]);
  return doc;
}
