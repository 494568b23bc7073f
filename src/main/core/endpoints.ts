import { providerIds, type ProviderId, type Settings } from '../../shared/settings';

/** The providers' public base URLs (PROVIDERS.md). */
export const defaultEndpoints: Record<ProviderId, string> = {
  segmind: 'https://api.segmind.com',
  wavespeed: 'https://api.wavespeed.ai',
  vtrix: 'https://cloud.vtrix.ai',
  local: 'http://localhost:8081',
};

/**
 * Base URL per provider: `HY3D_ENDPOINT_<PROVIDER>` wins (tests, proxies), then the user's
 * setting, then the public endpoint.
 */
export function resolveEndpoints(env: Record<string, string | undefined>, settings: Pick<Settings, 'endpoints'>): Record<ProviderId, string> {
  const out = { ...defaultEndpoints };
  for (const id of providerIds) {
    const fromEnv = env[`HY3D_ENDPOINT_${id.toUpperCase()}`]?.trim();
    const chosen = fromEnv || settings.endpoints[id];
    if (chosen) out[id] = chosen.replace(/\/+$/, '');
  }
  return out;
}
