/**
 * The providers' image limits (PROVIDERS.md) and the checks made from the header alone, before a
 * single pixel is decoded: a 30 000 × 30 000 "image" of a few hundred bytes must cost nothing.
 */
import sharp, { type Metadata } from 'sharp';
import { StudioError } from '../../../shared/errors';
import { bmpSize } from './bmp';
import { formatNames, type ImageFormat } from '../../../shared/image-sniff';
import { maxPictureBytes } from '../../../shared/jobs';

export interface ImageLimits {
  /** Longest allowed side after normalising, in pixels. */
  maxSide: number;
  /** Shortest allowed side, in pixels. */
  minSide: number;
  /** Largest allowed encoded file, counted after base64 when `base64` is set. */
  maxEncodedBytes: number;
  /** Tencent counts its 8 MB after base64, so providers that inline images need the smaller file. */
  base64: boolean;
  /** Above this many pixels a file is refused unread: decoding it could exhaust memory. */
  maxInputPixels: number;
  /** Above this many bytes a file is refused before anything reads it. */
  maxInputBytes: number;
  /** The whole step (read, decode, every encode) must finish within this many milliseconds. */
  timeBudgetMs: number;
}

export const defaultLimits: ImageLimits = {
  maxSide: 5000,
  minSide: 128,
  // Decimal megabytes: the smaller reading of "8 MB" is the one every provider accepts.
  maxEncodedBytes: 8_000_000,
  base64: false,
  // About 12 000 × 12 500: beyond any camera artists use, still bounded (≈ 600 MB as RGBA).
  maxInputPixels: 150_000_000,
  maxInputBytes: maxPictureBytes,
  // A 5000×5000 noise PNG needs a few seconds here; four times that is still a wait worth making.
  timeBudgetMs: 20_000,
};

const megabytes = (bytes: number): string => {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? `${Math.round(mb)} MB` : `${mb.toFixed(1)} MB`;
};

/** Refuses a file too large to read at all, naming both sizes, before a byte of it is parsed. */
export function checkByteSize(byteLength: number, limits: ImageLimits): void {
  if (byteLength <= limits.maxInputBytes) return;
  throw invalid(
    `This file is ${megabytes(byteLength)}, more than the ${megabytes(limits.maxInputBytes)} Studio accepts for a picture. ` +
      'Save it smaller (as JPEG, or at a lower resolution) and try again.',
  );
}

/** Bytes a file occupies once sent, base64 included where the provider inlines it. */
export function sentSize(byteLength: number, base64: boolean): number {
  return base64 ? 4 * Math.ceil(byteLength / 3) : byteLength;
}

export interface ImageHeader {
  width: number;
  height: number;
  /** EXIF orientation 1–8; 5–8 mean the stored image lies on its side. */
  orientation: number;
  pages: number;
  hasMetadata: boolean;
  /** libvips' name for how the pixels are stored: 'srgb', 'cmyk', 'rgb16', 'b-w', 'grey16', 'lab', … */
  space: string;
  /** libvips' name for one sample: 'uchar' (8 bits), 'ushort' (16), 'float', … */
  depth: string;
  /** The embedded ICC profile, if any; it is used to convert to sRGB and never sent. */
  icc?: Uint8Array;
}

export const invalid = (sentence: string): StudioError => new StudioError('invalid-input', sentence);

export const damagedSentence = (format: ImageFormat): string =>
  `This ${formatNames[format]} file is damaged or incomplete, so it cannot be read. Save it again and retry.`;

export async function readHeader(bytes: Uint8Array, format: ImageFormat): Promise<ImageHeader> {
  if (format === 'bmp') return { ...bmpSize(bytes), orientation: 1, pages: 1, hasMetadata: false, space: 'srgb', depth: 'uchar' };
  let meta: Metadata;
  try {
    // metadata() reads the header only; the pixel limit is ours to check below, not libvips'.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw invalid(format === 'heic' ? heicSentence : damagedSentence(format));
  }
  if (!meta.width || !meta.height) throw invalid(damagedSentence(format));
  const pageHeight = meta.pages && meta.pages > 1 && meta.pageHeight ? meta.pageHeight : meta.height;
  return {
    width: meta.width,
    height: pageHeight,
    orientation: meta.orientation ?? 1,
    pages: meta.pages ?? 1,
    hasMetadata: Boolean(meta.exif || meta.icc || meta.iptc || meta.xmp || meta.tifftagPhotoshop || meta.comments?.length),
    space: meta.space,
    depth: meta.depth,
    icc: meta.icc,
  };
}

export const heicSentence =
  'This HEIC photo uses a compression Studio cannot read on this computer. Export it as JPEG or PNG (on iPhone: Settings › Camera › Formats › Most Compatible) and try again.';

export const uprightSize = (h: ImageHeader): { width: number; height: number } =>
  h.orientation >= 5 ? { width: h.height, height: h.width } : { width: h.width, height: h.height };

const size = (w: number, h: number): string => `${w}×${h}`;

/** Refuses, from the header alone, what no provider takes or what would be unsafe to decode. */
export function checkHeader(header: ImageHeader, limits: ImageLimits): void {
  const { width, height } = uprightSize(header);
  if (width * height > limits.maxInputPixels) {
    const megapixels = Math.round((width * height) / 1e6);
    throw invalid(
      `This image is ${size(width, height)} pixels (${megapixels} megapixels), too large to open safely; ` +
        `Studio opens images up to ${Math.round(limits.maxInputPixels / 1e6)} megapixels. Scale it down and try again.`,
    );
  }
  if (Math.min(width, height) < limits.minSide) {
    throw invalid(
      `This image is ${size(width, height)} pixels; providers need at least ${limits.minSide} pixels on each side. Use a larger picture.`,
    );
  }
  const scale = Math.min(1, limits.maxSide / Math.max(width, height));
  if (Math.floor(Math.min(width, height) * scale) < limits.minSide) {
    throw invalid(
      `This image is too long and narrow (${size(width, height)} pixels): shrunk to ${limits.maxSide} pixels on its long side, ` +
        `its short side would fall below ${limits.minSide}. Crop it and try again.`,
    );
  }
}

/** The size that fits within `maxSide` on both sides, keeping the aspect ratio. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
