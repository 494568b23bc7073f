/** The application menu each platform gets: its standard roles, and nothing that takes the page's shortcuts. */
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, helpLinks, type MenuEntry } from '../../../src/main/core/app-menu';
import { isAllowedExternalUrl } from '../../../src/main/core/security/navigation';

const build = (platform: NodeJS.Platform, packaged = true) => buildMenuTemplate({ platform, appName: 'Hunyuan3D Studio', packaged });

const titles = (menu: MenuEntry[]) => menu.map((entry) => ('label' in entry ? entry.label : '?'));
const submenu = (menu: MenuEntry[], label: string): MenuEntry[] => {
  const found = menu.find((entry) => 'submenu' in entry && entry.label === label);
  if (!found || !('submenu' in found)) throw new Error(`no ${label} menu`);
  return found.submenu;
};
const rolesIn = (entries: MenuEntry[]): string[] => entries.flatMap((entry) => ('role' in entry && !('submenu' in entry) ? [entry.role] : 'submenu' in entry ? rolesIn(entry.submenu) : []));
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

  it('binds no key the page uses itself (Generate, Export, Settings)', () => {
    const taken = /^(CmdOrCtrl|CommandOrControl|Ctrl|Control|Cmd|Command)\+(Enter|Return|E|,)$/i;
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      for (const item of everything(build(platform, false))) expect(String(item.accelerator ?? '')).not.toMatch(taken);
    }
  });

  it('links in Help go only to pages the allow-list lets the browser open', () => {
    const links = everything(build('linux')).flatMap((item) => (typeof item.link === 'string' ? [item.link] : []));
    expect(links).toEqual(helpLinks.map((l) => l.link));
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) expect(isAllowedExternalUrl(link), link).toBe(true);
  });
});
