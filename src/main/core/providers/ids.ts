/**
 * Ids a provider hands us (request ids, prediction ids, task ids, uids) go into the URLs we build
 * next, and into the job store. One that could change the path (`/`, `..`, `?`, `%`), carry a
 * header or hide in a log line is refused as a malformed answer rather than escaped and trusted.
 */
import type { ProviderId } from '../../../shared/providers';
import { providerName } from './errors';
import { malformed } from './http';

export const remoteIdMaxLength = 128;
const idPattern = /^[A-Za-z0-9._:-]+$/;

export function isSafeRemoteId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= remoteIdMaxLength && idPattern.test(v) && v !== '.' && v !== '..';
}

/** `v` as an id for the URLs we build, or `malformed` (with the may-have-started note on a submit). */
export function checkedRemoteId(provider: ProviderId, v: unknown, paid = false): string {
  if (isSafeRemoteId(v)) return v;
  const what = v === undefined || v === null || v === '' ? 'sent no job id' : 'sent a job id the app does not accept';
  return malformed(provider, `${providerName(provider)} ${what}.`, paid);
}

/** The most result files one answer may name; more is not a 3D model but a flood. */
export const maxResultUrls = 20;

export function tooManyResults(provider: ProviderId, paid = false): never {
  return malformed(provider, `${providerName(provider)} named more than ${maxResultUrls} result files in one answer; the app did not use any of them.`, paid);
}
