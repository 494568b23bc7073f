/**
 * JSON for the harness WebSocket that keeps bytes as bytes: files cross the contract as
 * Uint8Array (never as paths), and plain JSON would turn them into objects of numbers.
 *
 * Bytes travel as `{"__bytes_b64":"<base64>"}`. A frame may be hundreds of MB (four pictures), so
 * `decodeWire` never parses it whole: it cuts the base64 runs out of the raw frame first, parses
 * only the small JSON left (after checking its depth), and decodes the base64 in pieces with a
 * pause between them, so the side that decodes keeps answering meanwhile.
 */
const BYTES = '__bytes_b64';

export interface WireLimits {
  /** JSON left once the base64 runs are cut out, in bytes of UTF-8. */
  maxJsonBytes: number;
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** How many bytes values one frame may carry. */
  maxBlobs: number;
}

export const defaultWireLimits: WireLimits = Object.freeze({ maxJsonBytes: 1024 * 1024, maxDepth: 64, maxBlobs: 16 });

/**
 * The largest frame that can carry an input of `inputBytes`: base64 makes bytes 4/3 longer, plus
 * the JSON around them. The harness server sets it as its WebSocket limit; the bridge checks it
 * before sending, so a too-large call gets a sentence instead of a closed connection.
 */
export function maxFrameFor(inputBytes: number): number {
  return Math.ceil((inputBytes * 4) / 3) + defaultWireLimits.maxJsonBytes;
}

/** A frame that could not be read; its message is a sentence for whoever sent it. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

export interface DecodeOptions {
  limits?: Partial<WireLimits>;
  /** Awaited between pieces of a large decode; the harness passes `setImmediate` so its loop stays free. */
  pause?: () => Promise<void>;
}

// ---- base64 ----

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
const PAD = 0x3d; // '='

/** Input characters decoded between pauses: 768 KiB of output, ~10 ms of work (measured; 40 ms on a busy machine). */
const PIECE = 1024 * 1024;

type WithBase64 = Uint8Array & { toBase64?: () => string };

/** Chunks of a multiple of 3 bytes encode to base64 that concatenates without padding in between. */
const ENCODE_CHUNK = 3 * 0x4000;

function toBase64(bytes: Uint8Array): string {
  const native = (bytes as WithBase64).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += ENCODE_CHUNK) {
    parts.push(btoa(String.fromCharCode.apply(null, bytes.subarray(i, i + ENCODE_CHUNK) as unknown as number[])));
  }
  return parts.join('');
}

/** Decodes padded standard base64 held as ASCII bytes; refuses anything else with a sentence. */
async function fromBase64(text: Uint8Array, pause: (() => Promise<void>) | undefined): Promise<Uint8Array> {
  const length = text.length;
  if (length % 4 !== 0) throw new WireError('A file in the message is not valid base64 (its length is not a multiple of 4).');
  let padding = 0;
  if (length > 0 && text[length - 1] === PAD) padding = text[length - 2] === PAD ? 2 : 1;
  const out = new Uint8Array((length / 4) * 3 - padding);
  const body = length - (padding ? 4 : 0);
  let o = 0;
  for (let start = 0; start < body; start += PIECE) {
    if (start > 0 && pause) await pause();
    const end = Math.min(body, start + PIECE);
    for (let i = start; i < end; i += 4) {
      const a = LOOKUP[text[i] as number] as number;
      const b = LOOKUP[text[i + 1] as number] as number;
      const c = LOOKUP[text[i + 2] as number] as number;
      const d = LOOKUP[text[i + 3] as number] as number;
      if ((a | b | c | d) < 0) throw new WireError('A file in the message is not valid base64 (it holds characters base64 does not use).');
      const n = (a << 18) | (b << 12) | (c << 6) | d;
      out[o++] = n >> 16;
      out[o++] = (n >> 8) & 0xff;
      out[o++] = n & 0xff;
    }
  }
  if (padding) {
    const a = LOOKUP[text[body] as number] as number;
    const b = LOOKUP[text[body + 1] as number] as number;
    const c = padding === 1 ? (LOOKUP[text[body + 2] as number] as number) : 0;
    if ((a | b | c) < 0) throw new WireError('A file in the message is not valid base64 (it holds characters base64 does not use).');
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o] = n >> 16;
    if (padding === 1) out[o + 1] = (n >> 8) & 0xff;
  }
  return out;
}

// ---- encode ----

/**
 * `base64` lets a side with a faster encoder use it (the harness passes Node's Buffer: 0.1 s for
 * 40 MiB where btoa in pieces takes 1 s).
 */
export function encodeWire(value: unknown, options: { base64?: (bytes: Uint8Array) => string } = {}): string {
  const encode = options.base64 ?? toBase64;
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return { [BYTES]: encode(v) };
    if (v instanceof ArrayBuffer) return { [BYTES]: encode(new Uint8Array(v)) };
    return v;
  });
}

