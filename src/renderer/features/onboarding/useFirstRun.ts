import { useCallback, useEffect, useState } from 'react';
import type { StudioApi } from '../../../shared/ipc';
import type { KeyStatus } from '../../../shared/keys';
import type { Settings } from '../../../shared/settings';

/**
 * Whether the first-run welcome shows: no API key saved, no self-hosted address set, and the
 * artist has not said "Not now". It follows `keys:changed` and `settings:changed`, so saving a key
 * in Settings makes it go at once. Nothing shows until both answers are in, so it never flashes up
 * for an artist who has keys.
 */
export function useFirstRun(studio: StudioApi) {
  const [keys, setKeys] = useState<KeyStatus | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    let live = true;
    studio.keys.status().then((k) => live && setKeys(k)).catch(() => undefined);
    studio.settings.get().then((s) => live && setSettings(s)).catch(() => undefined);
    const offKeys = studio.on('keys:changed', setKeys);
    const offSettings = studio.on('settings:changed', setSettings);
    return () => {
      live = false;
      offKeys();
      offSettings();
    };
  }, [studio]);

  const dismiss = useCallback(() => {
    setSettings((s) => (s ? { ...s, welcomeDismissed: true } : s));
    void studio.settings.set({ welcomeDismissed: true }).catch(() => undefined);
  }, [studio]);

  const anyKey = keys !== null && Object.values(keys).some((k) => k.set);
  const selfHosted = (settings?.endpoints.local ?? '').trim() !== '';
  const show = keys !== null && settings !== null && !anyKey && !selfHosted && !settings.welcomeDismissed;
  return { show, dismiss };
}
