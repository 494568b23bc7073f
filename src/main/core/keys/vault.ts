/**
 * Where API keys live. The keychain one is for the app, the memory one for tests and the
 * harness; both validate a key before keeping it and register it with the log's redactor.
 */
import { StudioError } from '../../../shared/errors';
import { keyedProviderIds, type KeyStatus, type KeyedProviderId } from '../../../shared/keys';
import { providerNames } from '../../../shared/provider-names';
import { defaultEndpoints } from '../../../shared/endpoints';
import { registerSecret } from '../log';

/**
 * A key and the origin (`https://host[:port]`) it was saved for. The key is only ever sent there:
 * see `keyForEndpoint` in binding.ts, the one way the core reads a key to send it.
 */
export interface SavedKey {
  key: string;
  origin: string;
}

export interface KeyVault {
  /** The key with the origin it is bound to, or null when none is saved. */
  get(provider: KeyedProviderId): Promise<SavedKey | null>;
  /** Validates (see `validateKey`) and saves the key bound to `origin`, replacing any earlier one. */
  set(provider: KeyedProviderId, key: string, origin: string): Promise<void>;
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

/**
 * How much of a key's end Settings may show: 4 characters of a long key, 2 of a short one, so a
 * glance at the screen never gives away a large share of it.
 */
export function visibleTail(key: string): string {
  return key.slice(key.length >= 16 ? -4 : -2);
}

/** Builds the status from whatever keys are saved, registering each so logs never show it. */
export function statusOf(saved: Partial<Record<KeyedProviderId, SavedKey>>): KeyStatus {
  const entries = keyedProviderIds.map((id) => {
    const key = saved[id]?.key;
    if (key) registerSecret(key);
    return [id, key ? { set: true, last4: visibleTail(key) } : { set: false, last4: null }] as const;
  });
  return Object.fromEntries(entries) as KeyStatus;
}

/**
 * How a key is kept in the keychain: JSON with the origin it is bound to. A plain string is a key
 * saved before keys were bound; it is bound to the provider's public address, so a key saved for a
 * custom address then must be entered again (the safe side).
 */
export function encodeSavedKey(saved: SavedKey): string {
  return JSON.stringify({ v: 1, key: saved.key, origin: saved.origin });
}

export function decodeSavedKey(provider: KeyedProviderId, stored: string | null | undefined): SavedKey | null {
  if (!stored) return null;
  if (stored.startsWith('{')) {
    try {
      const v = JSON.parse(stored) as { key?: unknown; origin?: unknown };
      if (typeof v.key === 'string' && v.key && typeof v.origin === 'string' && v.origin) return { key: v.key, origin: v.origin };
    } catch {
      // Not ours: treated as no key, so it is never sent anywhere.
    }
    return null;
  }
  return { key: stored, origin: new URL(defaultEndpoints[provider]).origin };
}

/** Keys in memory only: for tests and `npm run harness -- --memory-keys`. */
export class MemoryVault implements KeyVault {
  readonly #keys = new Map<KeyedProviderId, SavedKey>();

  /** `initial`: keys already saved, each bound to the given origin (or, for a bare string, the public address). */
  constructor(initial: Partial<Record<KeyedProviderId, string | SavedKey>> = {}) {
    for (const [id, value] of Object.entries(initial) as [KeyedProviderId, string | SavedKey][]) {
      const saved = typeof value === 'string' ? decodeSavedKey(id, value) : value;
      if (saved) this.#keys.set(id, { key: validateKey(id, saved.key), origin: saved.origin });
    }
    statusOf(Object.fromEntries(this.#keys));
  }

  async get(provider: KeyedProviderId): Promise<SavedKey | null> {
    const saved = this.#keys.get(provider);
    return saved ? { ...saved } : null;
  }

  async set(provider: KeyedProviderId, key: string, origin: string): Promise<void> {
    const clean = validateKey(provider, key);
    registerSecret(clean);
    this.#keys.set(provider, { key: clean, origin });
  }

  // A removed key stays registered with the redactor: a line about it may still be on its way.
  async delete(provider: KeyedProviderId): Promise<void> {
    this.#keys.delete(provider);
  }

  async status(): Promise<KeyStatus> {
    return statusOf(Object.fromEntries(this.#keys));
  }
}
