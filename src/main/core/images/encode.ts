/**
 * Encoding decoded pixels into a file every provider takes (PNG, JPEG, or WebP with alpha), small
 * enough for the byte budget. Every file is encoded from raw pixels, so nothing of the original
 * file (metadata, profile, hidden chunks) can reach the output.
 *
 * Sizes are predicted, not searched for: a PNG is tried only when a sample of its rows says it can
 * fit, and after a lossy attempt misses, its size says how many pixels will fit, so a 25-megapixel
 * noise picture needs two or three encodes instead of dozens.
 */
import sharp, { type Sharp } from 'sharp';
import type { RawImage } from './bmp';
import type { Budget } from './budget';
import { invalid } from './limits';

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

/** High quality first; the lower one only when the first missed by little. */
const qualities: Record<'jpeg' | 'webp', [number, number]> = { jpeg: [90, 78], webp: [88, 76] };
/** Predictions aim this far below the budget, so their error rarely costs another encode. */
const aim = 0.9;
/** Going down to the lower quality at full size pays only when it needs less than this cut. */
const qualityCutReach = 0.6;
/** A PNG is tried when its sample predicts at most this multiple of the budget. */
const pngReach = 1.1;
/** Above this many pixels a PNG's size is predicted from a sample of rows before encoding it all. */
const sampleAbove = 2_000_000;
const sampleRows = 256;
const maxLossyAttempts = 5;

export const cannotFitSentence =
  'This image cannot be made small enough for the providers without losing too much detail. Try a simpler or smaller picture.';

/** True when an alpha channel is present but every pixel is opaque, so it carries nothing. */
export async function alphaIsOpaque(raw: RawImage, budget: Budget): Promise<boolean> {
  if (raw.channels !== 4) return true;
  const { data } = raw;
  // 100 MB of RGBA is ~25 million checks: in slices, so the event loop keeps answering.
  const slice = 4 * 1024 * 1024;
  for (let start = 3; start < data.length; start += slice) {
    const end = Math.min(data.length, start + slice);
    for (let i = start; i < end; i += 4) if (data[i] !== 255) return false;
    await budget.breathe();
  }
  return true;
}

function pipelineFor(raw: RawImage, alpha: boolean, width: number, height: number, attempt: Attempt, budget: Budget): Sharp {
  let pipeline = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } }).timeout({
    seconds: budget.secondsLeft(),
  });
  if (!alpha && raw.channels === 4) pipeline = pipeline.removeAlpha();
  if (width !== raw.width || height !== raw.height) pipeline = pipeline.resize(width, height, { kernel: 'lanczos3' });
  if (attempt.format === 'png') return pipeline.png({ compressionLevel: 6 });
  // mozjpeg's trellis search took 15 s on 25 megapixels for 10 % fewer bytes: not worth it here.
  if (attempt.format === 'jpeg') return pipeline.jpeg({ quality: attempt.quality, chromaSubsampling: '4:2:0' });
  return pipeline.webp({ quality: attempt.quality, alphaQuality: 100, effort: 2 });
}

async function encodeOnce(raw: RawImage, alpha: boolean, width: number, height: number, attempt: Attempt, budget: Budget): Promise<Uint8Array> {
  const buffer = await budget.run(pipelineFor(raw, alpha, width, height, attempt, budget).toBuffer());
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** The PNG's size predicted from evenly spread bands of full rows (rows compress independently enough). */
async function predictPngBytes(raw: RawImage, alpha: boolean, budget: Budget): Promise<number> {
  const rowBytes = raw.width * raw.channels;
  const bands = 8;
  const rowsPerBand = Math.max(1, Math.floor(Math.min(sampleRows, raw.height) / bands));
  const sample = new Uint8Array(bands * rowsPerBand * rowBytes);
  for (let band = 0; band < bands; band++) {
    const top = Math.floor(((raw.height - rowsPerBand) * band) / Math.max(1, bands - 1));
    sample.set(raw.data.subarray(top * rowBytes, (top + rowsPerBand) * rowBytes), band * rowsPerBand * rowBytes);
  }
  const part: RawImage = { data: sample, width: raw.width, height: bands * rowsPerBand, channels: raw.channels };
  const bytes = await encodeOnce(part, alpha, part.width, part.height, { format: 'png' }, budget);
  return (bytes.length * raw.height) / part.height;
}

/** A size with the aspect ratio of `raw`, `scale` times its sides, never below `minSide`. */
function scaled(raw: RawImage, scale: number, minSide: number): { width: number; height: number; scale: number } {
  const floor = minSide / Math.min(raw.width, raw.height);
  const s = Math.min(1, Math.max(scale, floor));
  return { width: Math.max(1, Math.round(raw.width * s)), height: Math.max(1, Math.round(raw.height * s)), scale: s };
}

/**
 * Encodes `raw` so its file is at most `fileBudget` bytes, never letting a side fall below
 * `minSide`. Throws the cannot-fit sentence, or the budget's reason when time or the caller ran out.
 */
export async function encodeWithinBudget(
  raw: RawImage,
  options: { lossless: boolean; fileBudget: number; minSide: number },
  budget: Budget,
): Promise<Encoded> {
  const limit = options.fileBudget;
  const alpha = !(await alphaIsOpaque(raw, budget));
  const preferPng = alpha || options.lossless;

  if (preferPng) {
    const small = raw.width * raw.height <= sampleAbove;
    if (small || (await predictPngBytes(raw, alpha, budget)) <= limit * pngReach) {
      const bytes = await encodeOnce(raw, alpha, raw.width, raw.height, { format: 'png' }, budget);
      if (bytes.length <= limit) return { bytes, format: 'png', width: raw.width, height: raw.height, squeezed: false };
    }
  }

  const format = alpha ? 'webp' : 'jpeg';
  const [high, low] = qualities[format];
  let quality = high;
  let size = scaled(raw, 1, options.minSide);
  for (let attempt = 0; attempt < maxLossyAttempts; attempt++) {
    const bytes = await encodeOnce(raw, alpha, size.width, size.height, { format, quality }, budget);
    if (bytes.length <= limit) {
      const squeezed = preferPng || quality !== high || size.scale < 1;
      return { bytes, format, width: size.width, height: size.height, squeezed };
    }
    const cut = (limit * aim) / bytes.length;
    if (quality === high && size.scale === 1 && cut >= qualityCutReach) {
      quality = low;
      continue;
    }
    // Bytes grow about with pixels, i.e. with the square of the scale. (Photos keep a little more
    // detail per pixel when shrunk, noise a little less; `aim` absorbs either.)
    const next = scaled(raw, size.scale * Math.sqrt(cut), options.minSide);
    if (next.scale >= size.scale) break; // already at the smallest allowed size
    size = next;
  }
  throw invalid(cannotFitSentence);
}

/** A small preview for lists and history, WebP, alpha kept. */
export async function makeThumbnail(
  raw: RawImage,
  budget: Budget,
  side = 256,
): Promise<{ bytes: Uint8Array; mime: 'image/webp'; width: number; height: number }> {
  const { data, info } = await budget.run(
    sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } })
      .timeout({ seconds: budget.secondsLeft() })
      .resize(side, side, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80, effort: 2 })
      .toBuffer({ resolveWithObject: true }),
  );
  return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.length), mime: 'image/webp', width: info.width, height: info.height };
}
