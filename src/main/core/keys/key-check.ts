/**
 * "Test" in Settings: one cheap authenticated call per provider, where the provider has one.
 * The calls themselves belong with the provider adapters; this is the seam they plug into.
 */
import type { KeyTestResult, KeyedProviderId } from '../../../shared/keys';
import { providerNames } from '../../../shared/provider-names';

/** Checks one key against the provider at `baseUrl`; gives up when `signal` aborts. */
export type KeyCheck = (key: string, baseUrl: string, signal: AbortSignal) => Promise<KeyTestResult>;
export type KeyChecks = Record<KeyedProviderId, KeyCheck>;

/**
 * For a provider with no free endpoint: says so rather than spending the artist's credits.
 * `ok` is true because nothing was found wrong; the message says nothing was proven either.
 */
export function noFreeCheck(provider: KeyedProviderId): KeyCheck {
  const name = providerNames[provider];
  return async () => ({ ok: true, message: `${name} has no free endpoint to check a key; it will be checked on your first job.` });
}

export const defaultKeyChecks: KeyChecks = {
  segmind: noFreeCheck('segmind'),
  wavespeed: noFreeCheck('wavespeed'),
  vtrix: noFreeCheck('vtrix'),
};
