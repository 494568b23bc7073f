/** Installs the application menu (src/main/core/app-menu.ts) and opens its Help links in the browser. */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuEntry } from './core/app-menu';
import { isAllowedExternalUrl } from './core/security/navigation';
import type { Log } from './core/log';

function toElectron(entry: MenuEntry, log: Log): MenuItemConstructorOptions {
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
  if ('submenu' in entry) return { label: entry.label, ...(entry.role ? { role: entry.role } : {}), submenu: entry.submenu.map((e) => toElectron(e, log)) };
  return entry;
}

export function installAppMenu(log: Log): void {
  const template = buildMenuTemplate({ platform: process.platform, appName: app.getName(), packaged: app.isPackaged });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template.map((entry) => toElectron(entry, log))));
}
