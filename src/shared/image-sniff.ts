/**
 * What a file really is, from its first bytes: names lie (a PDF renamed `.png`), magic bytes do not.
 * Only formats we can turn into something a provider accepts count as images.
 */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff' | 'bmp' | 'avif' | 'heic';

export type Sniffed = { kind: 'image'; format: ImageFormat } | { kind: 'other'; reason: string };

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  magic.every((b, i) => bytes[at + i] === b);

/** ISO-BMFF (`ftyp`) brands: AVIF and HEIC share the container with MP4 and QuickTime video. */
function sniffFtyp(bytes: Uint8Array): Sniffed | null {
  if (ascii(bytes, 4, 8) !== 'ftyp') return null;
  const boxSize = Math.min(new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(0), 64, bytes.length);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.some((b) => b === 'avif' || b === 'avis')) return { kind: 'image', format: 'avif' };
  if (brands.some((b) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(b))) {
    return { kind: 'image', format: 'heic' };
  }
  return { kind: 'other', reason: 'This file is a video, not an image.' };
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  return head.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127));
}

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { kind: 'image', format: 'webp' };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { kind: 'image', format: 'gif' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: 'image', format: 'tiff' };
  }
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length > 26) return { kind: 'image', format: 'bmp' };
  const ftyp = sniffFtyp(bytes);
  if (ftyp) return ftyp;

  if (ascii(bytes, 0, 5) === '%PDF-') return { kind: 'other', reason: 'This file is a PDF, not an image.' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'other', reason: 'This file is a ZIP archive, not an image.' };
  if (ascii(bytes, 0, 4) === 'glTF') return { kind: 'other', reason: 'This file is a 3D model (GLB), not an image.' };
  // SVG could be rendered, but a drawing with external references is not worth the risk here.
  if (/<svg[\s>]/i.test(ascii(bytes, 0, 1024))) {
    return { kind: 'other', reason: 'This file is an SVG drawing. Export it as PNG and try again.' };
  }
  if (looksLikeText(bytes)) return { kind: 'other', reason: 'This file is text, not an image.' };
  return { kind: 'other', reason: 'This file is not an image Studio can read. Use a PNG, JPEG or WebP picture.' };
}

export const formatNames: Record<ImageFormat, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  tiff: 'TIFF',
  bmp: 'BMP',
  avif: 'AVIF',
  heic: 'HEIC',
};
