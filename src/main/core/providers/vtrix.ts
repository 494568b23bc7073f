/**
 * Vtrix `tencent_hunyuan_3d` (PROVIDERS.md §3, seed 003): Bearer auth; images inline as base64
 * (no upload API), at most 8 MB after encoding; the asset format is `format`, never `type`.
 */
import type { CatalogModel, ParamValues } from '../../../shared/catalog';
import { toWireFields } from '../../../shared/catalog';
import { isOutputFormat } from '../../../shared/model-formats';
import { providerText } from '../text';
import { numbersOf, record, textOf } from './answers';
import { requireKey } from './auth';
import { errorForStatus } from './classify';
import { toBase64 } from './encoding';
import { checkedRemoteId, maxResultUrls, tooManyResults } from './ids';
import { invalid, requestedFormat, requireInputs, requireParams } from './inputs';
import { malformed, readJson, send, type HttpAnswer } from './http';
import { retryOrThrow } from './retry';
import type { CheckResult, Completed, JobInputs, PreparedInputs, ProviderAdapter, ProviderContext, RemoteRef, ResultAsset, SubmitResult } from './types';
import { isHttpUrl, joinUrl } from './urls';

const P = 'vtrix' as const;
/** Tencent counts the limit after base64 encoding. */
export const vtrixMaxEncodedBytes = 8 * 1024 * 1024;

export const vtrixErrorMeaning: Record<string, string> = {
  '13002095': 'the generator failed',
  '13002096': 'its result could not be read',
  '13002097': 'Tencent Cloud answered with an error',
  '13002098': 'checking the job’s status failed',
  '13002099': 'the job could not be created',
};

function auth(ctx: ProviderContext): Record<string, string> {
  return { authorization: `Bearer ${requireKey(P, ctx)}` };
}

function encode(image: { bytes: Uint8Array }, what: string): string {
  const b64 = toBase64(image.bytes);
  if (b64.length > vtrixMaxEncodedBytes) throw invalid(P, `The ${what} is too large for Vtrix (over 8 MB once encoded); use a smaller picture.`);
  return b64;
}

async function prepareInputs(_ctx: ProviderContext, model: CatalogModel, inputs: JobInputs): Promise<PreparedInputs> {
  requireInputs(P, model, inputs);
  if (inputs.kind === 'text') return { fields: { prompt: inputs.text } };
  if (inputs.kind === 'image') return { fields: { image_base64: encode(inputs.image, 'picture') } };
  const { front, ...others } = inputs.views;
  const fields: Record<string, unknown> = { image_base64: encode(front, 'front view') };
  const multi = Object.entries(others)
    .filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== undefined)
    .map(([view, image]) => ({ View: view, ImageBase64: encode(image, `${view} view`) }));
  if (multi.length > 0) fields.multi_view_images = multi;
  return { fields };
}

/**
 * Vtrix's answers are documented bare (`{id, status, …}`), but an aggregator may wrap them in a
 * `{code, message, data}` envelope like its siblings; both are read, and a failing `code` inside
 * an HTTP 200 is classified like the status it names.
 */
function task(ctx: ProviderContext, answer: HttpAnswer, phase: 'submit' | 'check'): Record<string, unknown> {
  const body = readJson(P, answer, phase === 'submit');
  if (!body || typeof body !== 'object' || Array.isArray(body)) return malformed(P, 'Vtrix sent an empty answer.', phase === 'submit');
  const b = body as Record<string, unknown>;
  if ('data' in b && !('id' in b) && !('status' in b)) {
    if (typeof b.code === 'number' && b.code !== 0 && b.code !== 200) throw errorForStatus(P, { ...answer, status: b.code >= 400 && b.code < 600 ? b.code : 502 }, phase, ctx.now);
    const data = record(b.data);
    if (Object.keys(data).length === 0) return malformed(P, 'Vtrix sent an answer without data.', phase === 'submit');
    return data;
  }
  return b;
}

