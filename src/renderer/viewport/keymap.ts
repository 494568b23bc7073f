/** Blender's viewport habits as data: which key or button does what. No DOM, so it is unit-tested. */

export type ViewName = 'front' | 'back' | 'right' | 'left' | 'top' | 'bottom';

export type ViewportCommand =
  | { kind: 'view'; view: ViewName }
  | { kind: 'toggle-projection' }
  | { kind: 'frame' }
  | { kind: 'cycle-shading' };

export interface KeyPress {
  code: string;
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

// Laptops have no numpad; Blender's "Emulate Numpad" maps the digit row the same way.
const viewKeys: Record<string, [ViewName, ViewName]> = {
  Numpad1: ['front', 'back'], Digit1: ['front', 'back'],
  Numpad3: ['right', 'left'], Digit3: ['right', 'left'],
  Numpad7: ['top', 'bottom'], Digit7: ['top', 'bottom'],
};

/** The command a key press asks for, or null when the viewport should let it through. */
export function commandForKey(press: KeyPress): ViewportCommand | null {
  if (press.altKey || press.metaKey) return null;
  const views = viewKeys[press.code];
  if (views) return { kind: 'view', view: press.ctrlKey ? views[1] : views[0] };
  if (press.ctrlKey) return null;
  if (press.code === 'Numpad5' || press.code === 'Digit5') return { kind: 'toggle-projection' };
  if (press.code === 'NumpadDecimal' || press.code === 'Home' || press.key === '.') return { kind: 'frame' };
  if (press.code === 'KeyZ' && !press.shiftKey) return { kind: 'cycle-shading' };
  return null;
}

export type DragMode = 'orbit' | 'pan';

/** Middle-drag orbits, Shift+middle pans; Alt+left stands in for the middle button on a trackpad. */
export function dragModeFor(button: number, modifiers: { altKey: boolean; shiftKey: boolean }): DragMode | null {
  const middle = button === 1;
  const emulatedMiddle = button === 0 && modifiers.altKey;
  if (!middle && !emulatedMiddle) return null;
  return modifiers.shiftKey ? 'pan' : 'orbit';
}
