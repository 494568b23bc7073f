/**
 * The adapters' old entry points, kept so their callers (WaveSpeed's upload-target check, the
 * adapter tests) compile until they move to `../downloads/`. Both run on the new download path:
 * the URL policy, manual redirects, connect-time address checks, streaming caps and retries.
 * The job engine uses `downloadAsset` from `../downloads/download-asset` instead.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProviderId } from '../../../shared/providers';
import { defaultIdleTimeouts, fetchToTemp, notTheFormat, tooLarge, type Fetched } from '../downloads/fetch';
import { matchesFormat } from '../downloads/magic';
import { TempFile } from '../downloads/temp-file';
import { ProviderError, providerName } from './errors';
import type { ProviderContext, ResultAsset } from './types';

export { allowedResultUrl } from '../downloads/url-policy';

export interface FetchLimits {
  maxBytes: number;
}

export const defaultResultLimitBytes = 500 * 1024 * 1024;

async function fetchInto(dir: string, provider: ProviderId, ctx: ProviderContext, asset: { url: string; format: ResultAsset['format'] }, maxBytes: number): Promise<Fetched> {
  const cancelled = (): ProviderError => new ProviderError({ provider, kind: 'cancelled', message: `The download of the result from ${providerName(provider)} was cancelled; nothing was saved.` });
  return fetchToTemp({
    provider,
    url: asset.url,
    endpoint: ctx.baseUrl,
    format: asset.format,
    dir,
    maxBytes,
    timeouts: { ...defaultIdleTimeouts, ...ctx.timeouts },
    signal: ctx.signal ?? new AbortController().signal,
    why: cancelled,
  });
}

/** A result's bytes in memory (tests and small files only), checked like every download. */
export async function fetchResult(provider: ProviderId, ctx: ProviderContext, asset: ResultAsset, limits: FetchLimits = { maxBytes: defaultResultLimitBytes }): Promise<Uint8Array> {
  if ('bytes' in asset) {
    if (asset.bytes.byteLength > limits.maxBytes) throw tooLarge(provider, limits.maxBytes);
    if (!matchesFormat(asset.bytes, asset.format)) throw notTheFormat(provider, asset.format);
    return asset.bytes;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'hy3d-fetch-'));
  try {
    const { file } = await fetchInto(dir, provider, ctx, asset, limits.maxBytes);
    return new Uint8Array(await readFile(file.path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A result written to `destFile` as it arrived (a zip stays a zip): temp file, fsync, rename. */
export async function downloadResult(provider: ProviderId, ctx: ProviderContext, asset: ResultAsset, destFile: string, limits?: FetchLimits): Promise<number> {
  const maxBytes = limits?.maxBytes ?? defaultResultLimitBytes;
  let fetched: Fetched;
  if ('bytes' in asset) {
    if (asset.bytes.byteLength > maxBytes) throw tooLarge(provider, maxBytes);
    if (!matchesFormat(asset.bytes, asset.format)) throw notTheFormat(provider, asset.format);
    const file = await TempFile.create(path.dirname(destFile));
    try {
      await file.writeAll(asset.bytes);
      fetched = { file, sha256: await file.finish() };
    } catch (error) {
      await file.discard();
      throw error;
    }
  } else {
    fetched = await fetchInto(path.dirname(destFile), provider, ctx, asset, maxBytes);
  }
  try {
    await fetched.file.commit(destFile);
  } finally {
    await fetched.file.discard();
  }
  return fetched.file.bytes;
}
