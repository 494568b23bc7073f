/**
 * Unpacking a downloaded zip (Vtrix's OBJ comes as OBJ + MTL + PNG) into a job's outputs folder.
 * The central directory is read and judged whole before a byte is inflated; inflating runs in
 * zlib's thread pool through streams, so the main loop only moves small chunks. Every entry is
 * written to a temp file first and renamed into place only when all of them came out right: a
 * refused zip leaves nothing behind.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import type { ProviderId } from '../../../shared/providers';
import { ProviderError, providerName, type ProviderErrorKind } from '../providers/errors';
import { isObjText, magicHeadBytes } from './magic';
import { sizeText } from './size-text';
import { tempPath } from './temp-names';
import { parseEntryName, shortEntryName, type EntryNameRefusal } from './zip-names';

export interface SavedFile {
  /** Relative to the outputs folder, with `/` separators. */
  name: string;
  /** The extension, lower-cased, without the dot ('' when there is none). */
  format: string;
  bytes: number;
  sha256: string;
}

export interface ZipLimits {
  maxBytes: number;
  maxEntries: number;
  /** An entry bigger than `bombMinBytes` that inflates more than `maxRatio` times is a bomb. */
  maxRatio: number;
  bombMinBytes: number;
}

export const defaultZipLimits: Omit<ZipLimits, 'maxBytes'> = { maxEntries: 200, maxRatio: 200, bombMinBytes: 10 * 1024 * 1024 };

interface Entry {
  raw: string;
  segments: string[];
  method: number;
  crc: number;
  compressed: number;
  size: number;
  localOffset: number;
  dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const maxCentralBytes = 4 * 1024 * 1024;

class Refusal extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const nameRefusals: Record<EntryNameRefusal, string> = {
  outside: 'a file that would land outside the job’s folder',
  absolute: 'a file with an absolute path',
  'odd-name': 'a file whose name cannot be saved safely',
};

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  if (bytesRead !== length) throw new Refusal('malformed', 'is cut short');
  return buf;
}

