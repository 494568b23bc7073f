/**
 * Segmind (PROVIDERS.md §1): `x-api-key`; async v2 submit/status/result; `hunyuan3d-2mv` tries v2
 * and falls back to the synchronous v1 route only when v2 answers 404; local images go through
 * Segmind's upload-asset storage and are passed as URLs.
 */
import { randomUUID } from 'node:crypto';
import type { CatalogModel, OutputFormat, ParamValues } from '../../../shared/catalog';
import { toWireFields } from '../../../shared/catalog';
import { providerText } from '../text';
import { numbersOf, record, textOf } from './answers';
import { requireKey } from './auth';
import { errorForStatus } from './classify';
import { dataUrl } from './encoding';
import { checkedRemoteId, isSafeRemoteId, maxResultUrls, tooManyResults } from './ids';
import { presentViews, requestedFormat, requireInputs, requireParams } from './inputs';
import { malformed, readJson, resultLimitBytes, send, type HttpAnswer } from './http';
import { retryOrThrow } from './retry';
import { syncHeadersMs } from './timeouts';
import type { CheckResult, Completed, JobInputs, PreparedInputs, ProviderAdapter, ProviderContext, RemoteRef, ResultAsset, SubmitResult } from './types';
import { formatFromUrl, isHttpUrl, joinUrl, urlExtension } from './urls';

const P = 'segmind' as const;

/** Upload-asset lives on another host; a configured endpoint (proxy, simulator) serves both. */
export function segmindUploadBase(baseUrl: string): string {
  return /^https:\/\/api\.segmind\.com$/i.test(baseUrl) ? 'https://workflows-api.segmind.com' : baseUrl;
}

const viewFields = { front: 'front_image', back: 'back_image', left: 'left_image', right: 'right_image' } as const;

function headers(ctx: ProviderContext): Record<string, string> {
  return { 'x-api-key': requireKey(P, ctx) };
}

async function upload(ctx: ProviderContext, images: { bytes: Uint8Array; mime: string }[]): Promise<string[]> {
  const answer = await send({
    provider: P, method: 'POST', url: joinUrl(segmindUploadBase(ctx.baseUrl), '/upload-asset'),
    headers: headers(ctx), json: { data_urls: images.map(dataUrl) }, signal: ctx.signal, timeouts: ctx.timeouts,
  });
  if (answer.status < 200 || answer.status >= 300) throw errorForStatus(P, answer, 'upload', ctx.now);
  const body = record(readJson(P, answer));
  // Older answers named the list `file_urls`.
  const urls = body.urls ?? body.file_urls;
  if (!Array.isArray(urls) || urls.length !== images.length || !urls.every(isHttpUrl)) {
    malformed(P, 'Segmind accepted the pictures but did not say where it stored them.');
  }
  return urls as string[];
}

async function prepareInputs(ctx: ProviderContext, model: CatalogModel, inputs: JobInputs): Promise<PreparedInputs> {
  requireInputs(P, model, inputs);
  if (inputs.kind === 'text') return { fields: { text: inputs.text } };
  if (inputs.kind === 'image') {
    const [url] = await upload(ctx, [inputs.image]);
    return { fields: { image: url } };
  }
  const named = presentViews(inputs.views);
  const urls = await upload(ctx, named.map(([, image]) => image));
  const fields: Record<string, unknown> = {};
  named.forEach(([view], i) => (fields[viewFields[view]] = urls[i]));
  return { fields };
}

/**
 * Fields a model's page lists as required with default null (seed 000: `mesh`, whose official
 * sample sends `mesh=None`); sent as null when the job has none.
 */
const requiredNulls: Record<string, readonly string[]> = { 'hunyuan-3d-2': ['mesh'] };

