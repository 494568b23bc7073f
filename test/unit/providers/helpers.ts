/** Shared pieces for the provider contract tests: a context, real small images, polling to the end. */
import { findModel, type CatalogModel } from '../../../src/shared/catalog';
import { createMemoryLog } from '../../../src/main/core/log';
import type { CheckResult, NormalisedImage, ProviderAdapter, ProviderContext, RemoteRef } from '../../../src/main/core/providers/types';
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
