/**
 * The one way adapters speak HTTP: undici with connect/headers/body timeouts and an overall
 * deadline, the caller's abort signal, bodies read up to a cap, and every failure turned into a
 * ProviderError that names the provider and never carries a key.
 */
import { request } from 'undici';
import { providerDispatcher } from '../net/dispatcher';
import type { ProviderId } from '../../../shared/providers';
import { providerText } from '../text';
import { ProviderError, providerName } from './errors';
import { defaultTimeouts, overallDeadlineMs, type HttpTimeouts } from './timeouts';

/** Status, health and key-check answers are small JSON: 4 MiB is far more than any of them needs. */
export const jsonLimitBytes = 4 * 1024 * 1024;
/**
 * Routes that return a model inline (Segmind v1, a self-hosted `/generate` or `/status` with
 * `model_base64`) get this larger, explicit cap; it is a result, not a status.
 */
export const resultLimitBytes = 512 * 1024 * 1024;

export interface HttpCall {
  provider: ProviderId;
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: Uint8Array;
  /** Default `jsonLimitBytes`. */
  maxBytes?: number;
  timeouts?: Partial<HttpTimeouts>;
  signal?: AbortSignal;
  /** A submit: a failure after the request left may have started a paid job. */
  paid?: boolean;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  bytes: Uint8Array;
}


type Late = 'headers' | 'total' | undefined;

