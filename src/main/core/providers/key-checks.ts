/**
 * "Test" for API keys without spending credits: ask for the status of a job that cannot exist.
 * The services check the key before they look for the job (PROVIDERS.md: 401/403 for a bad key,
 * 404 for an unknown id), so a refusal means the key is wrong and a JSON 404 (or a 2xx) means it
 * was accepted; anything else is "could not check". This reading is our inference from the
 * documented codes, not a promise of theirs.
 */
import type { KeyTestResult, KeyedProviderId } from '../../../shared/keys';
import type { KeyCheck, KeyChecks } from '../keys/key-check';
import { redact } from '../log';
import { providerName } from './errors';
import { looksLikeHtml, send, type HttpAnswer } from './http';
import { joinUrl } from './urls';

/** A job id no service will ever have issued. */
const PROBE_ID = 'hy3d-studio-key-check-0000';

const probes: Record<KeyedProviderId, { path: string; auth: (key: string) => Record<string, string> }> = {
  segmind: { path: `/v2/requests/${PROBE_ID}/status`, auth: (key) => ({ 'x-api-key': key }) },
  wavespeed: { path: `/api/v3/predictions/${PROBE_ID}/result`, auth: (key) => ({ authorization: `Bearer ${key}` }) },
  vtrix: { path: `/model/v1/generation/task/${PROBE_ID}`, auth: (key) => ({ authorization: `Bearer ${key}` }) },
};

export function statusProbeCheck(provider: KeyedProviderId): KeyCheck {
  const name = providerName(provider);
  const probe = probes[provider];
  return async (key, baseUrl, signal): Promise<KeyTestResult> => {
    let answer: HttpAnswer;
    try {
      answer = await send({ provider, method: 'GET', url: joinUrl(baseUrl, probe.path), headers: probe.auth(key), signal, maxBytes: 64 * 1024, timeouts: { headersMs: 15_000, bodyMs: 15_000, totalMs: 20_000 } });
    } catch (error) {
      // A timeout is not "could not reach": let the signal's TimeoutError through, so the caller
      // says how long it waited.
      if (signal.aborted && signal.reason instanceof Error && signal.reason.name === 'TimeoutError') throw signal.reason;
      const why = error instanceof Error ? redact(error.message) : 'no answer';
      return { ok: false, message: `Could not reach ${name} to check the key: ${why}` };
    }
    const status = answer.status;
    if (status === 401 || status === 403) {
      return { ok: false, message: `${name} refused this key. Copy it again from your ${name} account and save it.` };
    }
    // Only the service's own "no such job" (a JSON 404) or a success says the key got past its check;
    // a proxy's HTML 404 or any other 4xx says nothing about the key.
    if ((status === 404 && isJson(answer)) || (status >= 200 && status < 300)) return { ok: true, message: `${name} accepted this key.` };
    return { ok: false, message: `${name} could not check the key right now (HTTP ${status}). Try again in a minute.` };
  };
}

function isJson(answer: HttpAnswer): boolean {
  if (looksLikeHtml(answer)) return false;
  try {
    JSON.parse(new TextDecoder().decode(answer.bytes));
    return true;
  } catch {
    return false;
  }
}

export const providerKeyChecks: KeyChecks = {
  segmind: statusProbeCheck('segmind'),
  wavespeed: statusProbeCheck('wavespeed'),
  vtrix: statusProbeCheck('vtrix'),
};
