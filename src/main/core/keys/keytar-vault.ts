/**
 * Keys in the OS keychain through keytar (service "Hunyuan3D Studio", account = provider id).
 * keytar is loaded on first use, and every failure (no libsecret, no Secret Service, a locked
 * keychain) becomes a sentence, never a crash: the rest of the app works without keys.
 */
import { StudioError } from '../../../shared/errors';
import { keyedProviderIds, type KeyStatus, type KeyedProviderId } from '../../../shared/keys';
import { redact, registerSecret } from '../log';
import { decodeSavedKey, encodeSavedKey, statusOf, validateKey, type KeyVault, type SavedKey } from './vault';

export const keychainService = 'Hunyuan3D Studio';

/** The part of keytar we use; injectable so tests can stand in a failing keychain. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

const loadKeytar = async (): Promise<KeytarApi> => {
  const module = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return module.default ?? module;
};

function unavailable(error: unknown): StudioError {
  const raw = error instanceof Error ? error.message : String(error);
  const reason = redact(raw.split('\n')[0] ?? '').slice(0, 200).replace(/\.$/, '') || 'no reason given';
  return new StudioError(
    'unavailable',
    `The system keychain is not available: ${reason}. Keys cannot be saved until it is; on Linux, check that a Secret Service such as GNOME Keyring is running and unlocked.`,
  );
}

export class KeytarVault implements KeyVault {
  readonly #load: () => Promise<KeytarApi>;
  #keytar: Promise<KeytarApi> | null = null;

  constructor(load: () => Promise<KeytarApi> = loadKeytar) {
    this.#load = load;
  }

  /** Runs one keychain call; a failed load is retried next time, as the user may fix it meanwhile. */
  async #use<T>(call: (keytar: KeytarApi) => Promise<T>): Promise<T> {
    try {
      this.#keytar ??= this.#load();
      return await call(await this.#keytar);
    } catch (error) {
      if (error instanceof StudioError) throw error;
      this.#keytar = null;
      throw unavailable(error);
    }
  }

  async get(provider: KeyedProviderId): Promise<SavedKey | null> {
    const saved = decodeSavedKey(provider, await this.#use((k) => k.getPassword(keychainService, provider)));
    if (saved) registerSecret(saved.key);
    return saved;
  }

  async set(provider: KeyedProviderId, key: string, origin: string): Promise<void> {
    const clean = validateKey(provider, key);
    registerSecret(clean);
    await this.#use((k) => k.setPassword(keychainService, provider, encodeSavedKey({ key: clean, origin })));
  }

  async delete(provider: KeyedProviderId): Promise<void> {
    await this.#use((k) => k.deletePassword(keychainService, provider));
  }

  async status(): Promise<KeyStatus> {
    // One keychain round trip for all providers; unknown accounts are ignored.
    const credentials = await this.#use((k) => k.findCredentials(keychainService));
    const saved: Partial<Record<KeyedProviderId, SavedKey>> = {};
    for (const { account, password } of credentials) {
      if (!(keyedProviderIds as readonly string[]).includes(account)) continue;
      const decoded = decodeSavedKey(account as KeyedProviderId, password);
      if (decoded) saved[account as KeyedProviderId] = decoded;
    }
    return statusOf(saved);
  }
}
