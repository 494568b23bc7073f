/**
 * Vtrix `tencent_hunyuan_3d` (PROVIDERS.md §3, seed 003): Bearer auth; images inline as base64
 * (no upload API), at most 8 MB after encoding; the asset format is `format`, never `type`.
 */
import type { CatalogModel, OutputFormat, ParamValues } from '../../../shared/catalog';
import { toWireFields } from '../../../shared/catalog';
import { errorForStatus } from './classify';
import { invalid, isHttpUrl, joinUrl, numbersOf, providerText, requireInputs, requireKey, requireParams, retryOrThrow, toBase64 } from './common';
import { malformed, readJson, send } from './http';
import type { CheckResult, Completed, JobInputs, PreparedInputs, ProviderAdapter, ProviderContext, RemoteRef, ResultAsset, SubmitResult } from './types';

const P = 'vtrix' as const;
/** Tencent counts the limit after base64 encoding. */
export const vtrixMaxEncodedBytes = 8 * 1024 * 1024;
const formats = new Set<OutputFormat>(['glb', 'obj', 'stl', 'usdz', 'fbx', 'mp4']);

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

async function submit(ctx: ProviderContext, model: CatalogModel, prepared: PreparedInputs, params: ParamValues): Promise<SubmitResult> {
  const values = requireParams(P, model, params);
  const submittedAt = Date.now();
  const answer = await send({
    provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, '/model/v1/generation'), headers: auth(ctx),
    json: { model: model.remoteModel, input: [{ params: { ...prepared.fields, ...toWireFields(model, values) } }] },
    signal: ctx.signal, timeouts: ctx.timeouts, paid: true,
  });
  if (answer.status < 200 || answer.status >= 300) throw errorForStatus(P, answer, 'submit');
  const body = readJson(P, answer, true) as { id?: unknown } | null;
  if (!body || typeof body.id !== 'string' || !body.id) return malformed(P, 'Vtrix accepted the job but sent no task id.', true);
  return { remoteId: body.id, submittedAt };
}

function assetsOf(output: unknown): ResultAsset[] {
  const assets: ResultAsset[] = [];
  for (const item of Array.isArray(output) ? output : []) {
    const content = (item as { content?: unknown })?.content;
    for (const c of Array.isArray(content) ? content : []) {
      const entry = c as { format?: unknown; url?: unknown };
      // `type` may say glb for an OBJ zip; `format` is authoritative.
      const format = String(entry.format ?? '').toLowerCase() as OutputFormat;
      if (isHttpUrl(entry.url) && formats.has(format)) assets.push({ url: entry.url, format });
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

async function check(ctx: ProviderContext, _model: CatalogModel, ref: RemoteRef): Promise<CheckResult> {
  try {
    const answer = await send({
      provider: P, method: 'GET', url: joinUrl(ctx.baseUrl, `/model/v1/generation/task/${encodeURIComponent(ref.remoteId)}`),
      headers: auth(ctx), signal: ctx.signal, timeouts: ctx.timeouts,
    });
    if (answer.status === 404) return { state: 'expired', reason: 'Vtrix no longer knows this task.' };
    if (answer.status < 200 || answer.status >= 300) throw errorForStatus(P, answer, 'check');
    const task = readJson(P, answer) as Record<string, unknown> | null;
    if (!task || typeof task !== 'object') return malformed(P, 'Vtrix sent an empty task.');
    const status = String(task.status);
    if (status === 'pending') return { state: 'progress', phase: 'queued', providerStatus: status };
    if (status === 'in_progress' || status === 'processing') {
      const percent = vtrixPercent(task.progress);
      return { state: 'progress', phase: 'running', providerStatus: status, ...(percent === undefined ? {} : { percent }) };
    }
    if (status === 'failed') {
      const error = (task.error ?? {}) as { code?: unknown; message?: unknown };
      const code = error.code === undefined ? undefined : String(error.code);
      const meaning = code ? vtrixErrorMeaning[code] : undefined;
      const said = typeof error.message === 'string' && error.message.trim() ? providerText(error.message) : meaning ?? 'no reason given';
      return { state: 'failed', reason: `Vtrix could not make this model: ${said}${meaning && said !== meaning ? ` (${meaning})` : ''}`, providerCode: code };
    }
    if (status !== 'completed') return malformed(P, `Vtrix reported a status the app does not know (${status.slice(0, 40)}).`);
    const assets = assetsOf(task.output);
    if (assets.length === 0) return malformed(P, 'Vtrix finished the task but named no model file.');
    const done: Completed = { state: 'completed', assets };
    const cost = vtrixCost((task.usage as { cost?: unknown } | undefined)?.cost);
    if (cost !== undefined) done.costUsd = cost;
    const metrics = numbersOf(task.metadata);
    if (metrics) done.metrics = metrics;
    return done;
  } catch (error) {
    return retryOrThrow(error);
  }
}

export function createVtrixAdapter(): ProviderAdapter {
  return { id: P, prepareInputs, submit, check };
}
