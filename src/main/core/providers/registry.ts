/** One adapter per provider id; the engine looks them up here. */
import type { ProviderId } from '../../../shared/providers';
import { createLocalAdapter, type LocalAdapterOptions } from './local';
import { createSegmindAdapter } from './segmind';
import type { ProviderAdapter } from './types';
import { createVtrixAdapter } from './vtrix';
import { createWaveSpeedAdapter } from './wavespeed';

export type ProviderRegistry = Readonly<Record<ProviderId, ProviderAdapter>>;

export function createProviderRegistry(options: { local?: LocalAdapterOptions } = {}): ProviderRegistry {
  return {
    segmind: createSegmindAdapter(),
    wavespeed: createWaveSpeedAdapter(),
    vtrix: createVtrixAdapter(),
    local: createLocalAdapter(options.local),
  };
}
