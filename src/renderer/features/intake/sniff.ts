/**
 * What a dropped file really is, before any preview. The same check the main process makes
 * (src/shared/image-sniff.ts), which stays the judge once the job engine sends the bytes; running
 * it here only spares the artist a wait.
 */
import { formatNames, sniffImage as sniffBytes, type ImageFormat } from '../../../shared/image-sniff';

export type Sniffed = { image: true; format: string } | { image: false; reason: string };

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { image: false, reason: 'This file is empty.' };
  const found = sniffBytes(bytes);
  return found.kind === 'image' ? { image: true, format: formatNames[found.format] } : { image: false, reason: found.reason };
}

/** Formats Chromium can draw as a thumbnail; the others are converted by the main process later. */
const drawable: readonly ImageFormat[] = ['png', 'jpeg', 'webp', 'gif', 'bmp', 'avif'];
export const previewable = new Set(drawable.map((f) => formatNames[f]));

/** "2.4 MB", "380 KB": decimal units, as providers state their limits. */
export function byteSize(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${Math.round(n / 1000)} KB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}
