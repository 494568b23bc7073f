import { useCallback, useEffect, useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import type { JobId } from '../../../shared/jobs';
import type { LibraryItem } from '../../../shared/library';
import { HistoryCard } from './HistoryCard';
import { gridWindow, type GridMetrics } from './virtual';

/** Card 152×112 plus an 8-px gap (history.css keeps the same numbers). */
export const historyMetrics: GridMetrics = { cellWidth: 160, rowHeight: 120, overscan: 2 };
/** Before the first measurement (and where there is no layout), a typical bottom panel. */
const assumed = { width: 960, height: 240 };

interface HistoryGridProps {
  items: readonly LibraryItem[];
  total: number;
  selected: readonly JobId[];
  want: (index: number) => void;
  onPick: (item: LibraryItem, how: { toggle: boolean; range: boolean }) => void;
  onOpen: (item: LibraryItem) => void;
  onFavourite: (item: LibraryItem) => void;
  onForget: (item: LibraryItem) => void;
  onMenu: (item: LibraryItem, at: { x: number; y: number }) => void;
}

/**
 * The virtualised grid: only the rows in view (and two either side) exist in the DOM, each keyed by
 * its slot in that window, so scrolling moves and refills the same nodes instead of making new ones.
 * Each row is its own compositor layer (history.css), so a refilled row repaints alone.
 * A scroll re-renders only when the range of rows changes.
 */
export function HistoryGrid({ items, total, selected, want, onPick, onOpen, onFavourite, onForget, onMenu }: HistoryGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState(assumed);
  const [scrollTop, setScrollTop] = useState(0);
  // "Today" for the date words, as of opening the window.
  const [now] = useState(() => Date.now());

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      if (el.clientWidth > 0 && el.clientHeight > 0) setSize({ width: el.clientWidth, height: el.clientHeight });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const win = gridWindow(total, size.width, size.height, scrollTop, historyMetrics);
  const windowRows = Math.ceil(size.height / historyMetrics.rowHeight) + 2 * historyMetrics.overscan + 1;

  useEffect(() => {
    want(win.endRow * win.columns);
  }, [want, win.endRow, win.columns]);

  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => {
      const top = e.currentTarget.scrollTop;
      const next = gridWindow(total, size.width, size.height, top, historyMetrics);
      // Kept in rows, so scrolling within a row renders nothing.
      setScrollTop((before) => {
        const had = gridWindow(total, size.width, size.height, before, historyMetrics);
        return had.firstRow === next.firstRow && had.endRow === next.endRow ? before : top;
      });
    },
    [total, size],
  );

  const chosen = new Set(selected);
  // Always the same number of rows (the window's at its largest), keyed by slot: a row that scrolls
  // out at one end is refilled as the one coming in at the other, so scrolling never mounts or
  // unmounts a row (the window alternated between 6 and 7 rows, re-creating a row of cards and
  // pictures every frame). The DOM keeps the visual order, so Tab and screen readers go row by row;
  // rendering in slot order would save React's one move per refilled row (~15 % of a frame) but
  // would send focus jumping around the grid.
  const last = Math.min(win.rows, Math.max(win.endRow, win.firstRow + windowRows));
  const rows = [];
  for (let r = Math.max(0, last - windowRows); r < last; r++) {
    const cells = [];
    for (let c = 0; c < win.columns; c++) {
      const index = r * win.columns + c;
      if (index >= total) break;
      const item = items[index];
      cells.push(
        item ? (
          <HistoryCard key={c} item={item} selected={chosen.has(item.id)} now={now} onPick={onPick} onOpen={onOpen} onFavourite={onFavourite} onForget={onForget} onMenu={onMenu} />
        ) : (
          <div key={c} role="gridcell" aria-busy="true" aria-label="Loading" className="history-card placeholder" />
        ),
      );
    }
    rows.push(
      <div key={r % windowRows} role="row" aria-rowindex={r + 1} className="history-row" style={{ transform: `translateY(${r * historyMetrics.rowHeight}px)` }}>
        {cells}
      </div>,
    );
  }

  return (
    <div className="history-scroll" ref={scroller} onScroll={onScroll}>
      <div
        role="grid"
        aria-label="History results"
        aria-rowcount={win.rows}
        aria-colcount={win.columns}
        aria-multiselectable="true"
        className="history-grid"
        style={{ height: win.height }}
      >
        {rows}
      </div>
    </div>
  );
}
