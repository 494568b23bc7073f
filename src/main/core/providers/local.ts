/**
 * The self-hosted Hunyuan3D api_server.py (PROVIDERS.md §4): no auth, raw base64 images, `/send` +
 * `/status/{uid}` by default, `/generate` when asked to run synchronously. A failed `/send` job on
 * 2.0 stays "processing" forever, so checks give up after `maxRunMs`.
 */
import { randomUUID } from 'node:crypto';
import type { CatalogModel, ParamValues } from '../../../shared/catalog';
import { toWireFields } from '../../../shared/catalog';
import { errorForStatus } from './classify';
import { joinUrl, providerText, requireInputs, requireParams, retryOrThrow, syncHeadersMs, toBase64 } from './common';
import { ProviderError } from './errors';
import { looksLikeHtml, malformed, readJson, send, type HttpAnswer } from './http';
import type { CheckResult, JobInputs, PreparedInputs, ProviderAdapter, ProviderContext, RemoteRef, SubmitResult } from './types';

const P = 'local' as const;

export interface LocalAdapterOptions {
  /** Give up on a job still "processing" after this long. */
  maxRunMs?: number;
  /** Use `/generate` (one long request) instead of `/send` + `/status`. */
  synchronous?: boolean;
  now?: () => number;
}

async function prepareInputs(_ctx: ProviderContext, model: CatalogModel, inputs: JobInputs): Promise<PreparedInputs> {
  requireInputs(P, model, inputs);
  if (inputs.kind !== 'image') throw new ProviderError({ provider: P, kind: 'invalid', message: 'Your Hunyuan3D server takes one picture.' });
  return { fields: { image: toBase64(inputs.image.bytes) } };
}

