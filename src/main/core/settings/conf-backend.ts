import Conf from 'conf';
import type { Settings } from '../../../shared/settings';
import type { SettingsBackend } from './store';
import { openRecovering } from './recover';

/** settings.json in the data dir through `conf` (what electron-store wraps), for the harness. */
export function createConfBackend(dataDir: string): SettingsBackend {
  const conf = openRecovering(dataDir, () => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'hunyuan3d-studio' }));
  return {
    read: () => conf.store,
    write: (value: Settings) => {
      conf.store = value as unknown as Record<string, unknown>;
    },
  };
}
