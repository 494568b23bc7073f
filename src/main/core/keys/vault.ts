/**
 * Where API keys live. The keychain one is for the app, the memory one for tests and the
 * harness; both validate a key before keeping it and register it with the log's redactor.
 */
import { StudioError } from '../../../shared/errors';
import { keyedProviderIds, type KeyStatus, type KeyedProviderId } from '../../../shared/keys';
import { providerNames } from '../../../shared/provider-names';
import { registerSecret } from '../log';

export interface KeyVault {
  /** The key, or null when none is saved. */
  get(provider: KeyedProviderId): Promise<string | null>;
  /** Validates (see `validateKey`) and saves the key, replacing any earlier one. */
  set(provider: KeyedProviderId, key: string): Promise<void>;
  delete(provider: KeyedProviderId): Promise<void>;
  /** Per provider: is a key saved, and its last 4 characters. */
  status(): Promise<KeyStatus>;
}

export const minKeyLength = 8;
export const maxKeyLength = 512;

/** The key as it should be stored: trimmed; or a sentence saying what is wrong with what was pasted. */
export function validateKey(provider: KeyedProviderId, key: string): string {
  const name = `${providerNames[provider]} API key`;
  const trimmed = key.trim();
  if (trimmed === '') throw new StudioError('invalid-input', `The ${name} is empty. Paste the key and press Save.`);
  if (/\s/.test(trimmed)) {
    throw new StudioError('invalid-input', `A ${name} has no spaces or line breaks. Check that only the key was pasted.`);
  }
  if (/[^\x21-\x7e]/.test(trimmed)) {
    throw new StudioError('invalid-input', `This ${name} contains a character no key has. Copy it again from ${providerNames[provider]}'s site.`);
  }
  if (trimmed.length < minKeyLength) {
    throw new StudioError('invalid-input', `This is too short to be a ${name} (at least ${minKeyLength} characters). Copy the whole key.`);
  }
  if (trimmed.length > maxKeyLength) {
    throw new StudioError('invalid-input', `This is too long to be a ${name} (at most ${maxKeyLength} characters).`);
  }
  return trimmed;
}

/** Builds the status from whatever keys are saved, registering each so logs never show it. */
export function statusOf(saved: Partial<Record<KeyedProviderId, string>>): KeyStatus {
  const entries = keyedProviderIds.map((id) => {
    const key = saved[id];
    if (key) registerSecret(key);
    return [id, key ? { set: true, last4: key.slice(-4) } : { set: false, last4: null }] as const;
  });
  return Object.fromEntries(entries) as KeyStatus;
}

/** Keys in memory only: for tests and `npm run harness -- --memory-keys`. */
export class MemoryVault implements KeyVault {
  readonly #keys = new Map<KeyedProviderId, string>();

  constructor(initial: Partial<Record<KeyedProviderId, string>> = {}) {
    for (const [id, key] of Object.entries(initial) as [KeyedProviderId, string][]) this.#keys.set(id, validateKey(id, key));
    statusOf(initial);
  }

  async get(provider: KeyedProviderId): Promise<string | null> {
    return this.#keys.get(provider) ?? null;
  }

  async set(provider: KeyedProviderId, key: string): Promise<void> {
    const clean = validateKey(provider, key);
    registerSecret(clean);
    this.#keys.set(provider, clean);
  }

  // A removed key stays registered with the redactor: a line about it may still be on its way.
  async delete(provider: KeyedProviderId): Promise<void> {
    this.#keys.delete(provider);
  }

  async status(): Promise<KeyStatus> {
    return statusOf(Object.fromEntries(this.#keys));
  }
}
