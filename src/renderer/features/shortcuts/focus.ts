/** Where keyboard focus goes when a panel or dialog opens and closes. */
import { useEffect, type RefObject } from 'react';

const focusable = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(focusable)].filter((el) => !el.closest('[hidden], [inert]'));
}

/**
 * On open, focus moves to the first control matching `first` inside `ref` (or its first control;
 * with `first` = 'self', to `ref` itself, which then needs tabIndex -1);
 * on close it goes back to where it was — the button that opened it — unless the artist has moved
 * it elsewhere meanwhile, or that button is gone.
 */
export function useFocusInAndBack(ref: RefObject<HTMLElement | null>, first?: string): void {
  useEffect(() => {
    const root = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (root) {
      const target = first === 'self' ? root : ((first ? root.querySelector<HTMLElement>(first) : null) ?? focusablesIn(root)[0] ?? root);
      target.focus();
    }
    return () => {
      const now = document.activeElement;
      const lost = !now || now === document.body || (root?.contains(now) ?? false);
      if (lost && before?.isConnected) before.focus();
    };
  }, [ref, first]);
}

/** For a modal dialog: Tab and Shift+Tab go round its own controls only. */
export function trapTab(event: { key: string; shiftKey: boolean; preventDefault(): void }, root: HTMLElement | null): void {
  if (event.key !== 'Tab' || !root) return;
  const all = focusablesIn(root);
  const firstEl = all[0];
  const lastEl = all.at(-1);
  if (!firstEl || !lastEl) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  if (event.shiftKey && (active === firstEl || !root.contains(active))) {
    event.preventDefault();
    lastEl.focus();
  } else if (!event.shiftKey && (active === lastEl || !root.contains(active))) {
    event.preventDefault();
    firstEl.focus();
  }
}