/** Read and judge the central directory; nothing is inflated yet. */
async function readDirectory(handle: FileHandle, fileSize: number, limits: ZipLimits): Promise<Entry[]> {
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Refusal('malformed', 'is damaged (its table of contents is missing)');
  const diskEntries = tail.readUInt16LE(eocd + 8);
  const count = tail.readUInt16LE(eocd + 10);
  const centralSize = tail.readUInt32LE(eocd + 12);
  const centralOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || centralOffset === 0xffffffff || centralSize === 0xffffffff) throw new Refusal('malformed', 'uses the ZIP64 format, which the app does not unpack');
  if (tail.readUInt16LE(eocd + 4) !== 0 || diskEntries !== count) throw new Refusal('malformed', 'is split across several disks');
  if (count > limits.maxEntries) throw new Refusal('too-large', `holds ${count} files, more than the ${limits.maxEntries} the app unpacks`);
  if (centralSize > maxCentralBytes || centralOffset + centralSize > fileSize - tailLength + eocd) throw new Refusal('malformed', 'is damaged (its table of contents does not fit)');
  const dir = await readAt(handle, centralOffset, centralSize);

  const entries: Entry[] = [];
  const seen = new Set<string>();
  const dirs = new Set<string>();
  let declaredTotal = 0;
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL) throw new Refusal('malformed', 'is damaged (its table of contents is unreadable)');
    const madeBy = dir.readUInt16LE(at + 4) >> 8;
    const flags = dir.readUInt16LE(at + 8);
    const method = dir.readUInt16LE(at + 10);
    const crc = dir.readUInt32LE(at + 16);
    const compressed = dir.readUInt32LE(at + 20);
    const size = dir.readUInt32LE(at + 24);
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    const external = dir.readUInt32LE(at + 38);
    const localOffset = dir.readUInt32LE(at + 42);
    if (at + 46 + nameLength > dir.length) throw new Refusal('malformed', 'is damaged (its table of contents is unreadable)');
    const nameBytes = dir.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    let raw: string;
    try {
      raw = new TextDecoder('utf-8', { fatal: true }).decode(nameBytes);
    } catch {
      throw new Refusal('malformed', 'contains a file whose name cannot be read');
    }
    const quoted = `(“${shortEntryName(raw)}”)`;
    const parsed = parseEntryName(raw);
    if (!parsed.ok) throw new Refusal('malformed', `contains ${nameRefusals[parsed.reason]} ${quoted}`);
    // Unix hosts (3) and macOS (19) keep the file type in the high half of the external attributes.
    const type = (external >>> 16) & S_IFMT;
    if ((madeBy === 3 || madeBy === 19) && type !== 0 && type !== S_IFREG && type !== S_IFDIR) throw new Refusal('malformed', `contains a link or special file ${quoted}, which the app never unpacks`);
    if (flags & 1) throw new Refusal('malformed', `contains an encrypted file ${quoted}`);
    if (parsed.isDir || type === S_IFDIR) {
      dirs.add(parsed.segments.join('/').toLowerCase());
      continue;
    }
    // Finder adds resource-fork shadows under __MACOSX/; they are not part of the model.
    if (parsed.segments[0] === '__MACOSX') continue;
    if (method !== 0 && method !== 8) throw new Refusal('malformed', `contains a file packed in a way the app cannot unpack ${quoted}`);
    if (compressed === 0xffffffff || size === 0xffffffff) throw new Refusal('malformed', 'uses the ZIP64 format, which the app does not unpack');
    if (method === 0 && compressed !== size) throw new Refusal('malformed', `is damaged: the sizes it gives for ${quoted} disagree`);
    if (size > limits.bombMinBytes && size > compressed * limits.maxRatio) throw new Refusal('too-large', `contains a file that would expand ${Math.round(size / Math.max(1, compressed))} times ${quoted}, which looks like a zip bomb`);
    declaredTotal += size;
    if (declaredTotal > limits.maxBytes) throw new Refusal('too-large', `would unpack to more than ${sizeText(limits.maxBytes)}, more than the app accepts`);
    // Names collide on case-insensitive disks (macOS, Windows) even when the bytes differ.
    const key = parsed.segments.join('/').normalize('NFC').toLowerCase();
    if (seen.has(key)) throw new Refusal('malformed', `contains the same file twice ${quoted}`);
    seen.add(key);
    entries.push({ raw, segments: parsed.segments, method, crc, compressed, size, localOffset, dataStart: 0 });
  }
  for (const key of seen) {
    if (dirs.has(key)) throw new Refusal('malformed', 'contains a file and a folder of the same name');
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) if (seen.has(parts.slice(0, i).join('/'))) throw new Refusal('malformed', 'contains a file and a folder of the same name');
  }

  // Each entry's local header must agree with the directory, and no two entries may share bytes
  // (overlapping entries are how the smallest zip bombs multiply themselves).
  for (const e of entries) {
    const local = await readAt(handle, e.localOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL) throw new Refusal('malformed', 'is damaged (a file’s header is missing)');
    const n = local.readUInt16LE(26);
    const x = local.readUInt16LE(28);
    const localName = await readAt(handle, e.localOffset + 30, n);
    if (!localName.equals(Buffer.from(e.raw, 'utf8'))) throw new Refusal('malformed', 'is damaged (a file is named two different ways)');
    e.dataStart = e.localOffset + 30 + n + x;
    if (e.dataStart + e.compressed > centralOffset) throw new Refusal('malformed', 'is damaged (a file runs past the end)');
  }
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    if (prev.dataStart + prev.compressed > byOffset[i]!.localOffset) throw new Refusal('too-large', 'has files that overlap each other, the shape of a zip bomb');
  }
  return entries;
}

interface Inflated {
  temp: string;
  bytes: number;
  sha256: string;
  head: Uint8Array;
}

