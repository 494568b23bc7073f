/** The `presets:*` channels over the store; each answers the whole list, so the page never drifts from it. */
import type { Handlers } from '../dispatch';
import type { PresetStore } from './store';

type PresetHandlers = Pick<Handlers, 'presets:list' | 'presets:save' | 'presets:delete'>;

export function createPresetHandlers(store: PresetStore): PresetHandlers {
  return {
    'presets:list': async () => ({ presets: await store.list() }),
    'presets:save': async (preset) => ({ presets: await store.save(preset) }),
    'presets:delete': async (ref) => ({ presets: await store.remove(ref) }),
  };
}
