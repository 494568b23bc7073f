/** Every model the app can run, by provider. Plain data, safe for the renderer. */
import type { ProviderId } from '../providers';
import { localModels } from './local';
import { segmindModels } from './segmind';
import type { CatalogModel } from './types';
import { vtrixModels } from './vtrix';
import { wavespeedModels } from './wavespeed';

export * from './types';
export * from './schema';

export const catalog: readonly CatalogModel[] = [...segmindModels, ...wavespeedModels, ...vtrixModels, ...localModels];

export function findModel(id: string): CatalogModel | undefined {
  return catalog.find((m) => m.id === id);
}

export function modelsOf(provider: ProviderId): CatalogModel[] {
  return catalog.filter((m) => m.provider === provider);
}
