/** Does a file's content match the format the provider declared? Checked before anything opens it. */
import type { OutputFormat } from '../../../shared/catalog';

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

const isZip = (b: Uint8Array): boolean => ascii(b, 0, 4) === 'PK\u0003\u0004';

function isObjText(b: Uint8Array): boolean {
  const head = b.subarray(0, 8192);
  if (head.includes(0)) return false;
  return /^(v|vt|vn|f|o|g|mtllib|usemtl)\s/m.test(new TextDecoder().decode(head));
}

function isStl(b: Uint8Array): boolean {
  if (b.length >= 84) {
    const count = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(80, true);
    if (84 + count * 50 === b.length) return true;
  }
  const head = ascii(b, 0, 512);
  return head.startsWith('solid') && head.includes('facet');
}

const checks: Record<OutputFormat, (b: Uint8Array) => boolean> = {
  glb: (b) => ascii(b, 0, 4) === 'glTF',
  // OBJ results usually come zipped with their MTL and textures.
  obj: (b) => isZip(b) || isObjText(b),
  stl: isStl,
  ply: (b) => /^ply\r?\n/.test(ascii(b, 0, 5)),
  usdz: isZip,
  fbx: (b) => ascii(b, 0, 18) === 'Kaydara FBX Binary' || ascii(b, 0, 64).includes('FBX'),
  mp4: (b) => ascii(b, 4, 8) === 'ftyp',
};

export function matchesFormat(bytes: Uint8Array, format: OutputFormat): boolean {
  return bytes.length > 0 && checks[format](bytes);
}
