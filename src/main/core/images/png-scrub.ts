/**
 * Rewrites a PNG's chunk list before libvips sees it: only the chunks that make the pixels stay.
 * Text (tEXt/iTXt/zTXt, which carry authors and XMP), EXIF, C2PA-style `caBX`, private chunks and
 * anything after IEND are dropped here rather than trusted to the decoder, and a compressed ICC
 * profile is inflated by us with an output cap, so a few hundred bytes that inflate to 256 MiB
 * cost at most the cap. (libpng would itself skip chunks over 8 MB, silently: that silence is how
 * such files used to be sent on untouched.)
 */
import { inflate } from 'node:zlib';
import { promisify } from 'node:util';
import type { Budget } from './budget';
import { StudioError } from '../../../shared/errors';

const inflateAsync = promisify(inflate);

/** Real ICC profiles are kilobytes; large printer LUT profiles reach a few MB. */
export const maxProfileBytes = 4 * 1024 * 1024;

const pixelChunks = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
/** Dropped too, but they describe how to draw the pixels, not who made them or where. */
const drawingHints = new Set(['gAMA', 'cHRM', 'sRGB', 'sBIT', 'pHYs', 'bKGD', 'hIST', 'sPLT', 'cICP', 'mDCV', 'cLLI', 'acTL', 'fcTL', 'fdAT']);

export type ProfileFate = 'none' | 'kept' | 'too-large' | 'damaged';

export interface ScrubbedPng {
  bytes: Uint8Array;
  /** Something that could identify the artist or the file's history was dropped. */
  removedMetadata: boolean;
  /** What happened to an embedded ICC profile; a kept one is used to convert to sRGB, then not sent. */
  profile: ProfileFate;
  /** The inflated profile when kept, to name it among the changes. */
  icc?: Uint8Array;
  /** Frames an animated PNG declared (its acTL); 1 for a still picture. */
  frames: number;
}

const damaged = (): StudioError =>
  new StudioError('invalid-input', 'This PNG file is damaged or incomplete, so it cannot be read. Save it again and retry.');

const chunkType = (bytes: Uint8Array, at: number): string => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);

/** An iCCP chunk's profile, inflated with a cap; null with the reason when it cannot be used. */
async function readProfile(data: Uint8Array, budget: Budget): Promise<{ icc: Uint8Array } | { fate: ProfileFate }> {
  const nameEnd = data.indexOf(0);
  // A 1–79 byte name, its NUL, compression method 0 (deflate), then the zlib stream.
  if (nameEnd < 1 || nameEnd > 79 || data[nameEnd + 1] !== 0) return { fate: 'damaged' };
  let icc: Uint8Array;
  try {
    icc = await budget.run(inflateAsync(data.subarray(nameEnd + 2), { maxOutputLength: maxProfileBytes }));
  } catch (error) {
    if (budget.signal.aborted) throw error;
    return { fate: (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'damaged' };
  }
  const view = new DataView(icc.buffer, icc.byteOffset, icc.length);
  // The profile's own header: its size, and the 'acsp' signature every ICC profile carries.
  if (icc.length < 132 || view.getUint32(0) !== icc.length || chunkType(icc, 36) !== 'acsp') return { fate: 'damaged' };
  return { icc };
}

export async function scrubPng(bytes: Uint8Array, budget: Budget): Promise<ScrubbedPng> {
  const out = new Uint8Array(bytes.length);
  out.set(bytes.subarray(0, 8));
  let written = 8;
  let removedMetadata = false;
  let profile: ProfileFate = 'none';
  let icc: Uint8Array | undefined;
  let frames = 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = 8;
  for (;;) {
    // A hostile file may hold millions of empty chunks: let the event loop run between slices.
    await budget.breathe();
    if (at + 12 > bytes.length) throw damaged();
    const length = view.getUint32(at);
    const type = chunkType(bytes, at + 4);
    const end = at + 12 + length;
    if (end > bytes.length) throw damaged();
    const chunk = bytes.subarray(at, end);
    if (pixelChunks.has(type)) {
      out.set(chunk, written);
      written += chunk.length;
    } else if (type === 'iCCP' && profile === 'none') {
      const read = await readProfile(chunk.subarray(8, 8 + length), budget);
      if ('icc' in read) {
        out.set(chunk, written);
        written += chunk.length;
        profile = 'kept';
        icc = read.icc;
      } else {
        profile = read.fate;
      }
    } else if (type === 'acTL' && length >= 4) {
      frames = Math.max(1, view.getUint32(at + 8));
    } else if (!drawingHints.has(type)) {
      removedMetadata = true;
    }
    if (type === 'IEND') break;
    at = end;
  }
  // Bytes after IEND are nobody's pixels: a classic place to hide data.
  if (at + 12 < bytes.length) removedMetadata = true;
  return { bytes: out.subarray(0, written), removedMetadata, profile, icc, frames };
}
