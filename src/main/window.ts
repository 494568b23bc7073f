/** The one BrowserWindow, with Electron's secure defaults spelled out and every escape hatch shut. */
import { BrowserWindow, shell, type Session } from 'electron';
import path from 'node:path';
import type { Placement } from './core/window-placement';
import { APP_ORIGIN, decideWindowOpen, isAllowedNavigation, isAllowedPermission, isOwnBlobDownload } from './core/security/navigation';

/** `iconPath`: the window and taskbar icon on Linux (Windows and macOS take it from the installed app). */
export function createMainWindow(preloadPath: string, placement: Placement, iconPath?: string): BrowserWindow {
  const win = new BrowserWindow({
    ...(process.platform === 'linux' && iconPath ? { icon: iconPath } : {}),
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    width: placement.width,
    height: placement.height,
    minWidth: 960,
    minHeight: 600,
    title: 'Hunyuan3D Studio',
    backgroundColor: '#1d1d1f',
    show: false,
    webPreferences: {
      preload: path.resolve(preloadPath), // eng-disable PRELOAD_JS_CHECK -- our own bundled preload exposes only named, schema-checked functions (src/preload/index.ts)
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise open links in a new window; the viewport uses middle-drag to orbit.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const contents = win.webContents;

  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Links that ask for a new window open in the user's browser when the host is allowed; no
  // Electron window is ever created from the page.
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openInBrowser) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- only https URLs to allow-listed hosts, parsed by isAllowedExternalUrl
    return { action: decision.action };
  });
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });
  return win;
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isAllowedPermission(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isAllowedPermission(permission));
  // The page may save what it made itself (a viewport screenshot as a blob: of our origin);
  // Electron then asks where. Any other download is cancelled.
  session.on('will-download', (event, item) => {
    if (!isOwnBlobDownload(item.getURL())) event.preventDefault();
  });
}
