/**
 * HTTP status → ProviderError, with the sentence a person reads. One table for every provider:
 * their codes mean the same things (PROVIDERS.md §1c), only the names and the help differ.
 */
import type { ProviderId } from '../../../shared/providers';
import { ProviderError, providerName } from './errors';
import { providerMessage, type HttpAnswer } from './http';

/**
 * Where the answer came from. `upload-link` (a presigned storage PUT) and `download` (a result
 * file) carry no API key, so a 401/403 there is about the link, never the key.
 */
export type Phase = 'upload' | 'upload-link' | 'submit' | 'check' | 'download';

const keyHelp = 'Check the key in Settings → Keys.';
const defaultRateWaitMs = 10_000;
const defaultServerWaitMs = 5_000;
/** However long a provider asks, wait at least a second and at most ten minutes. */
export const minRateWaitMs = 1_000;
export const maxRateWaitMs = 10 * 60_000;

const clampWait = (ms: number): number => Math.min(maxRateWaitMs, Math.max(minRateWaitMs, ms));

/**
 * A date from a header. JavaScript reads an ISO date without a zone as local time, so one is
 * taken as UTC; any other form (HTTP-date with "GMT", ISO with an offset) is parsed as written,
 * with 'Z' appended only when it does not parse without it.
 */
function parseUtc(text: string): number {
  if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?$/.test(text)) return Date.parse(`${text.replace(' ', 'T')}Z`);
  const at = Date.parse(text);
  return Number.isFinite(at) ? at : Date.parse(`${text}Z`);
}

/**
 * The wait a 429 asks for: `Retry-After` (seconds or a date) or Segmind's undocumented
 * `x-rate-limit-reset-at-utc` (a date, epoch seconds or milliseconds, or — a number too small to
 * be a recent epoch — seconds to wait). Always within [1 s, 10 min]; a time already past gives 1 s.
 */
export function rateLimitWaitMs(headers: Record<string, string>, now = Date.now()): number | undefined {
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return clampWait(seconds * 1000);
    const at = parseUtc(retryAfter);
    if (Number.isFinite(at)) return clampWait(at - now);
  }
  const resetAt = headers['x-rate-limit-reset-at-utc']?.trim();
  if (resetAt) {
    const n = Number(resetAt);
    if (Number.isFinite(n)) {
      // Below 1e9 (2001 as epoch seconds) a number cannot be a reset time; read it as seconds to wait.
      if (n < 1e9) return clampWait(n * 1000);
      return clampWait((n < 1e12 ? n * 1000 : n) - now);
    }
    const at = parseUtc(resetAt);
    if (Number.isFinite(at)) return clampWait(at - now);
  }
  return undefined;
}

/**
 * The sentence for a refused key. A keyed provider's own text is never shown here: it may echo
 * the key, or word the refusal in ways that send the artist the wrong way; ours says what to do.
 * The self-hosted server has no keys, so a refusal comes from something in front of it.
 */
function refusal(provider: ProviderId, status: 401 | 403): string {
  const who = providerName(provider);
  if (provider === 'local') {
    return `${who} refused the request (HTTP ${status}). The server itself asks for no key, so a proxy or firewall in front of it is refusing; check the address in Settings and what sits in front of the server.`;
  }
  if (status === 401) return `${who} did not accept the API key (HTTP 401). ${keyHelp}`;
  // Vtrix has been seen answering 403 for an empty balance (PROVIDERS.md §6).
  const balance = provider === 'vtrix' ? ' and enough balance' : '';
  return `${who} says this key may not do that (HTTP 403). ${keyHelp} Make sure the account has access to this model${balance}.`;
}

function noCredits(provider: ProviderId): string {
  const who = providerName(provider);
  if (provider === 'local') return `${who} refused the request as not acceptable (HTTP 406); a proxy in front of it may be rewriting requests. Check the server’s console.`;
  return `${who} says the account has too few credits for this job (HTTP 406). Add credits in your ${who} account.`;
}

function unknownAddress(provider: ProviderId, quote: string): string {
  const who = providerName(provider);
  if (provider === 'local') return `${who} does not know this address (HTTP 404)${quote}. Check the server’s address in Settings and that it runs Hunyuan3D’s api_server.`;
  return `${who} does not know this address (HTTP 404)${quote}. Check the endpoint for ${who} in Settings.`;
}

/** Classify a non-2xx answer. 404 is left to the adapter: it means "expired" for a job, "unknown model" for a submit. */
export function errorForStatus(provider: ProviderId, answer: HttpAnswer, phase: Phase, now: () => number = Date.now): ProviderError {
  const who = providerName(provider);
  const status = answer.status;
  const said = providerMessage(answer);
  const quote = said ? `: “${said}”` : '';
  const paid = phase === 'submit';
  const base = { provider, status };

  if (phase === 'upload-link' && (status === 401 || status === 403 || status === 404)) {
    return new ProviderError({ ...base, kind: 'expired', message: `${who}’s storage refused the picture upload (HTTP ${status}); the upload link was refused or has expired. Try again to get a fresh one.` });
  }
  if (phase === 'download' && (status === 401 || status === 403)) {
    return new ProviderError({ ...base, kind: 'expired', message: `${who} refused to hand over the result file (HTTP ${status}); its link has probably expired. Run the job again to get a fresh one.` });
  }
  if (status === 401 || status === 403) return new ProviderError({ ...base, kind: 'auth', message: refusal(provider, status) });
  if (status === 406) return new ProviderError({ ...base, kind: provider === 'local' ? 'malformed' : 'credits', message: noCredits(provider) });
  if (status === 410) return new ProviderError({ ...base, kind: 'gone', message: `${who} has retired this model (HTTP 410). Choose another model.` });
  if (status === 429) {
    const wait = rateLimitWaitMs(answer.headers, now()) ?? defaultRateWaitMs;
    return new ProviderError({ ...base, kind: 'rate-limited', retryAfterMs: wait, message: `${who} is limiting how often the app may ask (HTTP 429) and asks it to wait ${Math.ceil(wait / 1000)} s.` });
  }
  if (status >= 500) {
    const tail = paid ? ' The job may have started anyway; check the provider before submitting again.' : ' This usually passes.';
    const where = provider === 'local' ? ' Its console says what went wrong.' : '';
    return new ProviderError({ ...base, kind: 'server', retryAfterMs: defaultServerWaitMs, mayHaveStarted: paid, message: `${who} had a server problem (HTTP ${status}).${where}${tail}` });
  }
  if (status === 404) return new ProviderError({ ...base, kind: 'not-found', message: unknownAddress(provider, quote) });
  if (status === 400 || status === 422) {
    return new ProviderError({ ...base, kind: 'invalid', message: `${who} refused the request (HTTP ${status})${quote}. Check the inputs and parameters.` });
  }
  if (status === 405 || status === 415) {
    return new ProviderError({ ...base, kind: 'malformed', message: `${who} did not accept how the app asked (HTTP ${status}); its API may have changed.` });
  }
  return new ProviderError({ ...base, kind: 'malformed', message: `${who} answered with an unexpected HTTP ${status}${quote}.` });
}
