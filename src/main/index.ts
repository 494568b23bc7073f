/** App lifecycle: one instance, one secure window, the core wired to IPC. */
import { app, dialog, screen, session, type BrowserWindow } from 'electron';
import { confirmEndpointChange } from './dialogs';
import { watchJobs } from './jobs-shell';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from './core';
import { createDispatcher } from './core/dispatch';
import { createConsoleLog } from './core/log';
import { APP_ORIGIN } from './core/security/navigation';
import { bindIpc } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { serveAssets } from './asset-protocol';
import { createDesktopShell } from './desktop-shell';
import { createElectronStoreBackend } from './settings-backend';
import { createMainWindow, lockDownSession } from './window';
import { installAppMenu } from './menu';
import { placeWindow } from './core/window-placement';

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
  let win: BrowserWindow | null = null;
  const core = createCore({
    confirmEndpointChange: (change) => confirmEndpointChange(win, change),
    dataDir,
    settings: createElectronStoreBackend(dataDir),
    log,
    env: process.env,
    app: { name: 'Hunyuan3D Studio', version: app.getVersion(), shell: 'electron', platform: process.platform },
    shell: createDesktopShell({ dataDir, window: () => win }),
  });
  lockDownSession(session.defaultSession);
  installAppMenu(log, () => win);
  serveRenderer(path.join(here, '../renderer'));
  serveAssets(core);

  const saved = (await core.handlers['settings:get'](undefined)).window;
  const screens = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  // resources/ sits beside out/ in the repository and in the packaged app alike.
  win = createMainWindow(path.join(here, '../preload/index.cjs'), placeWindow(saved, screens), path.join(here, '../../resources/icon-512.png'));
  // Remembered as the normal (unmaximised) bounds plus the maximised flag, as desktop apps do.
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    try {
      void core.handlers['settings:set']({ window: { ...bounds, width: Math.max(400, bounds.width), height: Math.max(300, bounds.height), maximized: win.isMaximized() } });
    } catch (error) {
      // An odd size must never stop the window from closing; it simply opens at the default next time.
      log.warn('window placement not saved', { error });
    }
  });
  const unbind = bindIpc(createDispatcher(core.handlers, { trustedOrigin: APP_ORIGIN, log }), core, win);
  const unwatch = watchJobs(core, win);
  // Jobs that were running when Studio last closed go on now, before the page asks for them.
  void core.start().catch((error: unknown) => log.error('jobs could not resume', { error }));
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    unbind();
    unwatch();
    void core.close().finally(() => app.quit());
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}
