import { providerIds, type ProviderId, type Settings } from '../../shared/settings';

/** The providers' public base URLs (PROVIDERS.md). */
export const defaultEndpoints: Record<ProviderId, string> = {
  segmind: 'https://api.segmind.com',
  wavespeed: 'https://api.wavespeed.ai',
  vtrix: 'https://cloud.vtrix.ai',
  local: 'http://localhost:8081',
};

/** True for an absolute http(s) URL, the only kind of endpoint the adapters can call. */
export function isEndpointUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Base URL per provider: `HY3D_ENDPOINT_<PROVIDER>` wins (tests, proxies), then the user's
 * setting, then the public endpoint. An environment value that is not an http(s) URL is ignored,
 * with a warning through `warn` (settings are validated when saved).
 */
export function resolveEndpoints(
  env: Record<string, string | undefined>,
  settings: Pick<Settings, 'endpoints'>,
  warn?: (message: string) => void,
): Record<ProviderId, string> {
  const out = { ...defaultEndpoints };
  for (const id of providerIds) {
    const name = `HY3D_ENDPOINT_${id.toUpperCase()}`;
    let fromEnv = env[name]?.trim();
    if (fromEnv && !isEndpointUrl(fromEnv)) {
      warn?.(`${name} is not an http(s) URL; it is ignored. Set it to an address like http://127.0.0.1:8081.`);
      fromEnv = undefined;
    }
    const chosen = fromEnv || settings.endpoints[id];
    if (chosen) out[id] = chosen.replace(/\/+$/, '');
  }
  return out;
}
