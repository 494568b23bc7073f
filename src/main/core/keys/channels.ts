/** The `keys:*` channels: keys go in, only "set or not, last 4" comes out. */
import { StudioError } from '../../../shared/errors';
import type { KeyStatus, KeyTestResult, KeyedProviderId } from '../../../shared/keys';
import { providerNames } from '../../../shared/provider-names';
import type { ProviderId } from '../../../shared/providers';
import type { Handlers } from '../dispatch';
import { checkMessageMax, providerText } from '../text';
import { originOf } from '../../../shared/endpoints';
import { keyForEndpoint, singleFlight } from './binding';
import type { KeyChecks } from './key-check';
import type { KeyVault } from './vault';

export const keyCheckTimeoutMs = 15_000;

export interface KeyChannelDeps {
  vault: KeyVault;
  checks: KeyChecks;
  endpoints: () => Record<ProviderId, string>;
  changed: (status: KeyStatus) => void;
}

type KeyHandlers = Pick<Handlers, 'keys:status' | 'keys:set' | 'keys:delete' | 'keys:test'>;

async function testKey(deps: KeyChannelDeps, provider: KeyedProviderId): Promise<KeyTestResult> {
  const name = providerNames[provider];
  const baseUrl = deps.endpoints()[provider];
  let key: string;
  try {
    key = await keyForEndpoint(deps.vault, provider, baseUrl);
  } catch (error) {
    if (error instanceof StudioError) return { ok: false, message: error.message };
    throw error;
  }
  try {
    const result = await deps.checks[provider](key, baseUrl, AbortSignal.timeout(keyCheckTimeoutMs));
    return { ok: result.ok, message: providerText(result.message, checkMessageMax) };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { ok: false, message: `${name} did not answer within ${keyCheckTimeoutMs / 1000} seconds. Check your connection and try again.` };
    }
    const reason = error instanceof StudioError ? error.message : `The ${name} key check failed: ${error instanceof Error ? error.message : String(error)}`;
    // A check may echo the key back (a URL, a header dump); the renderer must never see it.
    return { ok: false, message: providerText(reason, checkMessageMax) };
  }
}

export function createKeyHandlers(deps: KeyChannelDeps): KeyHandlers {
  const oneAtATime = singleFlight<KeyTestResult>();
  const afterChange = async (): Promise<KeyStatus> => {
    const status = await deps.vault.status();
    deps.changed(status);
    return status;
  };
  return {
    'keys:status': () => deps.vault.status(),
    'keys:set': async ({ provider, key }) => {
      // Bound to the address in force now: the public one, or one the artist confirmed in main.
      const origin = originOf(deps.endpoints()[provider]);
      if (!origin) throw new StudioError('invalid-input', `The ${providerNames[provider]} address is not a web address; fix it in Settings first.`);
      await deps.vault.set(provider, key, origin);
      return afterChange();
    },
    'keys:delete': async ({ provider }) => {
      await deps.vault.delete(provider);
      return afterChange();
    },
    'keys:test': ({ provider }) => oneAtATime(provider, () => testKey(deps, provider)),
  };
}
