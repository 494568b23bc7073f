/**
 * Cheap checks on a file's own header before any parser runs. A parser trusts counts in headers; a
 * damaged or hostile file claiming 2^31 vertices would make it allocate gigabytes or loop for
 * minutes. Here every claim is weighed against the bytes actually present, in bounded time.
 */
import { binaryStlLength, headText, type ModelFormat } from './formats';
import { damaged, ModelFileError } from './model-file-error';

/** Largest file the preview opens; beyond it the app would stall long before the GPU could help. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** More vertices than any generated model has by two orders of magnitude. */
export const MAX_VERTICES = 50_000_000;

const count = (n: number) => n.toLocaleString('en-US');

export function preflight(format: ModelFormat, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new ModelFileError('This file is empty.');
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ModelFileError(`This file is ${count(Math.round(bytes.length / 2 ** 20))} MB; the preview opens files up to ${MAX_FILE_BYTES / 2 ** 20} MB.`);
  }
  if (format === 'glb') checkGlb(bytes);
  else if (format === 'ply') checkPly(bytes);
  else if (format === 'stl') checkStl(bytes);
}

function checkStl(bytes: Uint8Array): void {
  if (/^\s*solid[^\n]*\n\s*(facet|endsolid)/.test(headText(bytes, 512))) return;
  if (bytes.length < 84) throw damaged('stl', `it is only ${count(bytes.length)} bytes long, shorter than an STL header`);
  const expected = binaryStlLength(bytes);
  const triangles = (expected - 84) / 50;
  if (triangles > MAX_VERTICES / 3) throw damaged('stl', `its header claims ${count(triangles)} triangles`);
  if (expected > bytes.length) {
    throw damaged('stl', `its header promises ${count(triangles)} triangles but the file holds only ${count(Math.floor((bytes.length - 84) / 50))}`);
  }
}

const plyTypeSizes: Record<string, number> = {
  char: 1, uchar: 1, int8: 1, uint8: 1, short: 2, ushort: 2, int16: 2, uint16: 2,
  int: 4, uint: 4, int32: 4, uint32: 4, float: 4, float32: 4, double: 8, float64: 8,
};

function checkPly(bytes: Uint8Array): void {
  const head = headText(bytes, 65536);
  const end = /end_header\r?\n/.exec(head);
  if (!end) throw damaged('ply', 'its header never ends');
  const ascii = /^format\s+ascii/m.test(head);
  let minimumBytes = 0;
  let vertexCount = 0;
  let perElement = 0;
  let elementCount = 0;
  const finishElement = () => (minimumBytes += elementCount * (ascii ? 2 : perElement));
  for (const line of head.slice(0, end.index).split(/\r?\n/)) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'element') {
      finishElement();
      elementCount = Number(words[2]);
      perElement = 0;
      if (!Number.isSafeInteger(elementCount) || elementCount < 0) throw damaged('ply', `its header has an element count of "${words[2] ?? ''}"`);
      if (words[1] === 'vertex') vertexCount = elementCount;
    } else if (words[0] === 'property') {
      // A list costs at least its length field; a scalar costs its size.
      perElement += plyTypeSizes[words[1] === 'list' ? (words[2] ?? '') : (words[1] ?? '')] ?? 1;
    }
  }
  finishElement();
  if (vertexCount > MAX_VERTICES) throw damaged('ply', `its header claims ${count(vertexCount)} vertices`);
  const available = bytes.length - end.index - end[0].length;
  if (minimumBytes > available) {
    throw damaged('ply', `its header promises ${count(vertexCount)} vertices but the file is too short to hold them`);
  }
}

const componentSizes: Record<number, number> = { 5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4 };
const componentCounts: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT2: 4, MAT3: 9, MAT4: 16 };

interface GltfJson {
  accessors?: { bufferView?: number; byteOffset?: number; count?: number; componentType?: number; type?: string }[];
  bufferViews?: { buffer?: number; byteOffset?: number; byteLength?: number; byteStride?: number; extensions?: Record<string, unknown> }[];
  buffers?: { uri?: string; byteLength?: number }[];
}

function checkGlb(bytes: Uint8Array): void {
  if (bytes.length < 20) throw damaged('glb', `it is only ${count(bytes.length)} bytes long`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 0x46546c67) throw damaged('glb', 'it does not start with the GLB signature "glTF"');
  const version = view.getUint32(4, true);
  if (version !== 2) throw new ModelFileError(`This GLB file is glTF version ${version}; the preview opens version 2.`);
  const declared = view.getUint32(8, true);
  if (declared > bytes.length) throw damaged('glb', `it ends after ${count(bytes.length)} bytes but its header says ${count(declared)}`);
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== 0x4e4f534a) throw damaged('glb', 'its first chunk is not JSON');
  if (20 + jsonLength > bytes.length) throw damaged('glb', 'its JSON chunk runs past the end of the file');
  let json: GltfJson;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength))) as GltfJson;
  } catch {
    throw damaged('glb', 'its JSON chunk is not valid JSON');
  }
  let binLength = 0;
  const binStart = 20 + jsonLength + ((4 - (jsonLength % 4)) % 4);
  if (binStart + 8 <= bytes.length) {
    binLength = view.getUint32(binStart, true);
    if (binStart + 8 + binLength > bytes.length) throw damaged('glb', 'its binary chunk runs past the end of the file');
  }
  checkAccessors(json, binLength);
}

function checkAccessors(json: GltfJson, binLength: number): void {
  let vertices = 0;
  for (const accessor of json.accessors ?? []) {
    const n = accessor.count ?? 0;
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_VERTICES * 3) throw damaged('glb', `an accessor claims ${count(n)} elements`);
    vertices += n;
    if (accessor.bufferView === undefined) continue;
    const bufferView = json.bufferViews?.[accessor.bufferView];
    if (!bufferView) throw damaged('glb', `an accessor points at buffer view ${accessor.bufferView}, which does not exist`);
    const element = (componentSizes[accessor.componentType ?? 0] ?? 4) * (componentCounts[accessor.type ?? ''] ?? 1);
    const stride = bufferView.byteStride ?? element;
    const needed = n === 0 ? 0 : (accessor.byteOffset ?? 0) + (n - 1) * stride + element;
    if (needed > (bufferView.byteLength ?? 0)) throw damaged('glb', `an accessor claims ${count(n)} elements but its data holds fewer`);
    // Compressed views are checked by their decoder; plain ones must lie inside the binary chunk.
    const buffer = json.buffers?.[bufferView.buffer ?? 0];
    if (!bufferView.extensions && buffer && buffer.uri === undefined && (bufferView.byteOffset ?? 0) + (bufferView.byteLength ?? 0) > binLength) {
      throw damaged('glb', 'a buffer view runs past the end of its binary chunk');
    }
  }
  if (vertices > MAX_VERTICES * 4) throw damaged('glb', `its accessors claim ${count(vertices)} elements in all`);
}
