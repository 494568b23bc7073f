/** Real image files made on the spot, so the image step is tested on bytes, not mocks. */
import sharp from 'sharp';
import { createDeflate, deflateSync } from 'node:zlib';
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

/** `png` with extra chunks inserted right after IHDR (and `trailer` appended after IEND). */
export function withPngChunks(png: Buffer, chunks: { type: string; data: Uint8Array }[], trailer: Uint8Array = new Uint8Array(0)): Buffer {
  const afterIhdr = 8 + 25;
  return Buffer.concat([png.subarray(0, afterIhdr), ...chunks.map((c) => pngChunk(c.type, c.data)), png.subarray(afterIhdr), trailer]);
}

/** `jpeg` with extra marker segments right after SOI (and `trailer` appended after EOI). */
export function withJpegSegments(jpeg: Buffer, segments: { marker: number; data: Uint8Array }[], trailer: Uint8Array = new Uint8Array(0)): Buffer {
  const encoded = segments.map(({ marker, data }) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(data.length + 2, 2);
    return Buffer.concat([head, data]);
  });
  return Buffer.concat([jpeg.subarray(0, 2), ...encoded, jpeg.subarray(2), trailer]);
}

/** A zlib stream that inflates to `bytes` zeros, made without ever holding them (256 MiB → ~260 KB). */
export async function zlibBombOf(bytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += zeros.length) {
    if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(parts);
}

/**
 * A width × height PNG of high-contrast noise that still fits the 40 MiB input cap: each channel
 * takes one of 12 levels across 0–255 (about 3.6 bits), the worst case for JPEG and barely
 * compressible for PNG.
 */
export function hardNoisePng(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = 0x9e3779b9;
  for (let i = 0; i < pixels.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    pixels[i] = Math.round((((state >>> 0) % 12) * 255) / 11);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** Samples the event loop's worst delay and the process's peak RSS until stopped. */
export function watchProcess(): { stop: () => { maxLagMs: number; peakRssGrowth: number } } {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  let maxLagMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - last - 5);
    last = now;
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      return { maxLagMs, peakRssGrowth: peak - rssBefore };
    },
  };
}
