/**
 * What a provider address may be (issue [S], trust rules 1–2). Pure, so the page can show the same
 * sentence the core enforces. A keyed provider's address receives the artist's API key with every
 * call, so it must be https (plain http only on this machine's loopback, where nothing crosses a
 * network); no address may carry a query, a fragment or credentials, which would let a suffix the app
 * appends (`/health`, `/v2/…`) be swallowed or a password ride along.
 */
import { keyedProviderIds } from './keys';
import { providerNames } from './provider-names';
import type { ProviderId } from './providers';

/** The providers' public base URLs (PROVIDERS.md). Keys are bound to these unless the artist confirms another. */
export const defaultEndpoints: Record<ProviderId, string> = {
  segmind: 'https://api.segmind.com',
  wavespeed: 'https://api.wavespeed.ai',
  vtrix: 'https://cloud.vtrix.ai',
  local: 'http://localhost:8081',
};

export const maxEndpointLength = 300;

export function isKeyedProvider(provider: ProviderId): boolean {
  return (keyedProviderIds as readonly string[]).includes(provider);
}

/** 127.0.0.0/8, ::1 and `localhost`: addresses that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Why `value` cannot be `provider`'s address, as a sentence; null when it can. */
export function endpointProblem(provider: ProviderId, value: string): string | null {
  const name = providerNames[provider];
  const text = value.trim();
  if (text.length > maxEndpointLength) return `The address for ${name} is too long (at most ${maxEndpointLength} characters).`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `The address for ${name} is not a web address. Write it like https://api.example.com.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `The address for ${name} must start with https://.`;
  if (url.username || url.password) return `The address for ${name} must not contain a user name or password.`;
  if (url.search || text.includes('?')) return `The address for ${name} must not contain a query (the part after “?”).`;
  if (url.hash || text.includes('#')) return `The address for ${name} must not contain a “#” part.`;
  if (isKeyedProvider(provider) && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `The address for ${name} must use https://: your ${name} key is sent to it with every job. Plain http:// is only allowed on this computer (127.0.0.1 or localhost).`;
  }
  return null;
}

/** The address without trailing slashes, as the adapters join paths onto it. */
export function normaliseEndpoint(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

/** `scheme://host[:port]` of an address: what a key is bound to. Null for what is not a URL. */
export function originOf(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
