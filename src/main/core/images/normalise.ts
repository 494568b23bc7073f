/**
 * The image step: whatever picture an artist drops becomes one file every provider accepts
 * (PNG, JPEG or WebP; each side 128–5000 px; ≤ 8 MB as sent), or a sentence saying why not.
 */
import sharp from 'sharp';
import { decodeBmp, type RawImage } from './bmp';
import { encodeWithinBudget, makeThumbnail, mimeOf, type OutputFormat } from './encode';
import {
  checkHeader,
  damagedSentence,
  defaultLimits,
  fitWithin,
  heicSentence,
  invalid,
  readHeader,
  sentSize,
  uprightSize,
  type ImageHeader,
  type ImageLimits,
} from './limits';
import { formatNames, sniffImage, type ImageFormat } from '../../../shared/image-sniff';

// libvips' operation cache would keep decoded tiles of big photos alive between drops.
sharp.cache(false);

export interface NormaliseOptions extends Partial<ImageLimits> {
  /** The name the file had, used only to say when its extension disagrees with its content. */
  fileName?: string;
}

export interface NormalisedImage {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  /** What was done, in words for the artist: "resized from 9000×7000", "rotated upright", … */
  changes: string[];
  thumbnail: { bytes: Uint8Array; mime: 'image/webp'; width: number; height: number };
}

const acceptedAsIs: readonly ImageFormat[] = ['png', 'jpeg', 'webp'];
const losslessSources: readonly ImageFormat[] = ['png', 'tiff', 'bmp', 'gif'];
const extensions: Record<ImageFormat, string[]> = {
  png: ['png'],
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  webp: ['webp'],
  gif: ['gif'],
  tiff: ['tif', 'tiff'],
  bmp: ['bmp', 'dib'],
  avif: ['avif'],
  heic: ['heic', 'heif', 'hif'],
};

/** Decodes upright, in sRGB, already within `maxSide`; sharp shrinks JPEGs while decoding. */
async function decodeUpright(bytes: Uint8Array, format: ImageFormat, header: ImageHeader, limits: ImageLimits): Promise<RawImage> {
  const upright = uprightSize(header);
  const target = fitWithin(upright.width, upright.height, limits.maxSide);
  try {
    const source =
      format === 'bmp'
        ? (() => {
            const raw = decodeBmp(bytes);
            return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
          })()
        : // failOn 'truncated': a cut-off file is refused, a camera's harmless warnings are not.
          sharp(bytes, { limitInputPixels: limits.maxInputPixels, failOn: 'truncated', pages: 1 }).rotate();
    const { data, info } = await source
      .resize(target.width, target.height, { fit: 'fill', kernel: 'lanczos3' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 4) throw new Error(`unexpected ${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    if (error instanceof Error && error.name === 'StudioError') throw error;
    throw invalid(format === 'heic' ? heicSentence : damagedSentence(format));
  }
}

function describeName(fileName: string | undefined, format: ImageFormat): string[] {
  const ext = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (!ext || extensions[format].includes(ext)) return [];
  return [`read as ${formatNames[format]} although named .${ext}`];
}

/**
 * Validates and normalises one picture. Throws StudioError('invalid-input', sentence) for anything
 * a provider would refuse: empty, not an image, damaged, too small, or too big to decode safely.
 */
export async function normaliseImage(bytes: Uint8Array, options: NormaliseOptions = {}): Promise<NormalisedImage> {
  const { fileName, ...overrides } = options;
  const limits: ImageLimits = { ...defaultLimits, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  if (bytes.length === 0) throw invalid('This file is empty.');
  const sniffed = sniffImage(bytes);
  if (sniffed.kind === 'other') throw invalid(sniffed.reason);
  const { format } = sniffed;

  const header = await readHeader(bytes, format);
  checkHeader(header, limits);
  const raw = await decodeUpright(bytes, format, header, limits);
  const upright = uprightSize(header);

  const changes = describeName(fileName, format);
  if (header.orientation > 1) changes.push('rotated upright');
  if (header.pages > 1) changes.push(`kept the first frame of ${header.pages}`);

  const untouched = raw.width === upright.width && raw.height === upright.height && header.orientation <= 1 && header.pages <= 1;
  const keepable = untouched && !header.hasMetadata && header.plainPixels && acceptedAsIs.includes(format);
  const keepAsIs = keepable && sentSize(bytes.length, limits.base64) <= limits.maxEncodedBytes;

  let out: { bytes: Uint8Array; format: OutputFormat; width: number; height: number };
  if (keepAsIs) {
    out = { bytes, format: format as OutputFormat, width: raw.width, height: raw.height };
  } else {
    const encoded = await encodeWithinBudget(raw, {
      lossless: losslessSources.includes(format),
      budget: limits.maxEncodedBytes,
      base64: limits.base64,
      minSide: limits.minSide,
    });
    out = encoded;
    if (header.hasMetadata) changes.push('metadata removed');
    if (encoded.format !== format) changes.push(`converted to ${formatNames[encoded.format]}`);
    // A file that was fine but for its size has been re-encoded for the budget alone: say so.
    if (encoded.squeezed || keepable) changes.push(`compressed to fit ${Math.round(limits.maxEncodedBytes / 1e6)} MB${limits.base64 ? ' after base64' : ''}`);
  }
  if (out.width !== upright.width || out.height !== upright.height) {
    changes.push(`resized from ${upright.width}×${upright.height}`);
  }

  return {
    bytes: out.bytes,
    mime: mimeOf[out.format],
    width: out.width,
    height: out.height,
    changes,
    thumbnail: await makeThumbnail(raw),
  };
}
