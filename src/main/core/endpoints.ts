import { defaultEndpoints, endpointProblem, normaliseEndpoint } from '../../shared/endpoints';
import { providerIds, type ProviderId, type Settings } from '../../shared/settings';

export { defaultEndpoints };

/**
 * Base URL per provider: `HY3D_ENDPOINT_<PROVIDER>` wins (tests, proxies), then the user's
 * setting, then the public endpoint. An environment value that breaks the endpoint rules
 * (`endpointProblem`) is ignored, with a warning through `warn`.
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
    const problem = fromEnv ? endpointProblem(id, fromEnv) : null;
    if (problem) {
      warn?.(`${name} is ignored: ${problem}`);
      fromEnv = undefined;
    }
    // Settings were checked when saved; a hand-edited file is checked again here.
    const saved = settings.endpoints[id];
    const chosen = fromEnv || (saved && !endpointProblem(id, saved) ? saved : undefined);
    if (chosen) out[id] = normaliseEndpoint(chosen);
  }
  return out;
}
