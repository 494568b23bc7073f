/**
 * A provider that cannot be reached (no network, DNS down, the server not started, the proxy
 * refusing): the connection failed before any request left, so nothing can have been paid and the
 * job can simply wait and be sent again.
 */
import { connectCodes } from '../providers/http';
import { ProviderError } from '../providers/errors';

export function isUnreachable(error: unknown): boolean {
  return error instanceof ProviderError && error.kind === 'network' && !error.mayHaveStarted && connectCodes.has(error.providerCode ?? '');
}

/** Pauses between tries: 2 s, 4 s, 8 s … up to a minute, each with some jitter so jobs spread out. */
export function unreachableWaitMs(tries: number): number {
  const base = Math.min(60_000, 2_000 * 2 ** Math.min(tries, 10));
  return Math.round(base * (0.75 + Math.random() * 0.25));
}
