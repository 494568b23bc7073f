/** During a check, what waiting can fix becomes `retry-after`; the rest is thrown. */
import { ProviderError } from './errors';
import type { CheckResult } from './types';

export function retryOrThrow(error: unknown): CheckResult {
  if (error instanceof ProviderError && error.retryable) {
    return { state: 'retry-after', ms: error.retryAfterMs ?? 5_000, reason: error.message, kind: error.kind };
  }
  throw error;
}
