/**
 * One interface for every provider API. The engine drives it: prepare inputs once, submit once
 * (never retried here: a submit is a paid job), then check until the answer is final.
 */
import type { CatalogModel, OutputFormat, ParamValues, ViewName } from '../../../shared/catalog';
import type { ProviderId } from '../../../shared/providers';
import type { Log } from '../log';
import type { ProviderErrorKind } from './errors';
import type { HttpTimeouts } from './timeouts';

export interface ProviderContext {
  /** From `resolveEndpoints`, without a trailing slash. */
  baseUrl: string;
  /** From the key vault; empty for the self-hosted server. */
  key: string;
  signal?: AbortSignal;
  log: Log;
  timeouts?: Partial<HttpTimeouts>;
  /**
   * Headers timeout for synchronous generation routes (Segmind v1, a self-hosted `/generate`),
   * which answer only when the model is made. Unset: the longer of `timeouts.headersMs` and the
   * route's own long wait, so a short polling timeout never cuts a generation off. Tests set it
   * to shorten that wait on purpose.
   */
  syncHeadersMs?: number;
  /** The engine's clock (ms since the epoch); adapters never read their own. */
  now: () => number;
}

/** An image after the image step: decoded, re-encoded, within the providers' limits. */
export interface NormalisedImage {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

export type JobInputs =
  | { kind: 'image'; image: NormalisedImage }
  | { kind: 'views'; views: { front: NormalisedImage } & Partial<Record<Exclude<ViewName, 'front'>, NormalisedImage>> }
  | { kind: 'text'; text: string };

/** Provider fields for the inputs (URLs after upload, or inline data); plain JSON, so a job can keep them. */
export interface PreparedInputs {
  fields: Record<string, unknown>;
}

/**
 * Everything a stored job needs to be checked again, also after a restart and without the live
 * catalog: plain JSON, so the engine can keep it as it is.
 */
export interface RemoteRef {
  provider: ProviderId;
  /** The provider's id for the job, already checked (ids.ts) before it was put here. */
  remoteId: string;
  /** `sync`: the route answered with the result itself (Segmind v1, a self-hosted `/generate`); nothing to check. */
  route: 'async' | 'sync';
  /** The provider's model id as submitted. */
  remoteModel: string;
  /** The format asked for: what an extension-less result URL is taken to be. */
  outputFormat: OutputFormat;
  /** From `ctx.now()` just before the submit left. */
  submittedAt: number;
}

export interface SubmitResult {
  ref: RemoteRef;
  /** Synchronous routes (Segmind v1, a self-hosted `/generate`) answer with the result itself. */
  immediate?: Completed;
}

/** One job the provider lists as recent (WaveSpeed's "list predictions"), to find a lost submit again. */
export interface RecentJob {
  remoteId: string;
  /** ms since the epoch. */
  createdAt: number;
  status: string;
}

export interface RecentQuery {
  remoteModel: string;
  /** ms since the epoch, inclusive. */
  from: number;
  to: number;
}

export type ResultAsset =
  | { url: string; format: OutputFormat }
  | { bytes: Uint8Array; format: OutputFormat };

export interface Progress {
  state: 'progress';
  phase: 'queued' | 'running';
  /** 0–100 when the provider says. */
  percent?: number;
  providerStatus: string;
}

export interface Completed {
  state: 'completed';
  assets: ResultAsset[];
  costUsd?: number;
  metrics?: Record<string, number>;
}

export interface Failed {
  state: 'failed';
  /** The provider's reason, as a sentence for the user. */
  reason: string;
  providerCode?: string;
}

/** Ask again after `ms`: rate limits, server trouble, a dropped connection. */
export interface RetryAfter {
  state: 'retry-after';
  ms: number;
  reason: string;
  kind: ProviderErrorKind;
}

/** The provider no longer has the job (Segmind keeps results one hour). */
export interface Expired {
  state: 'expired';
  reason: string;
}

export type CheckResult = Progress | Completed | Failed | RetryAfter | Expired;

/**
 * Errors come out as `ProviderError`: from `prepareInputs` and `submit` always; from `check` only
 * for what retrying cannot fix (key, credits, retired model, an unreadable answer). Time is the
 * engine's: no adapter gives up on a job by itself.
 */
export interface ProviderAdapter {
  readonly id: ProviderId;
  prepareInputs(ctx: ProviderContext, model: CatalogModel, inputs: JobInputs): Promise<PreparedInputs>;
  submit(ctx: ProviderContext, model: CatalogModel, prepared: PreparedInputs, params: ParamValues): Promise<SubmitResult>;
  check(ctx: ProviderContext, ref: RemoteRef): Promise<CheckResult>;
  /** Tell the provider to stop the job; only where it documents a cancel route (none of today's do). */
  cancel?(ctx: ProviderContext, ref: RemoteRef): Promise<boolean>;
  /** Jobs the provider lists for this model in [from, to], newest first; where it documents such a list. */
  findRecent?(ctx: ProviderContext, q: RecentQuery): Promise<RecentJob[]>;
}
