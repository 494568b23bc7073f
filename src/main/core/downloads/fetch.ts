/**
 * One result URL to one temp file: GET with no key (result links are presigned), redirects followed
 * by hand and each hop judged by the URL policy, names resolved and judged again at connect time,
 * the size cap and the format check applied while the bytes stream, and a broken-off body fetched
 * again (a GET is safe to repeat) a few times before giving up.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { downloadDispatcher } from '../net/dispatcher';
import type { OutputFormat } from '../../../shared/model-formats';
import type { ProviderId } from '../../../shared/providers';
import { ProviderError, providerName } from '../providers/errors';
import type { HttpTimeouts } from '../providers/timeouts';
import { isPublicAddress } from './ip';
import { magicHeadBytes, matchesFormat } from './magic';
import { sizeText } from './size-text';
import { TempFile } from './temp-file';
import { checkResultUrl, hostPort, urlRefusalSentence } from './url-policy';

/** The adapters' idle timeouts; a download's overall bound is its own deadline (see download-asset). */
export type IdleTimeouts = Omit<HttpTimeouts, 'totalMs'>;
export const maxRedirects = 3;
export const downloadAttempts = 3;

export interface FetchToTempOptions {
  provider: ProviderId;
  url: string;
  endpoint: string;
  format: OutputFormat;
  dir: string;
  maxBytes: number;
  timeouts: IdleTimeouts;
  /** Aborts on the caller's cancel or the overall deadline; `why` tells which. */
  signal: AbortSignal;
  why: () => ProviderError;
  /** Base of the backoff between tries. */
  backoffMs?: number;
}

export interface Fetched {
  file: TempFile;
  sha256: string;
}

