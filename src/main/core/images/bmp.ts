/**
 * A small BMP reader: sharp's bundled libvips has no BMP loader, yet Windows tools still save BMP.
 * Covers what those tools write (uncompressed 1/4/8-bit palette, 24-bit, 32-bit with or without
 * bit masks); anything rarer is refused with a sentence rather than guessed at.
 */
import { StudioError } from '../../../shared/errors';
import type { Budget } from './budget';

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

const unsupported = (): StudioError =>
  new StudioError('invalid-input', 'This BMP is saved in a way Studio cannot read. Save it as PNG and try again.');
const damaged = (): StudioError =>
  new StudioError('invalid-input', 'This BMP file is damaged or incomplete. Save it again and retry.');

/** Width and height from the header alone, for the size checks made before anything is decoded. */
export function bmpSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (bytes.length < 26) throw damaged();
  if (view.getUint32(14, true) === 12) return { width: view.getUint16(18, true), height: view.getUint16(20, true) };
  if (bytes.length < 30) throw damaged();
  return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

/** A channel read through a bit mask, scaled to 0–255. */
function maskReader(mask: number): (value: number) => number {
  if (mask === 0) return () => 255;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  const max = mask >>> shift;
  return (value) => Math.round((((value & mask) >>> shift) * 255) / max);
}

/** Decodes in slices of rows, yielding between them: a 40 MiB BMP is ~14 million pixels of JavaScript. */
export async function decodeBmp(bytes: Uint8Array, budget: Budget): Promise<RawImage> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const { width, height } = bmpSize(bytes);
  const headerSize = view.getUint32(14, true);
  const core = headerSize === 12;
  const topDown = !core && view.getInt32(22, true) < 0;
  const bpp = view.getUint16(core ? 24 : 28, true);
  const compression = core ? 0 : view.getUint32(30, true);
  const pixelOffset = view.getUint32(10, true);
  const stride = Math.ceil((bpp * width) / 32) * 4;
  if (width === 0 || height === 0 || pixelOffset + stride * height > bytes.length) throw damaged();

  let pixel: (row: number, x: number) => [number, number, number, number];
  let channels: 3 | 4 = 3;
  if (compression === 0 && (bpp === 1 || bpp === 4 || bpp === 8)) {
    const entry = core ? 3 : 4;
    const paletteAt = 14 + headerSize;
    pixel = (row, x) => {
      const bit = x * bpp;
      const index = (bytes[row + (bit >> 3)]! >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
      const at = paletteAt + index * entry;
      if (at + 3 > pixelOffset) throw damaged();
      return [bytes[at + 2]!, bytes[at + 1]!, bytes[at]!, 255];
    };
  } else if (compression === 0 && bpp === 24) {
    pixel = (row, x) => [bytes[row + x * 3 + 2]!, bytes[row + x * 3 + 1]!, bytes[row + x * 3]!, 255];
  } else if (bpp === 32 && (compression === 0 || compression === 3 || compression === 6)) {
    const masked = compression !== 0;
    // Bit masks follow a 40-byte header, or sit inside the V4/V5 header at the same offsets.
    const masks = masked ? [54, 58, 62].map((at) => view.getUint32(at, true)) : [0xff0000, 0xff00, 0xff];
    const alphaMask = headerSize >= 56 ? view.getUint32(66, true) : 0;
    const [r, g, b] = masks.map(maskReader) as [(v: number) => number, (v: number) => number, (v: number) => number];
    const a = maskReader(alphaMask);
    if (alphaMask !== 0) channels = 4;
    pixel = (row, x) => {
      const v = view.getUint32(row + x * 4, true);
      return [r(v), g(v), b(v), a(v)];
    };
  } else {
    throw unsupported();
  }

  const data = new Uint8Array(width * height * channels);
  let sinceCheck = 0;
  for (let y = 0; y < height; y++) {
    const row = pixelOffset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      // Counted in pixels, not rows: one row of a hostile file may be millions wide.
      if (++sinceCheck === 65536) {
        sinceCheck = 0;
        await budget.breathe();
      }
      const [pr, pg, pb, pa] = pixel(row, x);
      const out = (y * width + x) * channels;
      data[out] = pr;
      data[out + 1] = pg;
      data[out + 2] = pb;
      if (channels === 4) data[out + 3] = pa;
    }
  }
  return { data, width, height, channels };
}
