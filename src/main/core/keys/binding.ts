/**
 * The one way the core reads a key to send it: only to the origin the key was saved for (trust
 * rule 1). A page that changed an address cannot redirect a saved key; the artist must confirm the
 * new address in main or save the key again for it.
 */
import { StudioError } from '../../../shared/errors';
import { originOf } from '../../../shared/endpoints';
import type { KeyedProviderId } from '../../../shared/keys';
import { providerNames } from '../../../shared/provider-names';
import type { KeyVault } from './vault';

/** The key for `provider` if it may be sent to `baseUrl`; otherwise a sentence saying what to do. */
export async function keyForEndpoint(vault: KeyVault, provider: KeyedProviderId, baseUrl: string): Promise<string> {
  const name = providerNames[provider];
  const saved = await vault.get(provider);
  if (!saved) throw new StudioError('forbidden', `No ${name} API key is saved yet. Paste one in Settings and press Save.`);
  const origin = originOf(baseUrl);
  if (!origin || origin !== saved.origin) {
    throw new StudioError(
      'forbidden',
      `Your ${name} key was saved for ${saved.origin}, but the ${name} address is now ${origin ?? 'not a web address'}. The key is not sent there: save the key again in Settings to use it with this address.`,
    );
  }
  return saved.key;
}

/**
 * At most one check per name in flight: a second "Test" while one runs shares its answer, so a page
 * cannot fan out requests through main.
 */
export function singleFlight<T>(): (name: string, run: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (name, run) => {
    const current = running.get(name);
    if (current) return current;
    const started = run().finally(() => running.delete(name));
    running.set(name, started);
    return started;
  };
}
