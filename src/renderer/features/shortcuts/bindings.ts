/**
 * The one keyboard listener of the page. Components say what a shortcut does while they are on
 * screen (`useShortcut`), and what Escape closes while they are open (`useCloseOnEscape`). Kept at
 * module level, not in a React context, so a dialog rendered on its own (a test, a future window)
 * still closes on Escape.
 */
import { useEffect, useRef } from 'react';
import { isMacPlatform, shortcutFor, type ShortcutId } from './keys';

type Action = () => void;

const actions = new Map<ShortcutId, Action[]>();
/** Open things, oldest first: Escape closes the last one opened. */
const closers: Action[] = [];
let listening = false;

function onKeyDown(event: KeyboardEvent): void {
  // A control that used the key itself (a menu, a combobox) said so with preventDefault.
  if (event.defaultPrevented || event.isComposing) return;
  if (event.key === 'Escape') {
    const close = closers.at(-1);
    if (!close) return;
    event.preventDefault();
    close();
    return;
  }
  const id = shortcutFor(event, isMacPlatform());
  if (!id || !actions.has(id)) return;
  // Ctrl+E, Ctrl+, are browser keys too; the page's meaning wins while it has focus.
  event.preventDefault();
  runShortcut(id);
}

/**
 * Runs what `id`'s keys would run now (the latest binding), as the app menu does for its items.
 * False when nothing on screen offers it (Export with no job selected): then nothing happens.
 */
export function runShortcut(id: ShortcutId): boolean {
  const act = actions.get(id)?.at(-1);
  if (!act) return false;
  act();
  return true;
}

function sync(): void {
  const wanted = closers.length > 0 || actions.size > 0;
  if (wanted && !listening) window.addEventListener('keydown', onKeyDown);
  if (!wanted && listening) window.removeEventListener('keydown', onKeyDown);
  listening = wanted;
}

function remove<T>(list: T[], item: T): void {
  const at = list.lastIndexOf(item);
  if (at >= 0) list.splice(at, 1);
}

/** While mounted (and `run` is given), `id`'s keys call `run`. The latest binding of an id wins. */
export function useShortcut(id: ShortcutId, run: Action | null): void {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  const enabled = run !== null;
  useEffect(() => {
    if (!enabled) return;
    const act: Action = () => latest.current?.();
    const list = actions.get(id) ?? [];
    list.push(act);
    actions.set(id, list);
    sync();
    return () => {
      remove(list, act);
      if (list.length === 0) actions.delete(id);
      sync();
    };
  }, [id, enabled]);
}

/** While `open`, Escape calls `close` — unless something opened later is still open. */
export function useCloseOnEscape(close: Action, open = true): void {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const act: Action = () => latest.current();
    closers.push(act);
    sync();
    return () => {
      remove(closers, act);
      sync();
    };
  }, [open]);
}
