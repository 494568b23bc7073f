/**
 * One interface for every provider API. The engine drives it: prepare inputs once, submit once
 * (never retried here: a submit is a paid job), then check until the answer is final.
 */
import type { CatalogModel, OutputFormat, ParamValues, ViewName } from '../../../shared/catalog';
import type { ProviderId } from '../../../shared/providers';
import type { Log } from '../log';
import type { ProviderErrorKind } from './errors';
import type { HttpTimeouts } from './http';

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

export interface SubmitResult {
  remoteId: string;
  submittedAt: number;
  /** Synchronous routes (Segmind v1, a self-hosted `/generate`) answer with the result itself. */
  immediate?: Completed;
}

/** What `check` needs to find a job again, also after a restart. */
export interface RemoteRef {
  remoteId: string;
  submittedAt: number;
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
 * for what retrying cannot fix (key, credits, retired model, an unreadable answer).
 */
export interface ProviderAdapter {
  readonly id: ProviderId;
  prepareInputs(ctx: ProviderContext, model: CatalogModel, inputs: JobInputs): Promise<PreparedInputs>;
  submit(ctx: ProviderContext, model: CatalogModel, prepared: PreparedInputs, params: ParamValues): Promise<SubmitResult>;
  check(ctx: ProviderContext, model: CatalogModel, ref: RemoteRef): Promise<CheckResult>;
}
