/** Shared pieces for the provider contract tests: a context, real small images, polling to the end, the result's files. */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findModel, type CatalogModel } from '../../../src/shared/catalog';
import type { ProviderId } from '../../../src/shared/providers';
import { downloadAsset, type DownloadAssetOptions, type SavedFile } from '../../../src/main/core/downloads/download-asset';
import { createMemoryLog } from '../../../src/main/core/log';
import type { CheckResult, NormalisedImage, ProviderAdapter, ProviderContext, RemoteRef, ResultAsset } from '../../../src/main/core/providers/types';
import { checkerPng } from '../../sim/models';

export function model(id: string): CatalogModel {
  const m = findModel(id);
  if (!m) throw new Error(`no catalog model ${id}`);
  return m;
}

export function png(size = 128): NormalisedImage {
  return { bytes: checkerPng(size), mime: 'image/png', width: size, height: size };
}

export function makeCtx(baseUrl: string, key: string, extra: Partial<Omit<ProviderContext, 'log'>> = {}): ProviderContext & { log: ReturnType<typeof createMemoryLog> } {
  return { baseUrl: baseUrl.replace(/\/$/, ''), key, log: createMemoryLog(), timeouts: { connectMs: 2_000, headersMs: 3_000, bodyMs: 3_000 }, now: Date.now, ...extra };
}

/** Check until the answer is final (no retry-after handling: tests assert those themselves). */
export async function pollToEnd(adapter: ProviderAdapter, ctx: ProviderContext, ref: RemoteRef, limit = 200): Promise<CheckResult> {
  for (let i = 0; i < limit; i++) {
    const r = await adapter.check(ctx, ref);
    if (r.state !== 'progress') return r;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('job never finished');
}

/** The awaited rejection, typed, so tests can assert on kind and message. */
export async function rejection<T = Error>(p: Promise<unknown>): Promise<T> {
  try {
    await p;
  } catch (error) {
    return error as T;
  }
  throw new Error('expected the call to fail');
}

/**
 * The result as the job engine saves it (`downloadAsset` into a throwaway outputs folder): the
 * primary file's bytes and every file written (a zipped OBJ arrives unpacked).
 */
export async function downloaded(provider: ProviderId, ctx: ProviderContext, asset: ResultAsset, extra: Partial<DownloadAssetOptions> = {}): Promise<{ bytes: Uint8Array; primary: string; files: SavedFile[] }> {
  const root = await mkdtemp(path.join(tmpdir(), 'hy3d-result-'));
  try {
    const outputsDir = path.join(root, 'outputs');
    await mkdir(outputsDir);
    const out = await downloadAsset({ provider, asset, outputsDir, baseName: 'model', endpoint: ctx.baseUrl, signal: ctx.signal, timeouts: ctx.timeouts, retryBackoffMs: 20, ...extra });
    return { ...out, bytes: new Uint8Array(await readFile(path.join(outputsDir, out.primary))) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
