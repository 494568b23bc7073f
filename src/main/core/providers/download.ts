/**
 * Fetching a result file: a size cap, a check that the bytes are the declared format, and no key
 * sent along — result links are presigned CDN URLs that need none.
 */
import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import type { ProviderId } from '../../../shared/providers';
import { errorForStatus } from './classify';
import { ProviderError, providerName } from './errors';
import { send } from './http';
import { matchesFormat } from './magic';
import type { ProviderContext, ResultAsset } from './types';

export interface FetchLimits {
  maxBytes: number;
}

export const defaultResultLimitBytes = 512 * 1024 * 1024;

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Only https, except plain http to the host the user configured as the endpoint (a self-hosted
 * server, a local proxy, the simulator) — a provider's answer must not steer us to other hosts in the clear.
 */
export function allowedResultUrl(url: string, baseUrl: string): boolean {
  let u: URL;
  let base: URL;
  try {
    u = new URL(url);
    base = new URL(baseUrl);
  } catch {
    return false;
  }
  if (u.protocol === 'https:') return true;
  if (u.protocol !== 'http:') return false;
  return u.host === base.host || (loopback.has(u.hostname) && loopback.has(base.hostname));
}

/** A result's bytes, checked against its declared format. */
export async function fetchResult(provider: ProviderId, ctx: ProviderContext, asset: ResultAsset, limits: FetchLimits = { maxBytes: defaultResultLimitBytes }): Promise<Uint8Array> {
  const who = providerName(provider);
  let bytes: Uint8Array;
  if ('bytes' in asset) {
    if (asset.bytes.byteLength > limits.maxBytes) throw tooBig(provider, limits.maxBytes);
    bytes = asset.bytes;
  } else {
    if (!allowedResultUrl(asset.url, ctx.baseUrl)) {
      throw new ProviderError({ provider, kind: 'malformed', message: `${who} pointed to a result at an address the app does not fetch from (only https is allowed).` });
    }
    const answer = await send({ provider, method: 'GET', url: asset.url, maxBytes: limits.maxBytes, signal: ctx.signal, timeouts: ctx.timeouts, headers: { accept: '*/*' } });
    if (answer.status === 404) {
      throw new ProviderError({ provider, kind: 'expired', status: 404, message: `${who} no longer has the result file (HTTP 404); its link has expired. Run the job again.` });
    }
    if (answer.status < 200 || answer.status >= 300) throw errorForStatus(provider, answer, 'download');
    bytes = answer.bytes;
  }
  if (!matchesFormat(bytes, asset.format)) {
    throw new ProviderError({ provider, kind: 'malformed', message: `${who} said the result is ${asset.format.toUpperCase()}, but the file is not; it was not saved.` });
  }
  return bytes;
}

function tooBig(provider: ProviderId, limit: number): ProviderError {
  return new ProviderError({ provider, kind: 'too-large', message: `${providerName(provider)} sent a result larger than ${Math.round(limit / (1024 * 1024))} MB, more than the app accepts; it was not saved.` });
}

/** Fetch a result and write it to `destFile` atomically (temp file, fsync, rename). */
export async function downloadResult(provider: ProviderId, ctx: ProviderContext, asset: ResultAsset, destFile: string, limits?: FetchLimits): Promise<number> {
  const bytes = await fetchResult(provider, ctx, asset, limits);
  const temp = `${destFile}.${randomUUID()}.part`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, destFile);
  return bytes.byteLength;
}