function jsonObject(answer: HttpAnswer): Record<string, unknown> | undefined {
  if (looksLikeHtml(answer)) return undefined;
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
function serverRefusal(answer: HttpAnswer): ProviderError {
  const body = answer.status === 404 ? jsonObject(answer) : undefined;
  if (body && ('text' in body || 'error_code' in body)) {
    const said = typeof body.text === 'string' && body.text.trim() ? providerText(body.text) : undefined;
    return new ProviderError({
      provider: P, kind: 'invalid', status: 404,
      providerCode: body.error_code === undefined ? undefined : String(body.error_code),
      message: `Your Hunyuan3D server could not make this model${said ? `: “${said}”` : ''}. Check the server’s console.`,
    });
  }
  return errorForStatus(P, answer, 'submit');
}

function failedWith(message: unknown): CheckResult {
  const said = typeof message === 'string' && message.trim() ? providerText(message) : 'no reason given';
  return { state: 'failed', reason: `Your Hunyuan3D server could not make this model: ${said}` };
}

export function createLocalAdapter(options: LocalAdapterOptions = {}): ProviderAdapter {
  const maxRunMs = options.maxRunMs ?? 30 * 60_000;
  const now = options.now ?? Date.now;

  async function submit(ctx: ProviderContext, model: CatalogModel, prepared: PreparedInputs, params: ParamValues): Promise<SubmitResult> {
    const values = requireParams(P, model, params);
    const body = { ...prepared.fields, ...toWireFields(model, values) };
    const submittedAt = now();
    if (options.synchronous) {
      // Paid in the same sense as `/send`: a lost answer may leave the job running on the GPU.
      const answer = await send({
        provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, '/generate'), json: body, signal: ctx.signal, paid: true,
        timeouts: { ...ctx.timeouts, headersMs: syncHeadersMs(ctx, maxRunMs) }, maxBytes: 512 * 1024 * 1024,
      });
      if (answer.status !== 200) throw serverRefusal(answer);
      return { remoteId: `sync:${randomUUID()}`, submittedAt, immediate: { state: 'completed', assets: [{ bytes: answer.bytes, format: 'glb' }] } };
    }
    // Not billed, but just as ambiguous: a job whose answer was lost may be running on the GPU.
    const answer = await send({ provider: P, method: 'POST', url: joinUrl(ctx.baseUrl, '/send'), json: body, signal: ctx.signal, timeouts: ctx.timeouts, paid: true });
    if (answer.status !== 200) throw serverRefusal(answer);
    const parsed = readJson(P, answer, true) as { uid?: unknown } | null;
    if (!parsed || typeof parsed.uid !== 'string' || !parsed.uid) return malformed(P, 'Your Hunyuan3D server accepted the job but sent no id.', true);
    return { remoteId: parsed.uid, submittedAt };
  }

  function pastDeadline(): CheckResult {
    const minutes = Math.round(maxRunMs / 60_000);
    return { state: 'failed', reason: `Your Hunyuan3D server has not finished after ${minutes} minute${minutes === 1 ? '' : 's'}; it may have failed without saying so. Check its console, then try again.`, providerCode: 'deadline' };
  }

  async function check(ctx: ProviderContext, _model: CatalogModel, ref: RemoteRef): Promise<CheckResult> {
    if (ref.remoteId.startsWith('sync:')) return { state: 'expired', reason: 'This job ran synchronously; its result came with the submission.' };
    const result = await checkOnce(ctx, ref);
    // Still running or worth retrying: either way, not for ever.
    if ((result.state === 'progress' || result.state === 'retry-after') && now() - ref.submittedAt > maxRunMs) return pastDeadline();
    return result;
  }

  async function checkOnce(ctx: ProviderContext, ref: RemoteRef): Promise<CheckResult> {
    try {
      const answer = await send({ provider: P, method: 'GET', url: joinUrl(ctx.baseUrl, `/status/${encodeURIComponent(ref.remoteId)}`), signal: ctx.signal, timeouts: ctx.timeouts, maxBytes: 768 * 1024 * 1024 });
      // 2.1 answers a failed job with HTTP 500 and `{status:"error", message}`.
      if (answer.status === 500) {
        const failed = jsonObject(answer);
        if (failed?.status === 'error') return failedWith(failed.message);
      }
      if (answer.status !== 200) throw errorForStatus(P, answer, 'check');
      const body = readJson(P, answer) as { status?: unknown; model_base64?: unknown; message?: unknown } | null;
      const status = String(body?.status);
      if (status === 'completed') {
        if (typeof body?.model_base64 !== 'string' || !body.model_base64) return malformed(P, 'Your Hunyuan3D server said the job is done but sent no model.');
        return { state: 'completed', assets: [{ bytes: new Uint8Array(Buffer.from(body.model_base64, 'base64')), format: 'glb' }] };
      }
      if (status === 'error') return failedWith(body?.message);
      if (status !== 'processing' && status !== 'texturing') return malformed(P, `Your Hunyuan3D server reported a status the app does not know (${status.slice(0, 40)}).`);
      return { state: 'progress', phase: 'running', providerStatus: status };
    } catch (error) {
      return retryOrThrow(error);
    }
  }

  return { id: P, prepareInputs, submit, check };
}

/** 2.1's `/health`; 2.0 has none and says so with a 404. */
export async function localHealth(ctx: ProviderContext): Promise<{ ok: boolean; message: string }> {
  try {
    const answer = await send({ provider: P, method: 'GET', url: joinUrl(ctx.baseUrl, '/health'), signal: ctx.signal, timeouts: ctx.timeouts });
    if (answer.status === 404) return { ok: true, message: 'The server answers; it has no health check (Hunyuan3D 2.0).' };
    if (answer.status !== 200) return { ok: false, message: errorForStatus(P, answer, 'check').message };
    const body = readJson(P, answer) as { status?: unknown } | null;
    return body?.status === 'healthy' ? { ok: true, message: 'Your Hunyuan3D server is up.' } : { ok: false, message: 'Your Hunyuan3D server says it is not healthy.' };
  } catch {
    // The adapter's sentences speak of jobs ("will try again"); here the artist is checking a setting.
    return { ok: false, message: `Could not reach your Hunyuan3D server at ${ctx.baseUrl}. Check that it is running and that the address in Settings is right.` };
  }
}
