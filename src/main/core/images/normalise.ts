/**
 * The image step: whatever picture an artist drops becomes one file every provider accepts
 * (PNG, JPEG or WebP; each side 128–5000 px; ≤ 8 MB as sent), or a sentence saying why not.
 * Every picture is re-encoded from its pixels: no byte of the original file is ever sent.
 */
import sharp, { type Sharp } from 'sharp';
import { decodeBmp, type RawImage } from './bmp';
import { Budget } from './budget';
import { colourChanges } from './colour';
import { encodeWithinBudget, makeThumbnail, mimeOf } from './encode';
import {
  checkByteSize,
  checkHeader,
  damagedSentence,
  defaultLimits,
  fitWithin,
  heicSentence,
  invalid,
  readHeader,
  uprightSize,
  type ImageHeader,
  type ImageLimits,
} from './limits';
import { scrubPng, type ProfileFate } from './png-scrub';
import { formatNames, sniffImage, type ImageFormat } from '../../../shared/image-sniff';

// libvips' operation cache would keep decoded tiles of big photos alive between drops.
sharp.cache(false);

export interface NormaliseOptions extends Partial<ImageLimits> {
  /** The name the file had, used only to say when its extension disagrees with its content. */
  fileName?: string;
  /** Cancels the step; it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface NormalisedImage {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  /** The picture as it arrived, upright, before any resize. */
  original: { width: number; height: number };
  /** What was done, in words for the artist: "resized from 9000×7000", "rotated upright", … */
  changes: string[];
  thumbnail: { bytes: Uint8Array; mime: 'image/webp'; width: number; height: number };
}

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

const profileNotes: Partial<Record<ProfileFate, string>> = {
  'too-large': 'ignored its colour profile, which was too large to be genuine',
  damaged: 'ignored its colour profile, which was damaged',
};

/** Decodes upright, in sRGB, already within `maxSide`; sharp shrinks JPEGs while decoding. */
async function decodeUpright(bytes: Uint8Array, format: ImageFormat, header: ImageHeader, limits: ImageLimits, budget: Budget): Promise<RawImage> {
  const upright = uprightSize(header);
  const target = fitWithin(upright.width, upright.height, limits.maxSide);
  try {
    let source: Sharp;
    if (format === 'bmp') {
      const raw = await decodeBmp(bytes, budget);
      source = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
    } else {
      // failOn 'truncated': a cut-off file is refused, a camera's harmless warnings are not.
      source = sharp(bytes, { limitInputPixels: limits.maxInputPixels, failOn: 'truncated', pages: 1 }).rotate();
    }
    const { data, info } = await budget.run(
      source
        .timeout({ seconds: budget.secondsLeft() })
        .resize(target.width, target.height, { fit: 'fill', kernel: 'lanczos3' })
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true }),
    );
    if (info.channels !== 3 && info.channels !== 4) throw new Error(`unexpected ${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    if (budget.signal.aborted) throw budget.reason();
    if (error instanceof Error && error.name === 'StudioError') throw error;
    throw invalid(format === 'heic' ? heicSentence : damagedSentence(format));
  }
}

function describeName(fileName: string | undefined, format: ImageFormat): string[] {
  const ext = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (!ext || extensions[format].includes(ext)) return [];
  return [`read as ${formatNames[format]} although named .${ext}`];
}

/** The limits with the caller's overrides, ignoring overrides left undefined. */
function limitsFrom(overrides: Partial<ImageLimits>): ImageLimits {
  return { ...defaultLimits, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
}

/**
 * Validates and normalises one picture. Throws StudioError('invalid-input', sentence) for anything
 * a provider would refuse: empty, too many bytes, not an image, damaged, too small, too big to
 * decode safely, impossible to fit the byte budget, or slower than the time budget. Rejects with
 * `signal.reason` when the caller cancels.
 */
export async function normaliseImage(bytes: Uint8Array, options: NormaliseOptions = {}): Promise<NormalisedImage> {
  const { fileName, signal, ...overrides } = options;
  const limits = limitsFrom(overrides);
  signal?.throwIfAborted();
  if (bytes.length === 0) throw invalid('This file is empty.');
  checkByteSize(bytes.length, limits);
  const sniffed = sniffImage(bytes);
  if (sniffed.kind === 'other') throw invalid(sniffed.reason);
  const { format } = sniffed;
  const budget = new Budget(limits.timeBudgetMs, signal);

  const changes = describeName(fileName, format);
  let readable = bytes;
  let removedMetadata = false;
  let frames = 1;
  if (format === 'png') {
    // Before libvips reads anything: its header read would already parse the text chunks.
    const scrubbed = await scrubPng(bytes, budget);
    readable = scrubbed.bytes;
    removedMetadata = scrubbed.removedMetadata;
    frames = scrubbed.frames;
    const note = profileNotes[scrubbed.profile];
    if (note) changes.push(note);
  }

  const header = await budget.run(readHeader(readable, format));
  checkHeader(header, limits);
  const raw = await decodeUpright(readable, format, header, limits, budget);
  const upright = uprightSize(header);

  if (header.orientation > 1) changes.push('rotated upright');
  frames = Math.max(frames, header.pages);
  if (frames > 1) changes.push(`kept the first frame of ${frames}`);
  changes.push(...colourChanges(header));

  const encoded = await encodeWithinBudget(
    raw,
    {
      lossless: losslessSources.includes(format),
      fileBudget: limits.base64 ? Math.floor(limits.maxEncodedBytes / 4) * 3 : limits.maxEncodedBytes,
      minSide: limits.minSide,
    },
    budget,
  );
  if (removedMetadata || header.hasMetadata) changes.push('metadata removed');
  if (encoded.format !== format) changes.push(`converted to ${formatNames[encoded.format]}`);
  if (encoded.squeezed) changes.push(`compressed to fit ${Math.round(limits.maxEncodedBytes / 1e6)} MB${limits.base64 ? ' after base64' : ''}`);
  if (encoded.width !== upright.width || encoded.height !== upright.height) {
    changes.push(`resized from ${upright.width}×${upright.height}`);
  }

  const thumbnail = await makeThumbnail(raw, budget);
  return { bytes: encoded.bytes, mime: mimeOf[encoded.format], width: encoded.width, height: encoded.height, original: upright, changes, thumbnail };
}