/** Stop reading a body we do not want; undici reports the abort as an error no one needs. */
function drop(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const privateAddressCode = 'HY3D_PRIVATE_ADDRESS';

/**
 * A resolver that refuses names pointing off the public internet (`localhost` aliases, a DNS name
 * for 169.254.169.254, rebinding). Skipped for the configured endpoint's own host and port.
 */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      if (!allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) {
        const refusal: NodeJS.ErrnoException = new Error(`${hostname} resolves to a non-public address`);
        refusal.code = privateAddressCode;
        return callback(refusal, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

export function tooLarge(provider: ProviderId, maxBytes: number): ProviderError {
  return new ProviderError({ provider, kind: 'too-large', message: `${providerName(provider)} sent a result of more than ${sizeText(maxBytes)}, the most the app accepts for one file; nothing was saved.` });
}

export function notTheFormat(provider: ProviderId, format: OutputFormat): ProviderError {
  return new ProviderError({ provider, kind: 'malformed', message: `${providerName(provider)} said the result is ${format.toUpperCase()}, but the file is not; it was not saved.` });
}

function statusError(provider: ProviderId, status: number): ProviderError {
  const who = providerName(provider);
  if (status === 401 || status === 403) {
    return new ProviderError({ provider, kind: 'expired', status, message: `${who} refused to hand over the result file (HTTP ${status}); its link has probably expired. Run the job again to get a fresh one.` });
  }
  if (status === 404 || status === 410) {
    return new ProviderError({ provider, kind: 'expired', status, message: `${who} no longer has the result file (HTTP ${status}); its link has expired. Run the job again.` });
  }
  if (status === 429) {
    return new ProviderError({ provider, kind: 'rate-limited', status, message: `${who}’s file server asked the app to slow down (HTTP 429); nothing was saved. Try the download again in a minute.` });
  }
  if (status >= 500) {
    return new ProviderError({ provider, kind: 'server', status, message: `${who}’s file server had trouble (HTTP ${status}); nothing was saved. Try the download again later.` });
  }
  return new ProviderError({ provider, kind: 'malformed', status, message: `${who}’s file server answered with HTTP ${status} instead of the result file; nothing was saved.` });
}

function networkError(o: FetchToTempOptions, error: unknown, inBody: boolean): ProviderError {
  if (error instanceof ProviderError) return error;
  if (o.signal.aborted) return o.why();
  const who = providerName(o.provider);
  const code = (error as { code?: string }).code ?? '';
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? '';
  if (code === privateAddressCode || cause === privateAddressCode) {
    return new ProviderError({ provider: o.provider, kind: 'malformed', message: urlRefusalSentence('private-address', who) });
  }
  if (inBody) {
    return new ProviderError({ provider: o.provider, kind: 'network', message: `The result file from ${who} broke off before its end, ${downloadAttempts} tries in a row; nothing was saved. Try the download again later.` });
  }
  return new ProviderError({ provider: o.provider, kind: 'network', message: `The app could not reach ${who}’s file server to download the result (${code || 'no answer'}); nothing was saved. Check the connection and try the download again.` });
}

/** One try: up to `maxRedirects` hops, then the body into a temp file. */
async function attempt(o: FetchToTempOptions): Promise<Fetched> {
  const who = providerName(o.provider);
  let url = o.url;
  for (let hop = 0; ; hop++) {
    const verdict = checkResultUrl(url, { provider: o.provider, endpoint: o.endpoint });
    if (!verdict.ok) throw new ProviderError({ provider: o.provider, kind: 'malformed', message: urlRefusalSentence(verdict.reason, who) });
    const endpoint = URL.canParse(o.endpoint) ? new URL(o.endpoint) : undefined;
    const own = endpoint !== undefined && hostPort(endpoint) === hostPort(verdict.url);
    // A fresh agent per hop: its resolver knows whether this hop is the configured endpoint, and
    // no pooled connection to one host is reused for another.
    // Through a proxy, a host other than the configured endpoint is resolved and judged here and the
    // proxy asked for that address (rule 4 holds); the endpoint itself the proxy may resolve.
    const agent = downloadDispatcher({ connectMs: o.timeouts.connectMs, lookup: guardedLookup(own), resolveBeforeProxy: !own });
    let inBody = false;
    try {
      const res = await request(verdict.url, {
        method: 'GET',
        dispatcher: agent,
        // No key and no cookies: presigned links need none. identity, so the cap counts real bytes.
        headers: { accept: '*/*', 'accept-encoding': 'identity' },
        signal: o.signal,
        headersTimeout: o.timeouts.headersMs,
        bodyTimeout: o.timeouts.bodyMs,
      });
      if (redirectStatuses.has(res.statusCode)) {
        drop(res.body);
        const location = res.headers.location;
        const next = Array.isArray(location) ? location[0] : location;
        if (!next) throw new ProviderError({ provider: o.provider, kind: 'malformed', message: `${who}’s file server sent the app elsewhere without saying where; nothing was saved.` });
        if (hop >= maxRedirects) throw new ProviderError({ provider: o.provider, kind: 'malformed', message: `${who}’s file server redirected the download more than ${maxRedirects} times; nothing was saved. Run the job again.` });
        url = URL.canParse(next, verdict.url.href) ? new URL(next, verdict.url).href : next;
        continue;
      }
      if (res.statusCode < 200 || res.statusCode >= 300) {
        drop(res.body);
        throw statusError(o.provider, res.statusCode);
      }
      const lengthHeader = res.headers['content-length'];
      const declared = typeof lengthHeader === 'string' && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
      if (declared !== undefined && declared > o.maxBytes) {
        drop(res.body);
        throw tooLarge(o.provider, o.maxBytes);
      }
      inBody = true;
      const file = await TempFile.create(o.dir);
      try {
        let checked = false;
        for await (const chunk of res.body) {
          const piece = chunk as Uint8Array;
          if (file.bytes + piece.byteLength > o.maxBytes) throw tooLarge(o.provider, o.maxBytes);
          await file.write(piece);
          // The first bytes decide before the rest is fetched: an HTML error page is not a GLB.
          if (!checked && file.firstBytes.length >= magicHeadBytes) {
            checked = true;
            if (!matchesFormat(file.firstBytes, o.format, declared)) throw notTheFormat(o.provider, o.format);
          }
        }
        if (declared !== undefined && file.bytes !== declared) throw Object.assign(new Error('body shorter than content-length'), { code: 'TRUNCATED' });
        if (!matchesFormat(file.firstBytes, o.format, file.bytes)) throw notTheFormat(o.provider, o.format);
        return { file, sha256: await file.finish() };
      } catch (error) {
        drop(res.body);
        await file.discard();
        throw error;
      }
    } catch (error) {
      throw networkError(o, error, inBody);
    } finally {
      void agent.destroy().catch(() => undefined);
    }
  }
}

/** Fetch `o.url` into a temp file in `o.dir`, trying again when the connection or the body breaks. */
export async function fetchToTemp(o: FetchToTempOptions): Promise<Fetched> {
  const base = o.backoffMs ?? 500;
  for (let n = 1; ; n++) {
    try {
      return await attempt(o);
    } catch (error) {
      const e = error as ProviderError;
      if (!e.retryable || n >= downloadAttempts) throw e;
      // Full jitter, doubling: a flaky CDN gets room, and the deadline still bounds the whole.
      try {
        await sleep(Math.random() * base * 2 ** (n - 1) + base / 2, undefined, { signal: o.signal });
      } catch {
        throw o.why();
      }
    }
  }
}
