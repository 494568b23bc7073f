import { useCallback, useMemo, useState } from 'react';
import type { JobId } from '../../../shared/jobs';

export interface Selection {
  /** Every selected job, in the order they were picked. */
  ids: readonly JobId[];
  /** The one Properties shows: the last picked. */
  primary: JobId | null;
}

const none: Selection = { ids: [], primary: null };

/**
 * History's selection, desktop style: a click picks one, Ctrl/⌘-click adds or removes one,
 * Shift-click picks the run from the last plain pick. `order` is the grid's loaded order.
 */
export function useSelection() {
  const [selection, setSelection] = useState<Selection>(none);
  const [anchor, setAnchor] = useState<JobId | null>(null);

  const pick = useCallback(
    (id: JobId, how: { toggle?: boolean; range?: boolean }, order: readonly { id: JobId }[]) => {
      if (how.range && anchor) {
        const a = order.findIndex((i) => i.id === anchor);
        const b = order.findIndex((i) => i.id === id);
        if (a >= 0 && b >= 0) {
          const run = order.slice(Math.min(a, b), Math.max(a, b) + 1).map((i) => i.id);
          setSelection({ ids: run, primary: id });
          return;
        }
      }
      if (how.toggle) {
        setSelection((s) => {
          if (!s.ids.includes(id)) return { ids: [...s.ids, id], primary: id };
          const ids = s.ids.filter((x) => x !== id);
          return { ids, primary: s.primary === id ? (ids.at(-1) ?? null) : s.primary };
        });
        setAnchor(id);
        return;
      }
      setSelection({ ids: [id], primary: id });
      setAnchor(id);
    },
    [anchor],
  );

  /** Shows one job (opened from the Jobs list, or just re-run). */
  const only = useCallback((id: JobId) => {
    setSelection({ ids: [id], primary: id });
    setAnchor(id);
  }, []);

  /** A job left the library (trashed, forgotten). */
  const drop = useCallback((id: JobId) => {
    setSelection((s) => {
      if (!s.ids.includes(id)) return s;
      const ids = s.ids.filter((x) => x !== id);
      return { ids, primary: s.primary === id ? (ids.at(-1) ?? null) : s.primary };
    });
  }, []);

  const clear = useCallback(() => setSelection(none), []);

  return useMemo(() => ({ ...selection, pick, only, drop, clear }), [selection, pick, only, drop, clear]);
}

export type SelectionState = ReturnType<typeof useSelection>;
