/**
 * Which model format a file is, judged by its first bytes first and its name second. The names of
 * formats and which file endings mean which come from the one shared vocabulary, so the picker,
 * the drop target and main's downloads agree on glTF and zip.
 */
import { extensionOf, formatByExtension, modelExtensions, type ModelFormat } from '../../shared/model-formats';

export type { ModelFormat };

/** The file endings the "Open model…" picker offers and a drop onto the viewport accepts. */
export const MODEL_EXTENSIONS = modelExtensions;

/** The name a user reads in messages: "GLB", "OBJ", … */
export function formatLabel(format: ModelFormat): string {
  return format === 'gltf' ? 'glTF' : format.toUpperCase();
}

function startsWith(bytes: Uint8Array, text: string, at = 0): boolean {
  if (bytes.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The first `limit` bytes as latin-1 text: enough to recognise a text format without decoding it all. */
export function headText(bytes: Uint8Array, limit = 1024): string {
  let text = '';
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}

/**
 * Magic bytes win over the name, because providers and users rename files; the name only decides
 * between formats that share a container (a .usdz is a zip) or have no magic (binary STL, OBJ).
 */
export function sniffFormat(bytes: Uint8Array, name: string): ModelFormat | null {
  const ext = formatByExtension[extensionOf(name)] ?? null;
  if (startsWith(bytes, 'glTF')) return 'glb';
  if (startsWith(bytes, 'ply') && (bytes[3] === 0x0a || bytes[3] === 0x0d)) return 'ply';
  if (startsWith(bytes, 'Kaydara FBX Binary')) return 'fbx';
  if (startsWith(bytes, 'PK\x03\x04')) return ext === 'usdz' || zipHoldsUsd(bytes) ? 'usdz' : 'zip';
  if (startsWith(bytes, '#usda') || startsWith(bytes, 'PXR-USDC')) return 'usdz';
  const head = headText(bytes).replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (/^\s*; FBX/.test(head) || /^\s*FBXHeaderExtension/m.test(head)) return 'fbx';
  if (/^\s*solid[^\n]*\n\s*(facet|endsolid)/.test(head)) return 'stl';
  if (/^\s*\{/.test(head) && head.includes('"asset"')) return 'gltf';
  if (ext === 'stl' || ext === 'obj' || ext === 'gltf' || ext === 'fbx' || ext === 'usdz') return ext;
  if (/^(v|vn|vt|f|o|g|mtllib|usemtl)\s/m.test(head)) return 'obj';
  if (ext === null && bytes.length >= 84 && binaryStlLength(bytes) === bytes.length) return 'stl';
  return ext === 'glb' || ext === 'ply' || ext === 'zip' ? ext : null;
}

/** The size a binary STL must have, from the triangle count in its header. */
export function binaryStlLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return 84 + view.getUint32(80, true) * 50;
}

function zipHoldsUsd(bytes: Uint8Array): boolean {
  // The first local file header's name sits at offset 30; a USDZ's first file is its root layer.
  if (bytes.length < 30) return false;
  const nameLength = (bytes[26] ?? 0) | ((bytes[27] ?? 0) << 8);
  const firstName = headText(bytes.subarray(30, 30 + nameLength), nameLength).toLowerCase();
  return /\.usd[acz]?$/.test(firstName);
}
