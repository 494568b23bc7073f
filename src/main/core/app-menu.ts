/**
 * The application menu as plain data: File, Edit, View, Window, Help from Electron's standard roles
 * (so each platform gets its own wording, accelerators and behaviour), plus the macOS app menu, and
 * the page's own actions (Open Model…, Generate, Export…, Settings…, Keyboard Shortcuts).
 * src/main/menu.ts turns it into Electron's Menu; this stays plain so tests can read it in Node.
 *
 * An item that registers one of the page's keys (Ctrl/Cmd+O, E, ,) sends that very action to the
 * page (`app:command`), which runs it as its shortcut would: whichever sees the key first (the
 * accelerator, or the page, whose handler calls preventDefault), the action runs once. Ctrl/Cmd+Enter and ? are only shown: registered, they would be taken from
 * the Prompt and every text field, where ? is typed and Ctrl+Enter is the page's to handle.
 */
import { events, type AppCommand, type EventPayload } from '../../shared/ipc';
import { keyPages } from '../../shared/key-pages';
import { keyedProviderIds } from '../../shared/keys';
import { providerNames } from '../../shared/provider-names';
import { appShortcuts, type ShortcutId } from '../../shared/shortcuts';

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
  | { label: string; submenu: MenuEntry[]; role?: 'appMenu' | 'windowMenu' | 'help' }
  /** Asks the page to run `command`. `registerAccelerator: false`: the keys are shown, the page handles them. */
  | { label: string; command: AppCommand; accelerator: string; registerAccelerator?: false };

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
  // The same key pages the first-run welcome links.
  ...keyedProviderIds.map((id) => ({ label: `Get a ${providerNames[id]} API Key`, link: keyPages[id].url })),
];

/** The page's action `id` under the very key its shortcut uses (src/shared/shortcuts.ts). */
function command(label: string, id: ShortcutId, registered = true): MenuEntry {
  const s = appShortcuts.find((x) => x.id === id);
  if (!s) throw new Error(`no shortcut for ${id}`);
  const accelerator = s.mod ? `CmdOrCtrl+${s.keyName}` : s.keyName;
  return registered ? { label, command: id, accelerator } : { label, command: id, accelerator, registerAccelerator: false };
}

const commands = {
  openModel: command('Open Model…', 'open-model'),
  generate: command('Generate', 'generate', false),
  export: command('Export…', 'export'),
  settings: command('Settings…', 'settings'),
  shortcuts: command('Keyboard Shortcuts', 'shortcuts', false),
};

/** The event a chosen item sends, parsed by its schema like every event the core sends. */
export function appCommandEvent(command: AppCommand): EventPayload<'app:command'> {
  return events['app:command'].parse({ command });
}

const separator: MenuEntry = { type: 'separator' };
const roles = (...names: MenuRole[]): MenuEntry[] => names.map((role) => ({ role }));

export function buildMenuTemplate({ platform, appName, packaged }: MenuContext): MenuEntry[] {
  const mac = platform === 'darwin';
  const appMenu: MenuEntry[] = mac
    ? [{ label: appName, role: 'appMenu', submenu: [...roles('about'), separator, commands.settings, separator, ...roles('services'), separator, ...roles('hide', 'hideOthers', 'unhide'), separator, ...roles('quit')] }]
    : [];
  // Windows and Linux keep Settings… in File, above Quit (macOS has it in the app menu).
  const file: MenuEntry = {
    label: 'File',
    submenu: [commands.openModel, separator, commands.generate, commands.export, separator, ...(mac ? roles('close') : [commands.settings, separator, ...roles('quit')])],
  };
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
  const help: MenuEntry = { label: 'Help', role: 'help', submenu: [commands.shortcuts, separator, ...helpLinks, ...(mac ? [] : [separator, ...roles('about')])] };
  return [...appMenu, file, edit, view, window, help];
}
