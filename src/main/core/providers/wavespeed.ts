/**
 * WaveSpeedAI (PROVIDERS.md §2): Bearer auth; a `{code,message,data}` envelope; a failed task is
 * HTTP 200 with `data.status:"failed"`; `data.urls.get` is not trusted (seen with a double slash);
 * local images go through the two-step media upload the official SDK uses.
 */
import type { CatalogModel, ParamValues } from '../../../shared/catalog';
import { toWireFields } from '../../../shared/catalog';
import { allowedResultUrl } from '../downloads/url-policy';
import { providerText } from '../text';
import { numbersOf, record, textOf } from './answers';
import { requireKey } from './auth';
import { errorForStatus } from './classify';
import { extensionFor } from './encoding';
import { checkedRemoteId, maxResultUrls, tooManyResults } from './ids';
import { invalid, requestedFormat, requireInputs, requireParams } from './inputs';
import { malformed, readJson, send, type HttpAnswer } from './http';
import { retryOrThrow } from './retry';
import type { CheckResult, Completed, JobInputs, NormalisedImage, PreparedInputs, ProviderAdapter, ProviderContext, RecentJob, RecentQuery, RemoteRef, SubmitResult } from './types';
import { formatFromUrl, isHttpUrl, joinUrl } from './urls';

const P = 'wavespeed' as const;
const viewFields = { front: 'front_image_url', back: 'back_image_url', left: 'left_image_url' } as const;
/** The official SDKs stop on these as well as on `failed`. */
const terminalFailures = new Set(['failed', 'cancelled', 'timeout', 'deleted']);

function auth(ctx: ProviderContext): Record<string, string> {
  return { authorization: `Bearer ${requireKey(P, ctx)}` };
}

type Envelope = { code?: unknown; message?: unknown; data?: unknown };

/** Unwrap the envelope; a non-200 `code` inside an HTTP 200 is classified like the status it names. */
function unwrap(ctx: ProviderContext, answer: HttpAnswer, phase: 'upload' | 'submit' | 'check'): Record<string, unknown> {
  const body = readJson(P, answer, phase === 'submit') as Envelope;
  if (!body || typeof body !== 'object') return malformed(P, 'WaveSpeed sent an answer without its usual envelope.', phase === 'submit');
  if (typeof body.code === 'number' && body.code !== 200) {
    throw errorForStatus(P, { ...answer, status: body.code }, phase, ctx.now);
  }
  if (!body.data || typeof body.data !== 'object') return malformed(P, 'WaveSpeed sent an answer without data.', phase === 'submit');
  return body.data as Record<string, unknown>;
}

async function uploadOne(ctx: ProviderContext, image: NormalisedImage, name: string): Promise<string> {
  const filename = `${name}.${extensionFor(image.mime)}`;
  const ticket = await send({
    provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, '/api/v3/media/uploads'), headers: auth(ctx),
    json: { filename, size: image.bytes.byteLength, content_type: image.mime }, signal: ctx.signal, timeouts: ctx.timeouts,
  });
  if (ticket.status < 200 || ticket.status >= 300) throw errorForStatus(P, ticket, 'upload', ctx.now);
  const data = unwrap(ctx, ticket, 'upload');
  const upload = data.upload as { method?: unknown; url?: unknown; headers?: unknown } | undefined;
  const downloadUrl = data.download_url;
  if (!isHttpUrl(downloadUrl) || !upload || String(upload.method).toUpperCase() !== 'PUT' || !isHttpUrl(upload.url)) {
    return malformed(P, 'WaveSpeed did not say where to upload the picture.');
  }
  if (!allowedResultUrl(upload.url, ctx.baseUrl)) return malformed(P, 'WaveSpeed asked for an upload to an address the app does not send pictures to.');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((upload.headers ?? {}) as Record<string, unknown>)) if (typeof v === 'string') headers[k] = v;
  // A presigned storage URL: the API key is not sent there.
  const put = await send({ provider: P, method: 'PUT', url: upload.url, headers, body: image.bytes, signal: ctx.signal, timeouts: ctx.timeouts });
  if (put.status < 200 || put.status >= 300) throw errorForStatus(P, put, 'upload-link', ctx.now);
  return downloadUrl;
}

async function prepareInputs(ctx: ProviderContext, model: CatalogModel, inputs: JobInputs): Promise<PreparedInputs> {
  requireInputs(P, model, inputs);
  if (inputs.kind === 'image') return { fields: { image: await uploadOne(ctx, inputs.image, 'image') } };
  if (inputs.kind === 'text') throw invalid(P, 'WaveSpeed’s Hunyuan3D models do not take a text prompt.');
  const fields: Record<string, unknown> = {};
  for (const [view, field] of Object.entries(viewFields) as [keyof typeof viewFields, string][]) {
    const image = inputs.views[view];
    if (image) fields[field] = await uploadOne(ctx, image, view);
  }
  return { fields };
}

