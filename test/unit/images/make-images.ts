/** Real image files made on the spot, so the image step is tested on bytes, not mocks. */
import sharp from 'sharp';
import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk } from '../../fixtures/png';

type Rgb = { r: number; g: number; b: number };

export const solid = (width: number, height: number, colour: Rgb = { r: 200, g: 120, b: 40 }) =>
  sharp({ create: { width, height, channels: 3, background: colour } });

/** Gaussian noise barely compresses: a way to get a PNG of a chosen byte size. */
export const noisy = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: 'gray', noise: { type: 'gaussian', mean: 128, sigma: 60 } } });

/** A photo stored on its side: left half red, right half blue, EXIF orientation 6 (rotate 90° clockwise). */
export async function sidewaysPhoto(width: number, height: number): Promise<Buffer> {
  const half = await solid(width / 2, height, { r: 255, g: 0, b: 0 }).png().toBuffer();
  return solid(width, height, { r: 0, g: 0, b: 255 })
    .composite([{ input: half, left: 0, top: 0 }])
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A PNG with a transparent left half and an opaque green right half. */
export function halfTransparentPng(width: number, height: number): Promise<Buffer> {
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = width / 2; x < width; x++) rgba.set([10, 200, 10, 255], (y * width + x) * 4);
  }
  return sharp(rgba, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

/** Two frames, red then blue. */
export async function animatedGif(width: number, height: number): Promise<Buffer> {
  const frames = await Promise.all([{ r: 255, g: 0, b: 0 }, { r: 0, g: 0, b: 255 }].map((c) => solid(width, height, c).png().toBuffer()));
  return sharp(frames, { join: { animated: true } }).gif().toBuffer();
}

/** A few hundred bytes that claim to be a width × height RGB PNG: decoding it would need gigabytes. */
export function pngBombHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, RGB, deflate, no filter, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An uncompressed 24-bit bottom-up BMP, as Windows Paint saves it. */
export function bmp24(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const { r, g, b } = pixel(x, y);
      out.set([b, g, r], 54 + (height - 1 - y) * stride + x * 3);
    }
  }
  return out;
}

/** The RGBA of one pixel of an encoded image. */
export async function pixelAt(bytes: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 4;
  return [...data.subarray(at, at + 4)];
}
