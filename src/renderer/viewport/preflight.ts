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
  else if (format === 'gltf') checkGltf(bytes);
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
/**
 * Accessors without a buffer view are zeros the loader allocates from the count alone, so a few bytes
 * of JSON could ask for gigabytes. Real files use them only for small sparse targets.
 */
export const MAX_VIEWLESS_ELEMENTS = 1_000_000;

interface SparseJson {
  count?: number;
  indices?: { bufferView?: number; byteOffset?: number; componentType?: number };
  values?: { bufferView?: number; byteOffset?: number };
}
interface AccessorJson { bufferView?: number; byteOffset?: number; count?: number; componentType?: number; type?: string; sparse?: SparseJson }
interface BufferViewJson { buffer?: number; byteOffset?: number; byteLength?: number; byteStride?: number; extensions?: Record<string, { count?: number; byteStride?: number } | undefined> }
interface GltfJson {
  accessors?: AccessorJson[];
  bufferViews?: BufferViewJson[];
  buffers?: { uri?: string; byteLength?: number }[];
  meshes?: { primitives?: { attributes?: Record<string, number>; indices?: number; extensions?: Record<string, unknown> }[] }[];
}

function checkGltf(bytes: Uint8Array): void {
  let json: GltfJson;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes)) as GltfJson;
  } catch {
    throw damaged('gltf', 'it is not valid JSON');
  }
  checkAccessors(json, 'gltf', null);
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
  checkAccessors(json, 'glb', binLength);
}

/** Bytes a buffer really has: the BIN chunk, a data: URI's payload, or (a separate file) its own claim. */
function bufferLength(json: GltfJson, index: number, binLength: number | null): number {
  const buffer = json.buffers?.[index];
  if (!buffer) return 0;
  if (buffer.uri === undefined) return index === 0 && binLength !== null ? binLength : 0;
  const data = /^data:[^,]*?(;base64)?,/.exec(buffer.uri);
  if (data) {
    const payload = buffer.uri.length - data[0].length;
    return data[1] ? Math.floor((payload * 3) / 4) : payload;
  }
  return Math.min(buffer.byteLength ?? 0, MAX_FILE_BYTES);
}

function checkAccessors(json: GltfJson, format: 'glb' | 'gltf', binLength: number | null): void {
  const views = json.bufferViews ?? [];
  const accessors = json.accessors ?? [];
  const viewFits = (index: number, needed: number, n: number) => {
    const bufferView = views[index];
    if (!bufferView) throw damaged(format, `an accessor points at buffer view ${index}, which does not exist`);
    if (needed > (bufferView.byteLength ?? 0)) throw damaged(format, `an accessor claims ${count(n)} elements but its data holds fewer`);
  };
  // Draco primitives' accessors have no view: the decoder fills them from the compressed stream.
  const decoded = new Set<number>();
  for (const mesh of json.meshes ?? []) for (const primitive of mesh.primitives ?? []) {
    if (!primitive.extensions?.KHR_draco_mesh_compression) continue;
    for (const index of [...Object.values(primitive.attributes ?? {}), primitive.indices]) if (index !== undefined) decoded.add(index);
  }
  let elements = 0;
  let viewless = 0;
  for (const [i, accessor] of accessors.entries()) {
    const n = accessor.count ?? 0;
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_VERTICES * 3) throw damaged(format, `an accessor claims ${count(n)} elements`);
    elements += n;
    const element = (componentSizes[accessor.componentType ?? 0] ?? 4) * (componentCounts[accessor.type ?? ''] ?? 1);
    if (accessor.bufferView === undefined) {
      if (!decoded.has(i)) viewless += n;
      if (viewless > MAX_VIEWLESS_ELEMENTS) throw damaged(format, `an accessor without data claims ${count(n)} elements`);
    } else {
      const stride = views[accessor.bufferView]?.byteStride ?? element;
      viewFits(accessor.bufferView, n === 0 ? 0 : (accessor.byteOffset ?? 0) + (n - 1) * stride + element, n);
    }
    const sparse = accessor.sparse;
    if (sparse) {
      const k = sparse.count ?? 0;
      if (!Number.isSafeInteger(k) || k < 0 || k > n) throw damaged(format, `a sparse accessor claims ${count(k)} of its ${count(n)} elements`);
      if (sparse.indices?.bufferView === undefined || sparse.values?.bufferView === undefined) throw damaged(format, 'a sparse accessor has no data');
      viewFits(sparse.indices.bufferView, (sparse.indices.byteOffset ?? 0) + k * (componentSizes[sparse.indices.componentType ?? 0] ?? 4), k);
      viewFits(sparse.values.bufferView, (sparse.values.byteOffset ?? 0) + k * element, k);
    }
  }
  if (elements > MAX_VERTICES * 4) throw damaged(format, `its accessors claim ${count(elements)} elements in all`);
  let unpacked = 0;
  for (const bufferView of views) {
    const end = (bufferView.byteOffset ?? 0) + (bufferView.byteLength ?? 0);
    const meshopt = bufferView.extensions?.EXT_meshopt_compression;
    if (meshopt) {
      // The decoder allocates count × stride from the extension's own claim.
      const size = (meshopt.count ?? 0) * (meshopt.byteStride ?? 0);
      if (!Number.isSafeInteger(size) || size > (bufferView.byteLength ?? 0) || (unpacked += size) > MAX_FILE_BYTES * 2) {
        throw damaged(format, 'a compressed buffer view claims more data than it may hold');
      }
    }
    // Compressed views are checked by their decoder; plain ones must lie inside their buffer.
    if (!bufferView.extensions && end > bufferLength(json, bufferView.buffer ?? 0, binLength)) {
      throw damaged(format, 'a buffer view runs past the end of its buffer');
    }
  }
  const positions = new Set<number>();
  for (const mesh of json.meshes ?? []) for (const primitive of mesh.primitives ?? []) {
    const index = primitive.attributes?.POSITION;
    if (index !== undefined) positions.add(index);
  }
  let vertices = 0;
  for (const index of positions) vertices += accessors[index]?.count ?? 0;
  if (vertices > MAX_VERTICES) throw damaged(format, `its meshes claim ${count(vertices)} vertices`);
}
