/**
 * How big and how deep a channel's input may be, checked before its zod schema runs.
 *
 * zod is not built for hostile sizes: a strict object enumerates every key of a typed array, so a
 * 32 MiB Uint8Array where an object was expected kept the core busy for 21 s and 64 MiB ran it out
 * of memory. `checkInputShape` walks the input once with a budget and stops at the first thing over
 * it, so refusing anything costs at most the budget, whatever was sent.
 */
import type { ChannelName } from './ipc';
import { maxPictureBytes } from './jobs';
import { maxThumbnailBytes } from './library';

export interface InputLimits {
  /** Deepest nesting of objects and arrays (the input itself is depth 0). */
  maxDepth: number;
  /** Object keys plus array elements, counted over the whole input. */
  maxEntries: number;
  /** Longest string value, in UTF-16 units. */
  maxStringLength: number;
  /** Longest object key: zod quotes unknown keys back in its messages. */
  maxKeyLength: number;
  maxArrayLength: number;
  /** Everything together: string and key lengths, 8 per other value, and the bytes' length. */
  maxTotalSize: number;
  /** Where bytes (Uint8Array) may sit, as dotted paths with `*` for any one key; none by default. */
  bytesAt: readonly string[];
  /** Largest single bytes value. */
  maxBytesEach: number;
  /** How many bytes values one input may carry. */
  maxBytesCount: number;
}

const KiB = 1024;

/** No bytes, ~256 KiB: every channel that carries no files. */
export const defaultInputLimits: InputLimits = Object.freeze({
  maxDepth: 16,
  maxEntries: 4000,
  maxStringLength: 16 * KiB,
  maxKeyLength: 256,
  maxArrayLength: 1000,
  maxTotalSize: 256 * KiB,
  bytesAt: [],
  maxBytesEach: 0,
  maxBytesCount: 0,
});

/** Up to four pictures (one per view) of `maxPictureBytes` each, plus the usual budget for the rest. */
const jobsSubmitLimits: Partial<InputLimits> = {
  bytesAt: ['inputs.image.bytes', 'inputs.views.*.bytes'],
  maxBytesEach: maxPictureBytes,
  maxBytesCount: 4,
  maxTotalSize: 4 * maxPictureBytes + defaultInputLimits.maxTotalSize,
};

/**
 * Every channel is listed, so adding one to the contract does not compile until someone decides
 * whether it carries bytes.
 */
export const channelLimits: { readonly [C in ChannelName]: 'default' | Partial<InputLimits> } = {
  'app:info': 'default',
  'settings:get': 'default',
  'settings:set': 'default',
  'network:add-certificate': 'default',
  'network:remove-certificate': 'default',
  'keys:status': 'default',
  'keys:set': 'default',
  'keys:delete': 'default',
  'keys:test': 'default',
  'server:test': 'default',
  'jobs:submit': jobsSubmitLimits,
  'jobs:list': 'default',
  'jobs:get': 'default',
  'jobs:cancel': 'default',
  'jobs:retry': 'default',
  'jobs:model': 'default',
  'jobs:thumbnail': 'default',
  'library:list': 'default',
  'library:get': 'default',
  'library:update': 'default',
  'library:rerun': 'default',
  'library:duplicate': 'default',
  'library:trash': 'default',
  'library:forget': 'default',
  'library:reveal': 'default',
  // One WebP the viewport rendered; its type and size are checked again in main.
  'library:set-thumbnail': { bytesAt: ['bytes'], maxBytesEach: maxThumbnailBytes, maxBytesCount: 1, maxTotalSize: maxThumbnailBytes + 4096 },
  'library:rebuild': 'default',
  'library:location': 'default',
  'library:move': 'default',
  'export:formats': 'default',
  'export:folder': 'default',
  'export:choose-folder': 'default',
  'export:run': 'default',
  'export:reveal': 'default',
  // One picture, capped like each of jobs:submit's.
  'images:check': { bytesAt: ['bytes'], maxBytesEach: maxPictureBytes, maxBytesCount: 1, maxTotalSize: maxPictureBytes + defaultInputLimits.maxTotalSize },
  'presets:list': 'default',
  'presets:save': 'default',
  'presets:delete': 'default',
};

