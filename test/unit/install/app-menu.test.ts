/** The application menu each platform gets: its standard roles, and the page's actions under the page's keys. */
import { describe, expect, it } from 'vitest';
import { appCommandEvent, buildMenuTemplate, helpLinks, type MenuEntry } from '../../../src/main/core/app-menu';
import { shortcutForPress } from '../../../src/shared/shortcuts';
import { isAllowedExternalUrl } from '../../../src/main/core/security/navigation';

const build = (platform: NodeJS.Platform, packaged = true) => buildMenuTemplate({ platform, appName: 'Hunyuan3D Studio', packaged });

const titles = (menu: MenuEntry[]) => menu.map((entry) => ('label' in entry ? entry.label : '?'));
const submenu = (menu: MenuEntry[], label: string): MenuEntry[] => {
  const found = menu.find((entry) => 'submenu' in entry && entry.label === label);
  if (!found || !('submenu' in found)) throw new Error(`no ${label} menu`);
  return found.submenu;
};
const rolesIn = (entries: MenuEntry[]): string[] => entries.flatMap((entry) => ('role' in entry && !('submenu' in entry) ? [entry.role] : 'submenu' in entry ? rolesIn(entry.submenu) : []));
const commandsIn = (entries: MenuEntry[]) => entries.filter((entry) => 'command' in entry);
const everything = (entries: MenuEntry[]): Record<string, unknown>[] => entries.flatMap((entry) => ['submenu' in entry ? everything(entry.submenu) : [], [entry as Record<string, unknown>]].flat());

describe('application menu', () => {
  it('on macOS starts with the app menu: about, services, hide and quit', () => {
    const menu = build('darwin');
    expect(titles(menu)).toEqual(['Hunyuan3D Studio', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(menu[0]).toMatchObject({ role: 'appMenu' });
    expect(rolesIn(submenu(menu, 'Hunyuan3D Studio'))).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(rolesIn(submenu(menu, 'File'))).toEqual(['close']);
    expect(rolesIn(submenu(menu, 'Window'))).toEqual(['minimize', 'zoom', 'front']);
    expect(rolesIn(submenu(menu, 'Edit'))).toContain('pasteAndMatchStyle');
  });

  for (const platform of ['linux', 'win32'] as const) {
    it(`on ${platform} has File → Quit, About under Help and no app menu`, () => {
      const menu = build(platform);
      expect(titles(menu)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
      expect(rolesIn(submenu(menu, 'File'))).toEqual(['quit']);
      expect(rolesIn(submenu(menu, 'Window'))).toEqual(['minimize', 'close']);
      expect(rolesIn(submenu(menu, 'Help'))).toEqual(['about']);
      expect(rolesIn(menu)).not.toContain('services');
    });
  }

  it('has the editing roles text fields need, and zoom and full screen everywhere', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const menu = build(platform);
      expect(rolesIn(submenu(menu, 'Edit'))).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
      expect(rolesIn(submenu(menu, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    }
  });

  it('offers reload and the developer tools only in a development build', () => {
    expect(rolesIn(submenu(build('linux', false), 'View'))).toEqual(['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(rolesIn(build('darwin', true))).not.toContain('toggleDevTools');
  });

  it('offers the page\'s actions where each platform keeps them, with the keys the page uses', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const menu = build(platform);
      expect(commandsIn(submenu(menu, 'File'))).toEqual([
        { label: 'Open Model…', command: 'open-model', accelerator: 'CmdOrCtrl+O' },
        { label: 'Generate', command: 'generate', accelerator: 'CmdOrCtrl+Enter', registerAccelerator: false },
        { label: 'Export…', command: 'export', accelerator: 'CmdOrCtrl+E' },
        { label: 'Settings…', command: 'settings', accelerator: 'CmdOrCtrl+,' },
      ]);
      // Settings… sits just above Quit, the last item.
      expect(submenu(menu, 'File').slice(-3)).toEqual([expect.objectContaining({ command: 'settings' }), { type: 'separator' }, { role: 'quit' }]);
    }
    const mac = build('darwin');
    expect(commandsIn(submenu(mac, 'File')).map((e) => e.command)).toEqual(['open-model', 'generate', 'export']);
    expect(commandsIn(submenu(mac, 'Hunyuan3D Studio'))).toEqual([{ label: 'Settings…', command: 'settings', accelerator: 'CmdOrCtrl+,' }]);
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      expect(commandsIn(submenu(build(platform), 'Help'))).toEqual([{ label: 'Keyboard Shortcuts', command: 'shortcuts', accelerator: '?', registerAccelerator: false }]);
      expect(commandsIn(everything(build(platform)) as MenuEntry[]).map((e) => e.command).sort()).toEqual(['export', 'generate', 'open-model', 'settings', 'shortcuts']);
    }
  });

  it('every key a menu item takes from the page runs the page\'s own action for that key', () => {
    const pressOf = (accelerator: string, mac: boolean) => {
      const key = accelerator.replace(/^CmdOrCtrl\+/, '');
      const mod = key !== accelerator;
      return { key: key.length === 1 ? key.toLowerCase() : key, ctrlKey: mod && !mac, metaKey: mod && mac, altKey: false, shiftKey: false };
    };
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const mac = platform === 'darwin';
      for (const item of everything(build(platform, false))) {
        if (typeof item.accelerator !== 'string') continue;
        // Every accelerator in the menu belongs to one of the page's actions…
        expect(item.command, String(item.accelerator)).toBeDefined();
        // …and pressing it in the page would have run that same action.
        expect(shortcutForPress(pressOf(item.accelerator, mac), mac, false)).toBe(item.command);
      }
    }
  });

  it('shows but never registers Ctrl/Cmd+Enter and ?, which the Prompt and text fields must keep', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      for (const item of everything(build(platform))) {
        if (item.accelerator === 'CmdOrCtrl+Enter' || item.accelerator === '?') expect(item.registerAccelerator).toBe(false);
        else if (item.accelerator !== undefined) expect(item.registerAccelerator).toBeUndefined();
      }
    }
  });

  it('sends each command as the contract\'s app:command event, and nothing else', () => {
    expect(appCommandEvent('export')).toEqual({ command: 'export' });
    expect(() => appCommandEvent('quit' as never)).toThrow();
  });

  it('links in Help go only to pages the allow-list lets the browser open', () => {
    const links = everything(build('linux')).flatMap((item) => (typeof item.link === 'string' ? [item.link] : []));
    expect(links).toEqual(helpLinks.map((l) => l.link));
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) expect(isAllowedExternalUrl(link), link).toBe(true);
  });
});
