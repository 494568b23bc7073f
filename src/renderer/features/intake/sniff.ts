/**
 * What a dropped file really is, from its first bytes, before any preview: names lie (a PDF renamed
 * `.png`), magic bytes do not. The sentences match the main process's check (core/images/sniff.ts),
 * which stays the judge once the job engine sends the bytes; this copy only spares the artist a wait.
 */
export type Sniffed = { image: true; format: string } | { image: false; reason: string };

const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, Math.min(end, b.length)));
const starts = (b: Uint8Array, magic: readonly number[]) => magic.every((x, i) => b[i] === x);

export function sniffImage(b: Uint8Array): Sniffed {
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { image: true, format: 'PNG' };
  if (starts(b, [0xff, 0xd8, 0xff])) return { image: true, format: 'JPEG' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return { image: true, format: 'WebP' };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return { image: true, format: 'GIF' };
  if (starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a])) return { image: true, format: 'TIFF' };
  if (ascii(b, 0, 2) === 'BM' && b.length > 26) return { image: true, format: 'BMP' };
  if (ascii(b, 4, 8) === 'ftyp') {
    const brands = ascii(b, 8, 64);
    if (/avi[fs]/.test(brands)) return { image: true, format: 'AVIF' };
    if (/hei[cxms]|hev[cx]|mif1|msf1/.test(brands)) return { image: true, format: 'HEIC' };
    return { image: false, reason: 'This file is a video, not an image.' };
  }
  if (ascii(b, 0, 5) === '%PDF-') return { image: false, reason: 'This file is a PDF, not an image.' };
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return { image: false, reason: 'This file is a ZIP archive, not an image.' };
  if (ascii(b, 0, 4) === 'glTF') return { image: false, reason: 'This file is a 3D model (GLB), not an image.' };
  if (/<svg[\s>]/i.test(ascii(b, 0, 1024))) return { image: false, reason: 'This file is an SVG drawing. Export it as PNG and try again.' };
  if (b.length > 0 && b.subarray(0, 512).every((x) => x === 9 || x === 10 || x === 13 || (x >= 32 && x !== 127))) {
    return { image: false, reason: 'This file is text, not an image.' };
  }
  if (b.length === 0) return { image: false, reason: 'This file is empty.' };
  return { image: false, reason: 'This file is not an image Studio can read. Use a PNG, JPEG or WebP picture.' };
}

/** Formats Chromium can draw as a thumbnail; the others are converted by the main process later. */
export const previewable = new Set(['PNG', 'JPEG', 'WebP', 'GIF', 'BMP', 'AVIF']);

/** "2.4 MB", "380 KB": decimal units, as providers state their limits. */
export function byteSize(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${Math.round(n / 1000)} KB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}