// ---- decode ----

const encoder = new TextEncoder();
const MARKER = encoder.encode(`{"${BYTES}":"`);
const QUOTE = 0x22;
const CLOSE_BRACE = 0x7d;

function markerAt(frame: Uint8Array, at: number): boolean {
  for (let k = 0; k < MARKER.length; k++) if (frame[at + k] !== MARKER[k]) return false;
  return true;
}

/** Refuses JSON nested deeper than `maxDepth` before JSON.parse builds it (1 MiB of `[` takes it 0.3 s). */
function checkDepth(json: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new WireError(`The message is nested too deeply (more than ${maxDepth} levels).`);
    } else if (c === 0x5d || c === CLOSE_BRACE) depth--;
  }
}

/**
 * Reads one frame. Throws a WireError (a sentence) for anything that is not a frame we could have
 * sent: bad JSON, bad UTF-8, bad base64, too deep, too much JSON besides the files.
 */
export async function decodeWire(frame: string | Uint8Array, options: DecodeOptions = {}): Promise<unknown> {
  const limits = { ...defaultWireLimits, ...options.limits };
  const bytes = typeof frame === 'string' ? encoder.encode(frame) : frame;

  // 1. Cut every base64 run out of the frame, leaving `{"__bytes_b64":<n>}` in the JSON.
  const runs: Uint8Array[] = [];
  const pieces: Uint8Array[] = [];
  let jsonBytes = 0;
  let cut = 0;
  let from = 0;
  const tooMuchJson = (): WireError =>
    new WireError(`The message holds too much besides its files (more than ${Math.round(limits.maxJsonBytes / 1024)} KB of JSON).`);
  const keep = (piece: Uint8Array): void => {
    jsonBytes += piece.length;
    if (jsonBytes > limits.maxJsonBytes) throw tooMuchJson();
    pieces.push(piece);
  };
  for (;;) {
    const at = bytes.indexOf(0x7b, from);
    if (at === -1) break;
    // Stop early: a frame of nothing but `{` would otherwise be scanned to its end.
    if (jsonBytes + (at - cut) > limits.maxJsonBytes) throw tooMuchJson();
    from = at + 1;
    if (!markerAt(bytes, at)) continue;
    const start = at + MARKER.length;
    const end = bytes.indexOf(QUOTE, start);
    if (end === -1 || bytes[end + 1] !== CLOSE_BRACE) continue; // not our marker; JSON.parse will judge it
    if (runs.length >= limits.maxBlobs) throw new WireError(`The message carries too many files (more than ${limits.maxBlobs}).`);
    keep(bytes.subarray(cut, at));
    keep(encoder.encode(`{"${BYTES}":${runs.length}}`));
    runs.push(bytes.subarray(start, end));
    cut = end + 2;
    from = cut;
  }
  keep(bytes.subarray(cut));

  // 2. Parse what is left, which is small.
  let json: string;
  try {
    const joined = new Uint8Array(jsonBytes);
    let offset = 0;
    for (const piece of pieces) {
      joined.set(piece, offset);
      offset += piece.length;
    }
    json = new TextDecoder('utf-8', { fatal: true }).decode(joined);
  } catch {
    throw new WireError('The message is not valid UTF-8 text.');
  }
  checkDepth(json, limits.maxDepth);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new WireError('The message is not valid JSON.');
  }

  // 3. Put the files back, decoding each run in pieces.
  const used = new Set<number>();
  const restore = async (value: unknown): Promise<unknown> => {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) value[i] = await restore(item);
      }
      return value;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === BYTES) {
      const ref = record[BYTES];
      if (typeof ref === 'string') return fromBase64(encoder.encode(ref), options.pause);
      if (typeof ref === 'number') {
        const run = runs[ref];
        if (!run || used.has(ref)) throw new WireError('The message refers to a file it does not carry.');
        used.add(ref);
        return fromBase64(run, options.pause);
      }
    }
    for (const key of keys) {
      const item = record[key];
      if (typeof item !== 'object' || item === null) continue;
      const restored = await restore(item);
      // defineProperty, not assignment: a key named "__proto__" must stay a plain own property.
      if (restored !== item) Object.defineProperty(record, key, { value: restored, enumerable: true, writable: true, configurable: true });
    }
    return record;
  };
  return restore(parsed);
}

/** The id of a request frame the bridge wrote (`{"id":N,…`), read without parsing, so even a frame that cannot be decoded gets its answer. */
export function peekRequestId(frame: string | Uint8Array): number | null {
  const head = typeof frame === 'string' ? frame.slice(0, 32) : new TextDecoder().decode(frame.subarray(0, 32));
  const match = /^\{"id":(\d{1,15})[,}]/.exec(head);
  return match ? Number(match[1]) : null;
}
