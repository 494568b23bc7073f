/**
 * The result thumbnail comes from the page, so it is checked like any file from outside: a WebP by
 * its RIFF header (sizes that agree with the bytes, a VP8/VP8L/VP8X first chunk) and within the cap.
 */
import { maxThumbnailBytes } from '../../../shared/library';

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** Null when the bytes are a WebP Studio keeps; otherwise the sentence saying why not. */
export function webpProblem(bytes: Uint8Array): string | null {
  if (bytes.byteLength > maxThumbnailBytes) return `The thumbnail is ${Math.ceil(bytes.byteLength / 1024)} KB; at most ${maxThumbnailBytes / 1024} KB is kept. Nothing was saved.`;
  if (bytes.byteLength < 20 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 12) !== 'WEBP') return 'The thumbnail is not a WebP picture, so it was not saved.';
  const riffSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (riffSize + 8 !== bytes.byteLength) return 'The thumbnail is cut short or has bytes after its end, so it was not saved.';
  if (!['VP8 ', 'VP8L', 'VP8X'].includes(ascii(bytes, 12, 16))) return 'The thumbnail is not a WebP picture, so it was not saved.';
  return null;
}
