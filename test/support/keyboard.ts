/**
 * The keyboard as a person without a mouse uses it, for the end-to-end tests: move focus with Tab
 * (or Shift+Tab) until it reaches a control, checking at every stop that the focused element shows
 * the focus ring (a sighted keyboard user must see where they are).
 */
import type { Locator, Page } from 'playwright-core';

/**
 * The focused control's ring: its own outline of at least 2 px, or (custom radios and switches,
 * whose input is hidden) the one drawn on the shape right after it. 'ring', or what lacks one.
 */
export const focusRing = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'nothing focused';
    const ring = (e: Element | null) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    };
    return ring(el) || ring(el.nextElementSibling) ? 'ring' : `no ring on ${el.outerHTML.slice(0, 120)}`;
  });

export const hasFocus = (target: Locator): Promise<boolean> => target.evaluate((el) => el === document.activeElement);

/**
 * Presses Tab (Shift+Tab with `back`) until `target` has focus, at most `max` times, and throws
 * with the first stop that showed no ring, or with where focus ended when the target was never
 * reached (so a keyboard gap reads as the control it got stuck on). Returns the stops it took.
 */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}): Promise<number> {
  const max = options.max ?? 120;
  let last = 'the start';
  for (let stop = 1; stop <= max; stop++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const ring = await focusRing(page);
    // "nothing focused" after a stop means the page removed the focused control under the user.
    if (ring !== 'ring') throw new Error(`Tab stop ${stop}: ${ring} (the stop before: ${last})`);
    if (await hasFocus(target)) return stop;
    last = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160) ?? 'nothing');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160) ?? 'nothing');
  throw new Error(`${max} presses of ${options.back ? 'Shift+Tab' : 'Tab'} never reached the control; focus ended on ${at}`);
}

/**
 * With a closed <select> focused, presses ArrowDown (then ArrowUp) until its value is `value`:
 * how a keyboard user picks an option without opening the list.
 */
export async function arrowToOption(page: Page, select: Locator, value: string): Promise<void> {
  const count = await select.locator('option').count();
  for (const key of ['ArrowDown', 'ArrowUp']) {
    for (let i = 0; i < count && (await select.inputValue()) !== value; i++) await page.keyboard.press(key);
  }
  const now = await select.inputValue();
  if (now !== value) throw new Error(`The arrows never chose “${value}” (the select shows “${now}”)`);
}