async function submit(ctx: ProviderContext, model: CatalogModel, prepared: PreparedInputs, params: ParamValues): Promise<SubmitResult> {
  const values = requireParams(P, model, params);
  const body: Record<string, unknown> = { ...prepared.fields, ...toWireFields(model, values) };
  for (const field of requiredNulls[model.remoteModel] ?? []) if (!(field in body)) body[field] = null;
  const base = { provider: P, remoteModel: model.remoteModel, outputFormat: requestedFormat(model, values), submittedAt: ctx.now() };
  const answer = await send({
    provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, `/v2/${model.remoteModel}`), headers: headers(ctx),
    json: body, signal: ctx.signal, timeouts: ctx.timeouts, paid: true,
  });
  if (answer.status === 404 && model.remoteModel === 'hunyuan3d-2mv') {
    ctx.log.info('segmind: v2 route for 2mv not found; using the synchronous v1 route');
    return submitV1(ctx, model, body, base);
  }
  if (answer.status < 200 || answer.status >= 300) throw errorForStatus(P, answer, 'submit', ctx.now);
  const parsed = record(readJson(P, answer, true));
  // The official SDK refuses a 2xx submit without these three; so do we.
  if (!isHttpUrl(parsed.status_url) || !isHttpUrl(parsed.response_url)) {
    malformed(P, 'Segmind accepted the job but its answer lacked the request id and links.', true);
  }
  return { ref: { ...base, remoteId: checkedRemoteId(P, parsed.request_id, true), route: 'async' } };
}

/** v1 is synchronous (≈ 100 s) and answers either the model bytes or JSON with a URL. */
async function submitV1(ctx: ProviderContext, model: CatalogModel, body: Record<string, unknown>, base: Omit<RemoteRef, 'remoteId' | 'route'>): Promise<SubmitResult> {
  const answer = await send({
    provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, `/v1/${model.remoteModel}`), headers: headers(ctx), json: body,
    signal: ctx.signal, paid: true, maxBytes: resultLimitBytes,
    timeouts: { ...ctx.timeouts, headersMs: syncHeadersMs(ctx, 600_000) },
  });
  if (answer.status < 200 || answer.status >= 300) throw errorForStatus(P, answer, 'submit', ctx.now);
  const format = base.outputFormat;
  // The request id is only a label here (nothing is fetched with it); one we would not put in a URL is replaced.
  const said = answer.headers['x-request-id'];
  const ref: RemoteRef = { ...base, remoteId: isSafeRemoteId(said) ? said : randomUUID(), route: 'sync' };
  const costUsd = Number(answer.headers['x-cost']);
  const extra = Number.isFinite(costUsd) ? { costUsd } : {};
  if (answer.contentType.includes('application/json')) {
    const parsed = readJson(P, answer, true);
    const assets = findAssets(parsed, format, Object.values(body), true);
    if (assets.length === 0) malformed(P, 'Segmind finished the job but its answer named no model file.', true);
    return { ref, immediate: { state: 'completed', assets, ...extra } };
  }
  if (answer.bytes.byteLength === 0) malformed(P, 'Segmind finished the job but sent an empty file.', true);
  const metrics = numbersOf({ remaining_credits: answer.headers['x-remaining-credits'] });
  const immediate: Completed = { state: 'completed', assets: [{ bytes: answer.bytes, format }], ...extra, ...(metrics ? { metrics } : {}) };
  return { ref, immediate };
}

/** Body keys that name what was submitted, not what was made: their URLs are never results. */
const inputKeys = new Set(['image', 'mesh', ...Object.values(viewFields), 'input', 'inputs', 'params', 'parameters']);

/**
 * Result bodies are model-specific: `output` first, then any model-file URL anywhere in the body.
 * A URL without an extension in `output` is taken as `fallback`; one with another extension (a
 * `.png` preview) is not a model. URLs the job was given (`inputs`, or echoed under input keys) are skipped.
 */
