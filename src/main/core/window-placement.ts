import type { WindowPlacement } from '../../shared/settings';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the new window gets: a position only when the saved one is still on a screen. */
export interface Placement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const defaultWindowSize = { width: 1440, height: 900 };

/** How much of the window's top strip must lie on a screen for the artist to grab it. */
const GRAB = { width: 120, height: 40 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Reopens the window where it was, unless that place is gone (a monitor unplugged, a resolution
 * changed): then it opens centred, no larger than the main screen's work area.
 */
export function placeWindow(saved: WindowPlacement | null, workAreas: readonly Rect[]): Placement {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...defaultWindowSize };
  const fit = (size: { width: number; height: number }, area: Rect) => ({
    width: Math.min(size.width, area.width),
    height: Math.min(size.height, area.height),
  });
  if (!saved) return { ...fit(defaultWindowSize, primary), maximized: false };
  const titleStrip: Rect = { x: saved.x, y: saved.y, width: saved.width, height: GRAB.height };
  const home = workAreas.find((area) => {
    const seen = overlap(titleStrip, area);
    return seen.width >= GRAB.width && seen.height >= GRAB.height;
  });
  if (!home) return { ...fit(saved, primary), maximized: saved.maximized };
  return { x: saved.x, y: saved.y, ...fit(saved, home), maximized: saved.maximized };
}
