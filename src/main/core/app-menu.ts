/**
 * The application menu as plain data: File, Edit, View, Window, Help from Electron's standard roles
 * (so each platform gets its own wording, accelerators and behaviour), plus the macOS app menu.
 * src/main/menu.ts turns it into Electron's Menu; this stays plain so tests can read it in Node.
 *
 * No item takes Ctrl/Cmd+Enter, Ctrl/Cmd+E or Ctrl/Cmd+, (Generate, Export, Settings): the page
 * handles those itself, and a menu accelerator would swallow the key before the page saw it.
 */
export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
  | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'minimize' | 'zoom' | 'front';

export type MenuEntry =
  | { role: MenuRole }
  | { type: 'separator' }
  /** Opened in the system browser, through the allow-list of external hosts. */
  | { label: string; link: string }
  | { label: string; submenu: MenuEntry[]; role?: 'appMenu' | 'windowMenu' | 'help' };

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  /** Installed builds hide reload and the developer tools. */
  packaged: boolean;
}

/** Where an artist learns more or gets a key: every host is on EXTERNAL_HOSTS (security/navigation.ts). */
export const helpLinks: readonly { label: string; link: string }[] = [
  { label: 'Hunyuan3D Documentation', link: 'https://github.com/Tencent-Hunyuan/Hunyuan3D-2' },
  { label: 'Run Your Own Hunyuan3D Server', link: 'https://github.com/Tencent-Hunyuan/Hunyuan3D-2.1' },
  { label: 'Get a Segmind API Key', link: 'https://cloud.segmind.com/console/api-keys' },
  { label: 'Get a WaveSpeed API Key', link: 'https://wavespeed.ai/accesskey' },
  { label: 'Get a Vtrix API Key', link: 'https://cloud.vtrix.ai/' },
];

const separator: MenuEntry = { type: 'separator' };
const roles = (...names: MenuRole[]): MenuEntry[] => names.map((role) => ({ role }));

export function buildMenuTemplate({ platform, appName, packaged }: MenuContext): MenuEntry[] {
  const mac = platform === 'darwin';
  const appMenu: MenuEntry[] = mac
    ? [{ label: appName, role: 'appMenu', submenu: [...roles('about'), separator, ...roles('services'), separator, ...roles('hide', 'hideOthers', 'unhide'), separator, ...roles('quit')] }]
    : [];
  const file: MenuEntry = { label: 'File', submenu: roles(mac ? 'close' : 'quit') };
  const edit: MenuEntry = {
    label: 'Edit',
    submenu: [...roles('undo', 'redo'), separator, ...roles('cut', 'copy', 'paste'), ...(mac ? roles('pasteAndMatchStyle') : []), ...roles('delete'), separator, ...roles('selectAll')],
  };
  const view: MenuEntry = {
    label: 'View',
    submenu: [...(packaged ? [] : [...roles('reload', 'forceReload', 'toggleDevTools'), separator]), ...roles('resetZoom', 'zoomIn', 'zoomOut'), separator, ...roles('togglefullscreen')],
  };
  const window: MenuEntry = mac
    ? { label: 'Window', role: 'windowMenu', submenu: [...roles('minimize', 'zoom'), separator, ...roles('front')] }
    : { label: 'Window', submenu: roles('minimize', 'close') };
  // macOS has About in the app menu; elsewhere Help is where people look for it.
  const help: MenuEntry = { label: 'Help', role: 'help', submenu: [...helpLinks, ...(mac ? [] : [separator, ...roles('about')])] };
  return [...appMenu, file, edit, view, window, help];
}
