/**
 * Trust rule 1 at the point where addresses change. A keyed provider's address decides where its key
 * goes, and the page (untrusted) is what asks to change it, so main asks the artist: a native dialog
 * in the app. Where main cannot ask (the browser harness, tests), only the command line or the
 * environment can point a keyed provider elsewhere; going back to the public address needs no question.
 */
import { StudioError } from '../../../shared/errors';
import { defaultEndpoints, normaliseEndpoint } from '../../../shared/endpoints';
import { keyedProviderIds, type KeyedProviderId } from '../../../shared/keys';
import { providerNames } from '../../../shared/provider-names';
import type { Settings, SettingsPatch } from '../../../shared/settings';

export interface EndpointChange {
  provider: KeyedProviderId;
  /** Addresses as the artist would read them. */
  from: string;
  to: string;
  /** Whether a key is saved that would from now on go to `to`. */
  keySaved: boolean;
}

/** Asks the artist (in main, never the page) whether a keyed provider may use a new address. */
export type ConfirmEndpointChange = (change: EndpointChange) => Promise<boolean>;

/** The keyed providers whose saved address `patch` changes. */
export function changedKeyedEndpoints(current: Settings, patch: SettingsPatch): { provider: KeyedProviderId; from: string; to: string }[] {
  if (!patch.endpoints) return [];
  const out: { provider: KeyedProviderId; from: string; to: string }[] = [];
  for (const provider of keyedProviderIds) {
    const from = normaliseEndpoint(current.endpoints[provider] ?? '');
    const to = normaliseEndpoint(patch.endpoints[provider] ?? '');
    if (from !== to) out.push({ provider, from: from || defaultEndpoints[provider], to: to || defaultEndpoints[provider] });
  }
  return out;
}

/**
 * Refuses (with a sentence) or confirms each change; returns the providers the artist approved, whose
 * saved keys are then bound to the new address.
 */
export async function approveEndpointChanges(
  changes: { provider: KeyedProviderId; from: string; to: string }[],
  keySaved: (provider: KeyedProviderId) => Promise<boolean>,
  confirm: ConfirmEndpointChange | undefined,
): Promise<void> {
  for (const change of changes) {
    const name = providerNames[change.provider];
    // Back to the provider's own public address: that is where its key was meant to go.
    if (normaliseEndpoint(change.to) === defaultEndpoints[change.provider]) continue;
    if (!confirm) {
      throw new StudioError(
        'forbidden',
        `The ${name} address can only be changed from the command line here (HY3D_ENDPOINT_${change.provider.toUpperCase()}), because your ${name} key would be sent to it. Nothing was changed.`,
      );
    }
    const approved = await confirm({ ...change, keySaved: await keySaved(change.provider) });
    if (!approved) throw new StudioError('forbidden', `The ${name} address was not changed: you did not confirm it.`);
  }
}
