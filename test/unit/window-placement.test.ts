import { describe, expect, it } from 'vitest';
import { placeWindow } from '../../src/main/core/window-placement';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('reopening the window', () => {
  it('opens centred at the default size the first time, within the screen', () => {
    expect(placeWindow(null, [laptop])).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('goes back where it was, on the second monitor too, maximised or not', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1100, maximized: true };
    expect(placeWindow(saved, [laptop, monitor])).toEqual(saved);
  });

  it('opens centred on the main screen when its monitor is gone', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1100, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({ width: 1440, height: 875, maximized: false });
  });

  it('does not trust a place where the title bar cannot be grabbed', () => {
    const offTop = { x: 100, y: -500, width: 1200, height: 800, maximized: false };
    expect(placeWindow(offTop, [laptop])).not.toHaveProperty('x');
  });
});
