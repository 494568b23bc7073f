/** App lifecycle: one instance, one secure window, the core wired to IPC. */
import { app, dialog, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from './core';
import { createDispatcher } from './core/dispatch';
import { createConsoleLog } from './core/log';
import { APP_ORIGIN } from './core/security/navigation';
import { bindIpc } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { createElectronStoreBackend } from './settings-backend';
import { createMainWindow, lockDownSession } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = createConsoleLog();

// HY3D_DATA_DIR lets tests and power users keep a separate library.
if (process.env.HY3D_DATA_DIR) app.setPath('userData', path.resolve(process.env.HY3D_DATA_DIR));

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // A window that never appears would still hold the single-instance lock; say why and quit.
      log.error('start-up failed', { error });
      dialog.showErrorBox('Hunyuan3D Studio could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const core = createCore({
    dataDir,
    settings: createElectronStoreBackend(dataDir),
    log,
    env: process.env,
    app: { name: 'Hunyuan3D Studio', version: app.getVersion(), shell: 'electron', platform: process.platform },
  });
  lockDownSession(session.defaultSession);
  serveRenderer(path.join(here, '../renderer'));

  const win = createMainWindow(path.join(here, '../preload/index.cjs'));
  const unbind = bindIpc(createDispatcher(core.handlers, { trustedOrigin: APP_ORIGIN, log }), core, win);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    unbind();
    void core.close().finally(() => app.quit());
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}