/** Inflate one entry into a temp file, counting real bytes: a zip that lies about a size is refused. */
async function inflateEntry(zipPath: string, e: Entry, outputsDir: string, budget: { left: number }, signal: AbortSignal | undefined): Promise<Inflated> {
  const temp = tempPath(outputsDir);
  const handle = await open(temp, 'wx');
  const hash = createHash('sha256');
  let crc = 0;
  let bytes = 0;
  const headParts: Buffer[] = [];
  let headLength = 0;
  const quoted = `(“${shortEntryName(e.raw)}”)`;
  try {
    const sink = async (input: AsyncIterable<Buffer>): Promise<void> => {
      for await (const chunk of input) {
        bytes += chunk.length;
        budget.left -= chunk.length;
        if (bytes > e.size) throw new Refusal('malformed', `is damaged or lying: ${quoted} unpacks to more than the size it declares`);
        if (budget.left < 0) throw new Refusal('too-large', 'would unpack to more than the app accepts');
        if (headLength < magicHeadBytes) {
          headParts.push(chunk.subarray(0, magicHeadBytes - headLength));
          headLength += Math.min(chunk.length, magicHeadBytes - headLength);
        }
        hash.update(chunk);
        crc = crc32(chunk, crc);
        await handle.write(chunk);
      }
    };
    if (e.compressed > 0) {
      const source = createReadStream(zipPath, { start: e.dataStart, end: e.dataStart + e.compressed - 1, highWaterMark: 256 * 1024 });
      if (e.method === 8) await pipeline(source, createInflateRaw({ chunkSize: 256 * 1024 }), sink, { signal });
      else await pipeline(source, sink, { signal });
    } else if (e.size !== 0) {
      throw new Refusal('malformed', `is damaged: ${quoted} cannot be unpacked`);
    }
    if (bytes !== e.size) throw new Refusal('malformed', `is damaged or lying: ${quoted} unpacks to a different size than it declares`);
    if ((crc >>> 0) !== e.crc) throw new Refusal('malformed', `is damaged: ${quoted} does not match its checksum`);
    await handle.sync();
    await handle.close();
    return { temp, bytes, sha256: hash.digest('hex'), head: Buffer.concat(headParts) };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    // zlib's own complaint about a broken stream is a damaged zip, said our way.
    if (!(error instanceof Refusal) && (error as { code?: string }).code?.startsWith('Z_')) throw new Refusal('malformed', `is damaged: ${quoted} cannot be unpacked`);
    throw error;
  }
}

export interface ExtractOptions {
  provider: ProviderId;
  zipPath: string;
  outputsDir: string;
  limits: ZipLimits;
  signal?: AbortSignal;
}

export interface Extracted {
  files: SavedFile[];
  /** The .obj (or the only file), relative like the names in `files`. */
  primary: string;
}

/** Unpack `zipPath` into `outputsDir`, or refuse it with a ProviderError and leave nothing there. */
export async function extractZip(opts: ExtractOptions): Promise<Extracted> {
  const who = providerName(opts.provider);
  const done: (Inflated & { entry: Entry })[] = [];
  const placed: string[] = [];
  const madeDirs: string[] = [];
  try {
    const handle = await open(opts.zipPath, 'r');
    let entries: Entry[];
    try {
      entries = await readDirectory(handle, (await handle.stat()).size, opts.limits);
    } finally {
      await handle.close();
    }
    const objs = entries.filter((e) => /\.obj$/i.test(e.raw));
    const primaryEntry = objs[0] ?? (entries.length === 1 ? entries[0] : undefined);
    if (!primaryEntry) throw new Refusal('malformed', 'has no OBJ model in it');
    const budget = { left: opts.limits.maxBytes };
    for (const entry of entries) {
      opts.signal?.throwIfAborted();
      done.push({ ...(await inflateEntry(opts.zipPath, entry, opts.outputsDir, budget, opts.signal)), entry });
    }
    const primaryDone = done.find((d) => d.entry === primaryEntry)!;
    if (/\.obj$/i.test(primaryEntry.raw) && !isObjText(primaryDone.head)) throw new Refusal('malformed', `has an OBJ file that is not an OBJ model (“${shortEntryName(primaryEntry.raw)}”)`);
    // All inflated and checked: only now does anything take its final name.
    for (const d of done) {
      const final = path.join(opts.outputsDir, ...d.entry.segments);
      const parent = path.dirname(final);
      if (parent !== opts.outputsDir) {
        const first = await mkdir(parent, { recursive: true });
        if (first) madeDirs.push(first);
      }
      await rename(d.temp, final);
      placed.push(final);
    }
    const files = done.map((d) => ({ name: d.entry.segments.join('/'), format: path.extname(d.entry.raw).slice(1).toLowerCase(), bytes: d.bytes, sha256: d.sha256 }));
    return { files, primary: primaryEntry.segments.join('/') };
  } catch (error) {
    await Promise.all([...done.map((d) => rm(d.temp, { force: true })), ...placed.map((p) => rm(p, { force: true }))]);
    for (const dir of madeDirs.reverse()) await rm(dir, { recursive: true, force: true });
    if (error instanceof Refusal) {
      throw new ProviderError({ provider: opts.provider, kind: error.kind, message: `The zip from ${who} ${error.detail}; nothing from it was saved.` });
    }
    throw error;
  }
}