/** Send one request and read its whole body (up to `maxBytes`). Never retries. */
export async function send(call: HttpCall): Promise<HttpAnswer> {
  const t: HttpTimeouts = { ...defaultTimeouts, ...call.timeouts };
  const headers: Record<string, string> = { accept: 'application/json, */*;q=0.5', ...call.headers };
  let body: Uint8Array | string | undefined = call.body;
  if (call.json !== undefined) {
    body = JSON.stringify(call.json);
    headers['content-type'] = 'application/json';
  }
  const limit = call.maxBytes ?? jsonLimitBytes;
  const totalMs = overallDeadlineMs(t, limit, jsonLimitBytes);
  let sent = false;
  // undici's own headers timeout ticks about once a second; ours is exact (undici's stays as a
  // backstop). The overall deadline aborts the same controller, body included.
  const deadline = new AbortController();
  let late: Late;
  const expire = (why: Late) => () => {
    late ??= why;
    deadline.abort();
  };
  const headersTimer = setTimeout(expire('headers'), t.headersMs);
  const totalTimer = setTimeout(expire('total'), totalMs);
  try {
    const res = await request(call.url, {
      method: call.method,
      headers,
      body,
      signal: call.signal ? AbortSignal.any([call.signal, deadline.signal]) : deadline.signal,
      // Built from the network settings (proxy, extra certificates) in one place, rebuilt when they change.
      dispatcher: providerDispatcher(t.connectMs),
      headersTimeout: t.headersMs + 1_000,
      bodyTimeout: t.bodyMs,
    }).finally(() => clearTimeout(headersTimer));
    sent = true;
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const declared = Number(flat['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      res.body.destroy();
      throw tooLarge(call.provider, limit);
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of res.body) {
      const piece = chunk as Uint8Array;
      total += piece.byteLength;
      if (total > limit) {
        res.body.destroy();
        throw tooLarge(call.provider, limit);
      }
      chunks.push(piece);
    }
    return { status: res.statusCode, headers: flat, contentType: flat['content-type'] ?? '', bytes: concat(chunks, total) };
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (late && !call.signal?.aborted) throw timedOut(call, late === 'headers' ? t.headersMs : totalMs, late);
    throw networkError(call, error, sent);
  } finally {
    clearTimeout(headersTimer);
    clearTimeout(totalTimer);
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function tooLarge(provider: ProviderId, limit: number): ProviderError {
  const mb = Math.round(limit / (1024 * 1024));
  return new ProviderError({
    provider,
    kind: 'too-large',
    message: `${providerName(provider)} sent more than ${mb} MB, more than the app accepts for one file; the download was stopped.`,
  });
}

/** The connection failed before any request left (so a submit cannot have reached the provider). */
export const connectCodes: ReadonlySet<string> = new Set(['HY3D_PROXY_REFUSED', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** The server's certificate was refused during the handshake, before any request left. */
const certificateCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED',
]);
/** Refused by undici before anything was sent: a malformed address (or header); waiting will not fix it. */
const unsendableCodes = new Set(['ERR_INVALID_URL', 'UND_ERR_INVALID_ARG', 'ERR_INVALID_ARG_TYPE']);

const mayHaveStartedTail = ' The job may have started anyway; check the provider before submitting again.';

/** One of our own deadlines passed: a timeout, told apart from a cancel, with the wait in seconds. */
function timedOut(call: HttpCall, ms: number, late: 'headers' | 'total'): ProviderError {
  const who = providerName(call.provider);
  const seconds = ms >= 1000 ? Math.round(ms / 1000) : Math.max(0.1, Math.round(ms / 100) / 10);
  const unit = seconds === 1 ? 'second' : 'seconds';
  const what = late === 'headers' ? `did not answer in ${seconds} ${unit}` : `did not finish its answer within ${seconds} ${unit}`;
  return new ProviderError({
    provider: call.provider,
    kind: 'network',
    message: `${who} ${what}.${call.paid ? mayHaveStartedTail : ''}`,
    providerCode: late === 'headers' ? 'UND_ERR_HEADERS_TIMEOUT' : 'DEADLINE',
    retryAfterMs: 5_000,
    mayHaveStarted: call.paid === true,
  });
}

function networkError(call: HttpCall, error: unknown, answered: boolean): ProviderError {
  const who = providerName(call.provider);
  const e = error as { name?: string; code?: string; message?: string };
  const reason: unknown = call.signal?.aborted ? call.signal.reason : undefined;
  // The caller's own AbortSignal.timeout: a timeout, not a cancel by the person.
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new ProviderError({
      provider: call.provider, kind: 'network', providerCode: 'TIMEOUT', retryAfterMs: 5_000, mayHaveStarted: call.paid === true,
      message: `${who} did not answer in time.${call.paid ? mayHaveStartedTail : ''}`,
    });
  }
  if (call.signal?.aborted || e.name === 'AbortError' || e.code === 'UND_ERR_ABORTED') {
    return new ProviderError({ provider: call.provider, kind: 'cancelled', message: `The request to ${who} was cancelled.`, mayHaveStarted: call.paid === true });
  }
  const code = e.code ?? '';
  if (unsendableCodes.has(code) && !answered) {
    return new ProviderError({
      provider: call.provider,
      kind: 'invalid',
      message: `The request to ${who} could not be sent: its address is not a valid http(s) URL. Check the endpoint for ${who} in Settings.`,
      providerCode: code,
    });
  }
  if (certificateCodes.has(code) && !answered) {
    // The TLS handshake failed, so no request left: nothing can have been paid.
    return new ProviderError({
      provider: call.provider,
      kind: 'invalid',
      message: `${who}’s certificate is not trusted (${code}), so nothing was sent. If your network inspects secure traffic, add its certificate under Network in Settings.`,
      providerCode: code,
    });
  }
  const neverLeft = connectCodes.has(code);
  let what: string;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') what = `could not be reached in time`;
  else if (code === 'ECONNREFUSED') what = `refused the connection`;
  else if (code === 'HY3D_PROXY_REFUSED') what = `could not be reached through the proxy (set under Network in Settings)`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') what = `could not be found (DNS)`;
  else if (code === 'UND_ERR_HEADERS_TIMEOUT') what = `did not answer in time`;
  else if (code === 'UND_ERR_BODY_TIMEOUT') what = `stopped sending its answer part-way`;
  else if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || answered) what = `sent an incomplete answer`;
  else what = `closed the connection unexpectedly`;
  // Only the engine knows whether it will ask again, so no promise of a retry here.
  return new ProviderError({
    provider: call.provider,
    kind: 'network',
    message: `${who} ${what}.${call.paid && !neverLeft ? mayHaveStartedTail : ''}`,
    providerCode: code || undefined,
    retryAfterMs: 5_000,
    mayHaveStarted: call.paid === true && !neverLeft,
  });
}

/** True when a body is a web page, whatever the content-type claims. */
export function looksLikeHtml(answer: HttpAnswer): boolean {
  if (answer.contentType.includes('text/html')) return true;
  const head = new TextDecoder().decode(answer.bytes.subarray(0, 64)).trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html');
}

/**
 * Parse a JSON body, or explain (as `malformed`) that it was a web page, garbled, or larger than a
 * status answer may be. JSON.parse holds the event loop for the whole text (about 10 ms per MiB),
 * so nothing above `jsonLimitBytes` is parsed here; the one route that answers a model inside JSON
 * (a self-hosted `/status`) cuts the model out first (local-status.ts).
 */
export function readJson(provider: ProviderId, answer: HttpAnswer, paid = false): unknown {
  const who = providerName(provider);
  if (looksLikeHtml(answer)) {
    return malformed(provider, `${who} answered with a web page instead of data (HTTP ${answer.status}); a proxy or an outage may be in the way.`, paid);
  }
  if (answer.bytes.byteLength > jsonLimitBytes) {
    return malformed(provider, `${who} sent a data answer of ${Math.round(answer.bytes.byteLength / (1024 * 1024))} MB, far larger than it should be; the app did not read it.`, paid);
  }
  try {
    return JSON.parse(new TextDecoder().decode(answer.bytes)) as unknown;
  } catch {
    return malformed(provider, `${who} sent an answer the app could not read (HTTP ${answer.status}, not valid JSON).`, paid);
  }
}

export function malformed(provider: ProviderId, message: string, paid = false): never {
  throw new ProviderError({
    provider,
    kind: 'malformed',
    message: paid ? `${message} The job may have started; check the provider before submitting again.` : message,
    mayHaveStarted: paid,
  });
}

/** The provider's own words from an error body, short and without secrets. */
export function providerMessage(answer: HttpAnswer): string | undefined {
  if (looksLikeHtml(answer)) return undefined;
  if (answer.bytes.byteLength > jsonLimitBytes) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(answer.bytes));
  } catch {
    return undefined;
  }
  const text = pickMessage(parsed);
  // Redact before cutting: a key straddling the cut would otherwise leave its start behind.
  return text ? providerText(text) : undefined;
}

function pickMessage(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) return v.map(pickMessage).filter(Boolean).join('; ') || undefined;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of ['error', 'message', 'detail', 'msg', 'text']) {
      const found = pickMessage(o[k]);
      if (found) return found;
    }
  }
  return undefined;
}