export function limitsFor(channel: ChannelName): InputLimits {
  const entry = channelLimits[channel];
  return entry === 'default' ? defaultInputLimits : { ...defaultInputLimits, ...entry };
}

/** The largest input any channel accepts, in bytes before any encoding (the harness sizes its frames from it). */
export const largestInputSize: number = Math.max(...(Object.keys(channelLimits) as ChannelName[]).map((c) => limitsFor(c).maxTotalSize));

function isBytesLike(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer);
}

/** A plain object from JSON or a structured clone, from this realm or another; not a Map, Date or class. */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]');
}

const megabytes = (n: number): string => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;

/**
 * `null` when the input fits the channel's limits, else a sentence saying what was too big.
 * Stops at the first thing over a limit, so its cost is bounded by the limits, not by the input.
 */
export function checkInputShape(channel: ChannelName, input: unknown): string | null {
  const limits = limitsFor(channel);
  const patterns = limits.bytesAt.map((p) => p.split('.'));
  let entries = 0;
  let total = 0;
  let bytesCount = 0;
  const path: string[] = [];
  const where = (): string => (path.length ? ` (at ${path.join('.').slice(0, 200)})` : '');
  const bytesAllowedHere = (): boolean =>
    patterns.some((p) => p.length === path.length && p.every((segment, i) => segment === '*' || segment === path[i]));

  const visit = (value: unknown, depth: number): string | null => {
    switch (typeof value) {
      case 'string':
        if (value.length > limits.maxStringLength) return `A text value is too long: ${value.length} characters, at most ${limits.maxStringLength}${where()}.`;
        total += value.length;
        break;
      case 'number':
      case 'boolean':
      case 'undefined':
        total += 8;
        break;
      case 'object': {
        if (value === null) {
          total += 8;
          break;
        }
        if (isBytesLike(value)) {
          if (!bytesAllowedHere()) return `This request does not take file bytes here${where()}.`;
          const size = (value as ArrayBufferLike | ArrayBufferView).byteLength;
          if (size > limits.maxBytesEach) return `A file is larger than ${megabytes(limits.maxBytesEach)}, the most this request takes${where()}.`;
          if (++bytesCount > limits.maxBytesCount) return `Too many files in one request: at most ${limits.maxBytesCount}.`;
          total += size;
          break;
        }
        if (depth >= limits.maxDepth) return `The request is nested too deeply: at most ${limits.maxDepth} levels.`;
        if (Array.isArray(value)) {
          if (value.length > limits.maxArrayLength) return `A list is too long: ${value.length} items, at most ${limits.maxArrayLength}${where()}.`;
          for (let i = 0; i < value.length; i++) {
            if (++entries > limits.maxEntries) return `The request has too many parts: at most ${limits.maxEntries}.`;
            path.push(String(i));
            const problem = visit(value[i], depth + 1);
            path.pop();
            if (problem) return problem;
          }
          break;
        }
        if (!isPlainObject(value)) return `The request holds something that is not plain data${where()}.`;
        // for…in stops with us; Object.keys would first list every key of a huge object.
        for (const key in value) {
          if (!Object.hasOwn(value, key)) continue;
          if (++entries > limits.maxEntries) return `The request has too many parts: at most ${limits.maxEntries}.`;
          if (key.length > limits.maxKeyLength) return `A field name is too long: ${key.length} characters, at most ${limits.maxKeyLength}.`;
          total += key.length;
          path.push(key);
          const problem = visit((value as Record<string, unknown>)[key], depth + 1);
          path.pop();
          if (problem) return problem;
        }
        break;
      }
      default:
        // Functions, symbols and bigints never arrive from JSON or a structured clone.
        return `The request holds something that is not plain data${where()}.`;
    }
    if (total > limits.maxTotalSize) return `The request is too large: at most ${megabytes(limits.maxTotalSize)}.`;
    return null;
  };
  return visit(input, 0);
}
