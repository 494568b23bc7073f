/**
 * Encoding decoded pixels into a file every provider takes (PNG, JPEG, or WebP with alpha), small
 * enough for the byte budget: lossless first where the source was lossless, then lower quality,
 * then fewer pixels, until it fits.
 */
import sharp from 'sharp';
import type { RawImage } from './bmp';
import { invalid, sentSize } from './limits';

export type OutputFormat = 'png' | 'jpeg' | 'webp';

export const mimeOf: Record<OutputFormat, 'image/png' | 'image/jpeg' | 'image/webp'> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

export interface Encoded {
  bytes: Uint8Array;
  format: OutputFormat;
  width: number;
  height: number;
  /** True when quality or size had to give way to the byte budget. */
  squeezed: boolean;
}

interface Attempt {
  format: OutputFormat;
  quality?: number;
}

const lossyQualities = [92, 85, 78, 70, 62];
/** Each round after the quality steps shrinks the sides by this much. */
const shrinkStep = 0.8;
const maxRounds = 8;

/** True when an alpha channel is present but every pixel is opaque, so it carries nothing. */
export function alphaIsOpaque(raw: RawImage): boolean {
  if (raw.channels !== 4) return true;
  for (let i = 3; i < raw.data.length; i += 4) if (raw.data[i] !== 255) return false;
  return true;
}

function attemptsFor(alpha: boolean, lossless: boolean, firstRound: boolean): Attempt[] {
  const lossy: OutputFormat = alpha ? 'webp' : 'jpeg';
  const steps = lossyQualities.map((quality) => ({ format: lossy, quality }));
  if (!firstRound) return steps;
  return alpha || lossless ? [{ format: 'png' }, ...steps] : steps;
}

async function encodeOnce(raw: RawImage, alpha: boolean, width: number, height: number, attempt: Attempt): Promise<Uint8Array> {
  let pipeline = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
  if (!alpha && raw.channels === 4) pipeline = pipeline.removeAlpha();
  if (width !== raw.width || height !== raw.height) pipeline = pipeline.resize(width, height, { kernel: 'lanczos3' });
  if (attempt.format === 'png') pipeline = pipeline.png({ compressionLevel: 6 });
  else if (attempt.format === 'jpeg') pipeline = pipeline.jpeg({ quality: attempt.quality, mozjpeg: true, chromaSubsampling: '4:2:0' });
  else pipeline = pipeline.webp({ quality: attempt.quality, alphaQuality: 100, effort: 3 });
  return new Uint8Array(await pipeline.toBuffer());
}

/**
 * Encodes `raw` so its sent size (base64 included when asked) is at most `budget` bytes, never
 * letting a side fall below `minSide`.
 */
export async function encodeWithinBudget(
  raw: RawImage,
  options: { lossless: boolean; budget: number; base64: boolean; minSide: number },
): Promise<Encoded> {
  const alpha = !alphaIsOpaque(raw);
  let width = raw.width;
  let height = raw.height;
  for (let round = 0; round < maxRounds; round++) {
    const attempts = attemptsFor(alpha, options.lossless, round === 0);
    for (const [index, attempt] of attempts.entries()) {
      const bytes = await encodeOnce(raw, alpha, width, height, attempt);
      if (sentSize(bytes.length, options.base64) <= options.budget) {
        return { bytes, format: attempt.format, width, height, squeezed: round > 0 || index > 0 };
      }
    }
    width = Math.round(width * shrinkStep);
    height = Math.round(height * shrinkStep);
    if (Math.min(width, height) < options.minSide) break;
  }
  throw invalid('This image cannot be made small enough for the providers without losing too much detail. Try a simpler or smaller picture.');
}

/** A small preview for lists and history, WebP, alpha kept. */
export async function makeThumbnail(raw: RawImage, side = 256): Promise<{ bytes: Uint8Array; mime: 'image/webp'; width: number; height: number }> {
  const { data, info } = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } })
    .resize(side, side, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80, effort: 2 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data), mime: 'image/webp', width: info.width, height: info.height };
}