async function submit(ctx: ProviderContext, model: CatalogModel, prepared: PreparedInputs, params: ParamValues): Promise<SubmitResult> {
  const values = requireParams(P, model, params);
  const submittedAt = ctx.now();
  const answer = await send({
    provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, `/api/v3/${model.remoteModel}`), headers: auth(ctx),
    json: { ...prepared.fields, ...toWireFields(model, values) }, signal: ctx.signal, timeouts: ctx.timeouts, paid: true,
  });
  if (answer.status < 200 || answer.status >= 300) throw errorForStatus(P, answer, 'submit', ctx.now);
  const data = unwrap(ctx, answer, 'submit');
  const remoteId = checkedRemoteId(P, data.id, true);
  return { ref: { provider: P, remoteId, route: 'async', remoteModel: model.remoteModel, outputFormat: requestedFormat(model, values), submittedAt } };
}

async function check(ctx: ProviderContext, ref: RemoteRef): Promise<CheckResult> {
  try {
    const id = checkedRemoteId(P, ref.remoteId);
    // Built here rather than taken from `data.urls.get`, which has been seen malformed.
    const answer = await send({
      provider: P, method: 'GET', url: joinUrl(ctx.baseUrl, `/api/v3/predictions/${id}/result`),
      headers: auth(ctx), signal: ctx.signal, timeouts: ctx.timeouts,
    });
    if (answer.status === 404) return { state: 'expired', reason: 'WaveSpeed no longer knows this task; it keeps tasks for 7 days.' };
    if (answer.status < 200 || answer.status >= 300) throw errorForStatus(P, answer, 'check', ctx.now);
    const data = unwrap(ctx, answer, 'check');
    const status = String(data.status);
    if (status === 'created') return { state: 'progress', phase: 'queued', providerStatus: status };
    if (status === 'processing') return { state: 'progress', phase: 'running', providerStatus: status };
    if (terminalFailures.has(status)) {
      const error = textOf(data.error);
      const said = error ? providerText(error) : `the task ended as “${status}”`;
      return { state: 'failed', reason: `WaveSpeed could not make this model: ${said}`, providerCode: status };
    }
    if (status !== 'completed') return malformed(P, `WaveSpeed reported a status the app does not know (${providerText(status, 40)}).`);
    const outputs = Array.isArray(data.outputs) ? data.outputs.filter(isHttpUrl) : [];
    if (outputs.length === 0) return malformed(P, 'WaveSpeed finished the task but named no model file.');
    if (outputs.length > maxResultUrls) return tooManyResults(P);
    const completed: Completed = { state: 'completed', assets: outputs.map((url) => ({ url, format: formatFromUrl(url) ?? ref.outputFormat })) };
    const timings = numbersOf(data.timings);
    if (timings) completed.metrics = Object.fromEntries(Object.entries(timings).map(([k, v]) => [`${k}_ms`, v]));
    return completed;
  } catch (error) {
    return retryOrThrow(error);
  }
}

/** The list holds the past 7 days, 100 to a page (PROVIDERS.md §6); more pages than this is not a lost job's search. */
const listPageSize = 100;
const listMaxPages = 10;

/** `created_at` is documented as an RFC 3339 string; epoch seconds or milliseconds are read too. */
function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e12 ? v * 1000 : v;
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const at = Date.parse(v);
  return Number.isFinite(at) ? at : undefined;
}

/**
 * WaveSpeed's "list predictions" (`POST /api/v3/predictions`), read for one model and time range,
 * newest first. Filters are sent (model, created_after/created_before as ISO times) and applied
 * again here, in case the service ignores one of them.
 */
async function findRecent(ctx: ProviderContext, q: RecentQuery): Promise<RecentJob[]> {
  const found: RecentJob[] = [];
  for (let page = 1; page <= listMaxPages; page++) {
    const answer = await send({
      provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, '/api/v3/predictions'), headers: auth(ctx), signal: ctx.signal, timeouts: ctx.timeouts,
      json: { page, page_size: listPageSize, model: q.remoteModel, created_after: new Date(q.from).toISOString(), created_before: new Date(q.to).toISOString() },
    });
    if (answer.status < 200 || answer.status >= 300) throw errorForStatus(P, answer, 'check', ctx.now);
    const data = unwrap(ctx, answer, 'check');
    const items: unknown[] = Array.isArray(data.items) ? data.items : Array.isArray(data) ? (data as unknown[]) : [];
    let older = false;
    for (const raw of items) {
      const item = record(raw);
      const remoteId = checkedRemoteId(P, item.id);
      const createdAt = timeOf(item.created_at);
      if (createdAt === undefined) return malformed(P, 'WaveSpeed listed a task without the time it was made.');
      if (createdAt < q.from) older = true;
      if (typeof item.model === 'string' && item.model !== q.remoteModel) continue;
      if (createdAt < q.from || createdAt > q.to) continue;
      found.push({ remoteId, createdAt, status: providerText(String(item.status ?? 'unknown'), 40) });
    }
    // Newest first: a page that reaches past `from`, or a short page, is the last one needed.
    if (older || items.length < listPageSize) break;
  }
  return found.sort((a, b) => b.createdAt - a.createdAt);
}

export function createWaveSpeedAdapter(): ProviderAdapter {
  return { id: P, prepareInputs, submit, check, findRecent };
}
