import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';

/**
 * Opens a settings file; if it is damaged (not JSON), moves it aside as
 * `settings.corrupt-<time>.json` — kept, not deleted, so nothing the user had is lost — and opens
 * a fresh one. Preferences are never worth refusing to start over.
 */
export function openRecovering<T>(dataDir: string, open: () => T, now: () => Date = () => new Date()): T {
  try {
    return open();
  } catch (error) {
    const file = path.join(dataDir, 'settings.json');
    if (!(error instanceof SyntaxError) || !existsSync(file)) throw error;
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    renameSync(file, path.join(dataDir, `settings.corrupt-${stamp}.json`));
    return open();
  }
}
