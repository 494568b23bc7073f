/**
 * The self-hosted Hunyuan3D api_server.py (PROVIDERS.md §4): no auth, raw base64 images, `/send` +
 * `/status/{uid}` by default, `/generate` when asked to run synchronously. A failed `/send` job on
 * 2.0 stays "processing" forever; the engine gives such jobs a deadline (this adapter keeps no clock).
 */
import { randomUUID } from 'node:crypto';
import type { CatalogModel, ParamValues } from '../../../shared/catalog';
import { toWireFields } from '../../../shared/catalog';
import { providerText } from '../text';
import { record, textOf } from './answers';
import { errorForStatus } from './classify';
import { toBase64 } from './encoding';
import { ProviderError } from './errors';
import { looksLikeHtml, jsonLimitBytes, malformed, readJson, resultLimitBytes, send, type HttpAnswer } from './http';
import { checkedRemoteId } from './ids';
import { readInlineModel } from './inline-model';
import { requestedFormat, requireInputs, requireParams } from './inputs';
import { retryOrThrow } from './retry';
import { syncHeadersMs } from './timeouts';
import type { CheckResult, JobInputs, PreparedInputs, ProviderAdapter, ProviderContext, RemoteRef, SubmitResult } from './types';
import { joinUrl } from './urls';

const P = 'local' as const;

/** `/generate` answers when the model is made; a big model on a small GPU can take this long. */
const generateWaitMs = 30 * 60_000;

export interface LocalAdapterOptions {
  /** Use `/generate` (one long request) instead of `/send` + `/status`. */
  synchronous?: boolean;
}

async function prepareInputs(_ctx: ProviderContext, model: CatalogModel, inputs: JobInputs): Promise<PreparedInputs> {
  requireInputs(P, model, inputs);
  if (inputs.kind !== 'image') throw new ProviderError({ provider: P, kind: 'invalid', message: 'Your Hunyuan3D server takes one picture.' });
  return { fields: { image: toBase64(inputs.image.bytes) } };
}

function jsonObject(answer: HttpAnswer): Record<string, unknown> | undefined {
  if (looksLikeHtml(answer) || answer.bytes.byteLength > jsonLimitBytes) return undefined;
  try {
    const v = JSON.parse(new TextDecoder().decode(answer.bytes)) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * api_server.py answers every generation error as 404 `{text, error_code}`: the job ran and
 * failed, so trying the same again is not a fix. Any other refusal (FastAPI's own 404 for a wrong
 * address, 422 validation, 5xx) is classified as usual.
 */
function serverRefusal(ctx: ProviderContext, answer: HttpAnswer): ProviderError {
  const body = answer.status === 404 ? jsonObject(answer) : undefined;
  if (body && ('text' in body || 'error_code' in body)) {
    const text = textOf(body.text);
    const said = text ? providerText(text) : undefined;
    return new ProviderError({
      provider: P, kind: 'invalid', status: 404,
      providerCode: body.error_code === undefined ? undefined : providerText(String(body.error_code), 40),
      message: `Your Hunyuan3D server could not make this model${said ? `: “${said}”` : ''}. Check the server’s console.`,
    });
  }
  return errorForStatus(P, answer, 'submit', ctx.now);
}

function failedWith(message: unknown): CheckResult {
  const text = textOf(message);
  return { state: 'failed', reason: `Your Hunyuan3D server could not make this model: ${text ? providerText(text) : 'no reason given'}` };
}

export function createLocalAdapter(options: LocalAdapterOptions = {}): ProviderAdapter {
  async function submit(ctx: ProviderContext, model: CatalogModel, prepared: PreparedInputs, params: ParamValues): Promise<SubmitResult> {
    const values = requireParams(P, model, params);
    const body = { ...prepared.fields, ...toWireFields(model, values) };
    const base = { provider: P, remoteModel: model.remoteModel, outputFormat: requestedFormat(model, values), submittedAt: ctx.now() };
    if (options.synchronous) {
      // Paid in the same sense as `/send`: a lost answer may leave the job running on the GPU.
      const answer = await send({
        provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, '/generate'), json: body, signal: ctx.signal, paid: true,
        timeouts: { ...ctx.timeouts, headersMs: syncHeadersMs(ctx, generateWaitMs) }, maxBytes: resultLimitBytes,
      });
      if (answer.status !== 200) throw serverRefusal(ctx, answer);
      return { ref: { ...base, remoteId: randomUUID(), route: 'sync' }, immediate: { state: 'completed', assets: [{ bytes: answer.bytes, format: 'glb' }] } };
    }
    // Not billed, but just as ambiguous: a job whose answer was lost may be running on the GPU.
    const answer = await send({ provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, '/send'), json: body, signal: ctx.signal, timeouts: ctx.timeouts, paid: true });
    if (answer.status !== 200) throw serverRefusal(ctx, answer);
    const parsed = record(readJson(P, answer, true));
    return { ref: { ...base, remoteId: checkedRemoteId(P, parsed.uid, true), route: 'async' } };
  }

  async function check(ctx: ProviderContext, ref: RemoteRef): Promise<CheckResult> {
    if (ref.route === 'sync') return { state: 'expired', reason: 'This job ran synchronously; its result came with the submission.' };
    try {
      const id = checkedRemoteId(P, ref.remoteId);
      const answer = await send({ provider: P, method: 'GET', url: joinUrl(ctx.baseUrl, `/status/${id}`), signal: ctx.signal, timeouts: ctx.timeouts, maxBytes: resultLimitBytes });
      // 2.1 answers a failed job with HTTP 500 and `{status:"error", message}`.
      if (answer.status === 500) {
        const failed = jsonObject(answer);
        if (failed?.status === 'error') return failedWith(failed.message);
      }
      if (answer.status !== 200) throw errorForStatus(P, answer, 'check', ctx.now);
      const { rest, bytes } = await readInlineModel(P, answer, 'model_base64');
      const body = record(rest);
      const status = String(body.status);
      if (status === 'completed') {
        if (!bytes || bytes.byteLength === 0) return malformed(P, 'Your Hunyuan3D server said the job is done but sent no model.');
        return { state: 'completed', assets: [{ bytes, format: 'glb' }] };
      }
      if (status === 'error') return failedWith(body.message);
      if (status !== 'processing' && status !== 'texturing') return malformed(P, `Your Hunyuan3D server reported a status the app does not know (${providerText(status, 40)}).`);
      return { state: 'progress', phase: 'running', providerStatus: status };
    } catch (error) {
      return retryOrThrow(error);
    }
  }

  return { id: P, prepareInputs, submit, check };
}
