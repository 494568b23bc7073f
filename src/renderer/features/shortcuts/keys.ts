/**
 * Every keyboard shortcut of the page as data: what each does, which keys, and whether it may fire
 * while the artist is typing. No DOM listeners here, so the matching is unit-tested on its own.
 */
import { appShortcuts, shortcutForPress, type KeyPress, type ShortcutId } from '../../../shared/shortcuts';

export type { ShortcutId } from '../../../shared/shortcuts';

export interface KeyLike extends KeyPress {
  target: EventTarget | null;
}

/** macOS names its command key Cmd; everywhere else it is Ctrl. */
export function isMacPlatform(nav: { platform?: string; userAgentData?: { platform?: string } } = globalThis.navigator ?? {}): boolean {
  const platform = nav.userAgentData?.platform ?? nav.platform ?? '';
  return /mac|iphone|ipad/i.test(platform);
}

const modName = (mac: boolean) => (mac ? 'Cmd' : 'Ctrl');

/** "Ctrl+Enter" (or "Cmd+Enter" on macOS): how a shortcut is written in tooltips. */
export function shortcutKeys(id: ShortcutId, mac: boolean = isMacPlatform()): string {
  const s = appShortcuts.find((x) => x.id === id);
  if (!s) return '';
  return s.mod ? `${modName(mac)}+${s.keyName}` : s.keyName;
}

/**
 * Where a key press is text being typed: a text field, a list box, an editable region. Single keys
 * (`?`) never fire there; command-key shortcuts still do, since typing never uses them.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Buttons, boxes and sliders take no text: `?` on a checkbox is still the shortcut list.
  const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
  return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'file', 'color', 'image'].includes(type);
}

/** The shortcut a key press asks for, or null when the page should let it through. */
export function shortcutFor(press: KeyLike, mac: boolean = isMacPlatform()): ShortcutId | null {
  return shortcutForPress(press, mac, isTypingTarget(press.target));
}

export interface ShortcutRow {
  keys: string;
  what: string;
}

/**
 * The list "Keyboard shortcuts" shows: the app's own, Escape, then the 3D preview's Blender keys
 * (viewport/keymap.ts, which takes Ctrl for the opposite side on every platform, as Blender does).
 */
export function shortcutList(mac: boolean = isMacPlatform()): { title: string; rows: ShortcutRow[] }[] {
  return [
    {
      title: 'Studio',
      rows: [
        ...appShortcuts.map((s) => ({ keys: shortcutKeys(s.id, mac), what: s.what })),
        { keys: 'Escape', what: 'Close what is open: a question, a menu, the Export panel, Settings, this list' },
        { keys: 'Tab / Shift+Tab', what: 'Move between controls' },
        { keys: 'Enter or Space', what: 'Press the focused button (a drop zone’s Choose file… opens the file picker)' },
        { keys: 'Enter · Space · Shift+F10', what: 'On a History card: open it · select it · its menu (arrow keys move in the menu)' },
      ],
    },
    {
      title: '3D preview (click the view first)',
      rows: [
        { keys: 'Numpad 1 (or 1)', what: 'Front view' },
        { keys: 'Ctrl+Numpad 1', what: 'Back view' },
        { keys: 'Numpad 3 (or 3)', what: 'Right view' },
        { keys: 'Ctrl+Numpad 3', what: 'Left view' },
        { keys: 'Numpad 7 (or 7)', what: 'Top view' },
        { keys: 'Ctrl+Numpad 7', what: 'Bottom view' },
        { keys: 'Numpad 5 (or 5)', what: 'Switch between perspective and orthographic' },
        { keys: 'Home (or Numpad .)', what: 'Frame the model' },
        { keys: 'Z', what: 'Next shading: Solid, Material, Wireframe, Normals' },
        { keys: 'Middle-drag or Alt+drag', what: 'Orbit' },
        { keys: 'Shift+middle-drag', what: 'Pan' },
        { keys: 'Wheel', what: 'Zoom' },
      ],
    },
  ];
}
