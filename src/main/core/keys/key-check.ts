/**
 * "Test" in Settings: one cheap authenticated call per provider, where the provider has one.
 * The calls themselves live with the provider adapters (providers/key-checks.ts).
 */
import type { KeyTestResult, KeyedProviderId } from '../../../shared/keys';

/** Checks one key against the provider at `baseUrl`; gives up when `signal` aborts. */
export type KeyCheck = (key: string, baseUrl: string, signal: AbortSignal) => Promise<KeyTestResult>;
export type KeyChecks = Record<KeyedProviderId, KeyCheck>;
