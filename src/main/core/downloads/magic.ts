/**
 * Does a file's content match the format the provider declared? Checked on the first bytes of a
 * download, before the rest is fetched, and again at the end where the total length matters (STL).
 * Keyed by the shared vocabulary (../../../shared/model-formats): every result format and every
 * format the app opens, so a file a person drops in can be judged by the same checks.
 */
import type { ModelFormat, OutputFormat } from '../../../shared/model-formats';

/** How many leading bytes the checks look at; a download keeps this much of its head. */
export const magicHeadBytes = 8192;

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

export const isZip = (b: Uint8Array): boolean => ascii(b, 0, 4) === 'PK\u0003\u0004';

/** OBJ is text whose lines start with its keywords; a NUL byte means it is not text. */
export function isObjText(b: Uint8Array): boolean {
  const head = b.subarray(0, magicHeadBytes);
  if (head.includes(0)) return false;
  return /^(v|vt|vn|f|o|g|mtllib|usemtl)\s/m.test(new TextDecoder().decode(head));
}

function isStl(b: Uint8Array, total: number | undefined): boolean {
  const head = ascii(b, 0, 512);
  if (head.startsWith('solid') && head.includes('facet')) return true;
  // Binary STL has no magic: an 80-byte header, then a triangle count that fixes the length.
  if (b.length < 84) return false;
  if (total === undefined) return true; // judged again once the length is known
  const count = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(80, true);
  return 84 + count * 50 === total;
}

/** glTF text is JSON whose top-level object carries an `asset` block (the glTF 2.0 spec requires it). */
function isGltfText(b: Uint8Array): boolean {
  const head = new TextDecoder().decode(b.subarray(0, magicHeadBytes));
  return /^\s*\{/.test(head) && head.includes('"asset"');
}

const checks: Record<OutputFormat | ModelFormat, (b: Uint8Array, total: number | undefined) => boolean> = {
  glb: (b) => ascii(b, 0, 4) === 'glTF',
  gltf: isGltfText,
  zip: isZip,
  // OBJ results usually come zipped with their MTL and textures.
  obj: (b) => isZip(b) || isObjText(b),
  stl: isStl,
  ply: (b) => /^ply\r?\n/.test(ascii(b, 0, 5)),
  usdz: isZip,
  fbx: (b) => ascii(b, 0, 18) === 'Kaydara FBX Binary' || ascii(b, 0, 64).includes('FBX'),
  mp4: (b) => ascii(b, 4, 8) === 'ftyp',
};

/**
 * `head` is the file's first bytes (at least `magicHeadBytes` of them, or the whole file);
 * `total` is its full length when known — by default, `head` is the whole file.
 */
export function matchesFormat(head: Uint8Array, format: OutputFormat | ModelFormat, total: number | undefined = head.length): boolean {
  return head.length > 0 && checks[format](head, total);
}