async function submit(ctx: ProviderContext, model: CatalogModel, prepared: PreparedInputs, params: ParamValues): Promise<SubmitResult> {
  const values = requireParams(P, model, params);
  const submittedAt = ctx.now();
  const answer = await send({
    provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, '/model/v1/generation'), headers: auth(ctx),
    json: { model: model.remoteModel, input: [{ params: { ...prepared.fields, ...toWireFields(model, values) } }] },
    signal: ctx.signal, timeouts: ctx.timeouts, paid: true,
  });
  if (answer.status < 200 || answer.status >= 300) throw errorForStatus(P, answer, 'submit', ctx.now);
  const body = task(ctx, answer, 'submit');
  const remoteId = checkedRemoteId(P, body.id, true);
  return { ref: { provider: P, remoteId, route: 'async', remoteModel: model.remoteModel, outputFormat: requestedFormat(model, values), submittedAt } };
}

function assetsOf(output: unknown): ResultAsset[] {
  const assets: ResultAsset[] = [];
  for (const item of Array.isArray(output) ? output : []) {
    const content = record(item).content;
    for (const c of Array.isArray(content) ? content : []) {
      const entry = record(c);
      // `type` may say glb for an OBJ zip; `format` is authoritative.
      const format = String(entry.format ?? '').toLowerCase();
      if (!isHttpUrl(entry.url) || !isOutputFormat(format)) continue;
      if (assets.length >= maxResultUrls) return tooManyResults(P);
      assets.push({ url: entry.url, format });
    }
  }
  return assets;
}

/**
 * `progress` is documented as a number without a scale (seed 003); we read it as percent 0–100,
 * as the simulator sends it. Only a clearly fractional value (not a whole number, at most 1) is
 * taken as a fraction of one.
 */
export function vtrixPercent(v: unknown): number | undefined {
  const p = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(p)) return undefined;
  const percent = !Number.isInteger(p) && p > 0 && p <= 1 ? p * 100 : p;
  return Math.max(0, Math.min(100, percent));
}

/** `usage.cost` is a string that may be empty (seed 003); null, empty or non-numeric is "no cost", never $0. */
export function vtrixCost(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

async function check(ctx: ProviderContext, ref: RemoteRef): Promise<CheckResult> {
  try {
    const id = checkedRemoteId(P, ref.remoteId);
    const answer = await send({
      provider: P, method: 'GET', url: joinUrl(ctx.baseUrl, `/model/v1/generation/task/${id}`),
      headers: auth(ctx), signal: ctx.signal, timeouts: ctx.timeouts,
    });
    if (answer.status === 404) return { state: 'expired', reason: 'Vtrix no longer knows this task.' };
    if (answer.status < 200 || answer.status >= 300) throw errorForStatus(P, answer, 'check', ctx.now);
    const t = task(ctx, answer, 'check');
    const status = String(t.status);
    if (status === 'pending' || status === 'queued') return { state: 'progress', phase: 'queued', providerStatus: status };
    if (status === 'in_progress' || status === 'processing') {
      const percent = vtrixPercent(t.progress);
      return { state: 'progress', phase: 'running', providerStatus: status, ...(percent === undefined ? {} : { percent }) };
    }
    if (status === 'failed') {
      const error = record(t.error);
      const code = error.code === undefined || error.code === null ? undefined : providerText(String(error.code), 40);
      const meaning = code ? vtrixErrorMeaning[code] : undefined;
      const message = textOf(error.message);
      const said = message ? providerText(message) : meaning ?? 'no reason given';
      return { state: 'failed', reason: `Vtrix could not make this model: ${said}${meaning && said !== meaning ? ` (${meaning})` : ''}`, providerCode: code };
    }
    if (status !== 'completed') return malformed(P, `Vtrix reported a status the app does not know (${providerText(status, 40)}).`);
    const assets = assetsOf(t.output);
    if (assets.length === 0) return malformed(P, 'Vtrix finished the task but named no model file.');
    const done: Completed = { state: 'completed', assets };
    const cost = vtrixCost(record(t.usage).cost);
    if (cost !== undefined) done.costUsd = cost;
    const metrics = numbersOf(t.metadata);
    if (metrics) done.metrics = metrics;
    return done;
  } catch (error) {
    return retryOrThrow(error);
  }
}

export function createVtrixAdapter(): ProviderAdapter {
  return { id: P, prepareInputs, submit, check };
}
