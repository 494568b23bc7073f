import { ipcMain } from 'electron';
import Store from 'electron-store';
import type { Settings } from '../shared/settings';
import type { SettingsBackend } from './core/settings/store';
import { openRecovering } from './core/settings/recover';

/** settings.json in the data dir through electron-store. */
export function createElectronStoreBackend(dataDir: string): SettingsBackend {
  const store = openRecovering(dataDir, () => new Store<Record<string, unknown>>({ cwd: dataDir, name: 'settings' }));
  // electron-store registers an IPC channel of its own ('electron-store-get-data') that answers any
  // sender; every channel must go through our dispatcher, and the renderer never needs it.
  ipcMain.removeAllListeners('electron-store-get-data');
  return {
    read: () => store.store,
    write: (value: Settings) => {
      store.store = value as unknown as Record<string, unknown>;
    },
  };
}
