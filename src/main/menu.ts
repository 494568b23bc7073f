/**
 * Installs the application menu (src/main/core/app-menu.ts): its Help links open in the browser,
 * its page actions reach the Studio window as `app:command`.
 */
import { app, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { appCommandEvent, buildMenuTemplate, type MenuEntry } from './core/app-menu';
import type { AppCommand } from '../shared/ipc';
import { isAllowedExternalUrl } from './core/security/navigation';
import type { Log } from './core/log';

/** The one Studio window, or null before it exists and after it closed. */
type WindowGetter = () => BrowserWindow | null;

function sendCommand(window: WindowGetter, command: AppCommand, log: Log): void {
  const win = window();
  if (!win || win.isDestroyed()) return;
  // From the macOS menu bar the window may be minimised; the action should be seen.
  if (win.isMinimized()) win.restore();
  win.focus();
  const payload = appCommandEvent(command);
  if (command !== 'open-model') {
    win.webContents.send('app:command', payload);
    return;
  }
  // A page may open a file picker only during a user gesture, and a menu click is not one to
  // Chromium; a no-op run as a gesture gives the page that activation (for a few seconds) first.
  win.webContents
    .executeJavaScript('undefined', true)
    .then(() => {
      if (!win.isDestroyed()) win.webContents.send('app:command', payload);
    })
    .catch((error: unknown) => log.warn('menu: Open Model could not reach the page', { error }));
}

function toElectron(entry: MenuEntry, window: WindowGetter, log: Log): MenuItemConstructorOptions {
  if ('link' in entry) {
    const { label, link } = entry;
    return {
      label,
      click: () => {
        // The same rule as links from the page: only https to an allow-listed host leaves the app.
        if (isAllowedExternalUrl(link)) void shell.openExternal(link); // eng-disable OPEN_EXTERNAL_JS_CHECK -- a fixed https URL, checked by isAllowedExternalUrl
        else log.warn('menu: refused to open a link outside the allow-list', { link });
      },
    };
  }
  if ('command' in entry) {
    const { label, command, accelerator, registerAccelerator } = entry;
    return { label, accelerator, ...(registerAccelerator === false ? { registerAccelerator } : {}), click: () => sendCommand(window, command, log) };
  }
  if ('submenu' in entry) return { label: entry.label, ...(entry.role ? { role: entry.role } : {}), submenu: entry.submenu.map((e) => toElectron(e, window, log)) };
  return entry;
}

export function installAppMenu(log: Log, window: WindowGetter): void {
  const template = buildMenuTemplate({ platform: process.platform, appName: app.getName(), packaged: app.isPackaged });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template.map((entry) => toElectron(entry, window, log))));
}
