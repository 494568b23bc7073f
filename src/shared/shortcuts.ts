/**
 * The app's keyboard shortcuts as data, shared by the page (which listens for them) and the app
 * menu (whose accelerators must be the very same keys, since Electron hands a key the page leaves
 * alone to the menu). No DOM here: whether the artist is typing is the caller's judgement.
 */
import type { AppCommand } from './ipc';

/** The same names the app menu sends (`app:command`), so a menu item and its key run one action. */
export type ShortcutId = AppCommand;

export interface Shortcut {
  id: ShortcutId;
  /** With the platform's command key (Cmd on macOS, Ctrl elsewhere). */
  mod: boolean;
  key: string;
  /** How the key is written in the list and tooltips. */
  keyName: string;
  what: string;
}

export const appShortcuts: readonly Shortcut[] = [
  { id: 'open-model', mod: true, key: 'o', keyName: 'O', what: 'Open a model file in the 3D preview' },
  { id: 'generate', mod: true, key: 'Enter', keyName: 'Enter', what: 'Generate with the inputs and parameters on the left' },
  { id: 'export', mod: true, key: 'e', keyName: 'E', what: 'Export… the selected job' },
  { id: 'settings', mod: true, key: ',', keyName: ',', what: 'Open Settings' },
  { id: 'shortcuts', mod: false, key: '?', keyName: '?', what: 'Show this list of shortcuts' },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * The shortcut a key press asks for, or null. Single keys (`?`) never fire while `typing`;
 * command-key shortcuts still do, since typing never uses them.
 */
export function shortcutForPress(press: KeyPress, mac: boolean, typing: boolean): ShortcutId | null {
  const mod = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  for (const s of appShortcuts) {
    if (s.mod) {
      if (mod && !press.altKey && !press.shiftKey && press.key.toLowerCase() === s.key.toLowerCase()) return s.id;
    } else if (!press.ctrlKey && !press.metaKey && !press.altKey && press.key === s.key && !typing) {
      return s.id;
    }
  }
  return null;
}
