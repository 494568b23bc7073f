import type { ProviderId } from './providers';

/** Provider names as artists see them on the providers' own sites; used in labels and sentences. */
export const providerNames: Record<ProviderId, string> = {
  segmind: 'Segmind',
  wavespeed: 'WaveSpeed',
  vtrix: 'Vtrix',
  local: 'Self-hosted',
};
