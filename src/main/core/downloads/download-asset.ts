/**
 * What the job engine calls when a job completes (links expire, so at once): a result asset — a
 * URL or inline bytes — becomes files in the job's outputs folder, each written to a `*.part` temp
 * name, fsynced and renamed, or a ProviderError with a sentence and nothing left behind. A zipped
 * OBJ is unpacked there; its .obj is the primary file.
 */
import path from 'node:path';
import type { OutputFormat } from '../../../shared/model-formats';
import type { ProviderId } from '../../../shared/providers';
import { ProviderError, providerName } from '../providers/errors';
import type { ResultAsset } from '../providers/types';
import { defaultTimeouts } from '../providers/timeouts';
import { fetchToTemp, notTheFormat, tooLarge, type Fetched, type IdleTimeouts } from './fetch';
import { isZip, matchesFormat } from './magic';
import { TempFile } from './temp-file';
import { defaultZipLimits, extractZip, type SavedFile } from './zip';

export type { SavedFile } from './zip';

export const defaultMaxBytes = 500 * 1024 * 1024;
export const defaultDeadlineMs = 10 * 60 * 1000;

export interface DownloadAssetOptions {
  provider: ProviderId;
  asset: ResultAsset;
  /** `<job>/outputs`; must exist. */
  outputsDir: string;
  /** The primary file's name without extension ('model' → model.glb); zips keep their own names. */
  baseName: string;
  /** The configured base URL of that provider (the only place plain http or a local address is allowed). */
  endpoint: string;
  signal?: AbortSignal;
  /** Per file and for a zip's unpacked total; default 500 MB. */
  maxBytes?: number;
  /** For the whole download and unpacking; default 10 minutes. Idle timeouts apply as well. */
  deadlineMs?: number;
  timeouts?: Partial<IdleTimeouts>;
  /** Base of the backoff between tries of a broken download (tests shorten it). */
  retryBackoffMs?: number;
}

export interface DownloadedAsset {
  /** The file to open, relative to `outputsDir` (`/` separators). */
  primary: string;
  files: SavedFile[];
}

function duration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(1, Math.round(ms / 1000))} s`;
}

function safeBaseName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(name)) throw new Error(`baseName must be a plain file name, got ${JSON.stringify(name)}`);
  return name;
}

export async function downloadAsset(opts: DownloadAssetOptions): Promise<DownloadedAsset> {
  const baseName = safeBaseName(opts.baseName);
  const who = providerName(opts.provider);
  const maxBytes = opts.maxBytes ?? defaultMaxBytes;
  const deadlineMs = opts.deadlineMs ?? defaultDeadlineMs;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  const why = (): ProviderError =>
    opts.signal?.aborted
      ? new ProviderError({ provider: opts.provider, kind: 'cancelled', message: `The download of the result from ${who} was cancelled; nothing was saved.` })
      : new ProviderError({ provider: opts.provider, kind: 'network', message: `Downloading the result from ${who} took longer than ${duration(deadlineMs)}, so it was stopped; nothing was saved. Try the download again.` });

  const fetched = await fetchOrWrite(opts, opts.asset.format, maxBytes, signal, why);
  try {
    if (opts.asset.format === 'obj' && isZip(fetched.file.firstBytes)) {
      const out = await extractZip({ provider: opts.provider, zipPath: fetched.file.path, outputsDir: opts.outputsDir, limits: { ...defaultZipLimits, maxBytes }, signal });
      return out;
    }
    const name = `${baseName}.${opts.asset.format}`;
    await fetched.file.commit(path.join(opts.outputsDir, name));
    return { primary: name, files: [{ name, format: opts.asset.format, bytes: fetched.file.bytes, sha256: fetched.sha256 }] };
  } catch (error) {
    if (signal.aborted && !(error instanceof ProviderError)) throw why();
    if ((error as { name?: string }).name === 'AbortError') throw why();
    throw error;
  } finally {
    // The downloaded zip (or a file whose rename failed) is never kept under its temp name.
    await fetched.file.discard();
  }
}

async function fetchOrWrite(opts: DownloadAssetOptions, format: OutputFormat, maxBytes: number, signal: AbortSignal, why: () => ProviderError): Promise<Fetched> {
  const asset = opts.asset;
  if ('url' in asset) {
    return fetchToTemp({
      provider: opts.provider,
      url: asset.url,
      endpoint: opts.endpoint,
      format,
      dir: opts.outputsDir,
      maxBytes,
      timeouts: { ...defaultTimeouts, ...opts.timeouts },
      signal,
      why,
      backoffMs: opts.retryBackoffMs,
    });
  }
  // Inline bytes (self-hosted base64, Segmind v1): the same checks and the same temp + rename.
  if (asset.bytes.byteLength > maxBytes) throw tooLarge(opts.provider, maxBytes);
  if (!matchesFormat(asset.bytes, format)) throw notTheFormat(opts.provider, format);
  const file = await TempFile.create(opts.outputsDir);
  try {
    await file.writeAll(asset.bytes);
    if (signal.aborted) throw why();
    return { file, sha256: await file.finish() };
  } catch (error) {
    await file.discard();
    throw error;
  }
}
