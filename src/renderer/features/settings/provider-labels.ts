import type { ProviderId } from '../../../shared/providers';

/** Provider names as artists see them on the providers' own sites. */
export const providerLabels: Record<ProviderId, string> = {
  segmind: 'Segmind',
  wavespeed: 'WaveSpeed',
  vtrix: 'Vtrix',
  local: 'Self-hosted',
};