export function findAssets(body: unknown, fallback: OutputFormat, inputs: readonly unknown[] = [], paid = false): ResultAsset[] {
  const out: ResultAsset[] = [];
  const skip = new Set<string>(inputs.filter(isHttpUrl));
  const collectInputs = (v: unknown, depth: number): void => {
    if (depth > 6) return;
    if (isHttpUrl(v)) skip.add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => collectInputs(x, depth + 1));
  };
  const b = record(body);
  for (const [k, v] of Object.entries(b)) if (inputKeys.has(k)) collectInputs(v, 0);
  const add = (url: string, guess?: OutputFormat): void => {
    if (skip.has(url)) return;
    const format = formatFromUrl(url) ?? (guess && urlExtension(url) === '' ? guess : undefined);
    if (!format) return;
    skip.add(url);
    if (out.length >= maxResultUrls) tooManyResults(P, paid);
    out.push({ url, format });
  };
  const output = b.output;
  if (isHttpUrl(output)) add(output, fallback);
  else if (Array.isArray(output)) output.filter(isHttpUrl).forEach((u) => add(u, fallback));
  const walk = (v: unknown, depth: number): void => {
    if (depth > 6) return;
    if (isHttpUrl(v)) add(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (depth > 0 || !inputKeys.has(k)) walk(x, depth + 1);
    }
  };
  walk(body, 0);
  return out;
}

function failedFrom(body: Record<string, unknown>): CheckResult {
  const said = textOf(body.error);
  const error = said ? providerText(said) : 'no reason given';
  return { state: 'failed', reason: `Segmind could not make this model: ${error}`, providerCode: 'FAILED' };
}

function expired(): CheckResult {
  return { state: 'expired', reason: 'Segmind no longer has this job; it keeps results for one hour after submission.' };
}

async function get(ctx: ProviderContext, path: string): Promise<HttpAnswer> {
  return send({ provider: P, method: 'GET', url: joinUrl(ctx.baseUrl, path), headers: headers(ctx), signal: ctx.signal, timeouts: ctx.timeouts });
}

async function check(ctx: ProviderContext, ref: RemoteRef): Promise<CheckResult> {
  if (ref.route === 'sync') {
    return { state: 'expired', reason: 'This job ran on Segmind’s synchronous route; its result came with the submission and cannot be fetched again.' };
  }
  try {
    const id = checkedRemoteId(P, ref.remoteId);
    const status = await get(ctx, `/v2/requests/${id}/status`);
    if (status.status === 404) return expired();
    const statusBody = status.status === 422 || (status.status >= 200 && status.status < 300) ? record(readJson(P, status)) : undefined;
    if (!statusBody) throw errorForStatus(P, status, 'check', ctx.now);
    const state = statusBody.status;
    if (state === 'FAILED' || status.status === 422) return failedFrom(statusBody);
    if (state === 'QUEUED') return { state: 'progress', phase: 'queued', providerStatus: state };
    if (state === 'PROCESSING') return { state: 'progress', phase: 'running', providerStatus: state };
    if (state !== 'COMPLETED') malformed(P, `Segmind reported a status the app does not know (${providerText(String(state), 40)}).`);

    const result = await get(ctx, `/v2/requests/${id}`);
    if (result.status === 404) return expired();
    if (result.status === 422) return failedFrom(record(readJson(P, result)));
    if (result.status < 200 || result.status >= 300) throw errorForStatus(P, result, 'check', ctx.now);
    const body = record(readJson(P, result));
    // A URL without an extension is taken as the format the job asked for.
    const assets = findAssets(body, ref.outputFormat);
    if (assets.length === 0) malformed(P, 'Segmind finished the job but its answer named no model file.');
    const metrics = numbersOf(body.metrics) ?? numbersOf(statusBody.metrics);
    const completed: Completed = { state: 'completed', assets };
    if (metrics) {
      completed.metrics = metrics;
      if (metrics.cost !== undefined) completed.costUsd = metrics.cost;
    }
    return completed;
  } catch (error) {
    return retryOrThrow(error);
  }
}

export function createSegmindAdapter(): ProviderAdapter {
  return { id: P, prepareInputs, submit, check };
}
