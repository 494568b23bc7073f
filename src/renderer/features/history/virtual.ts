/**
 * Which rows of the History grid are worth rendering: only those in view plus a little overscan,
 * so the DOM stays the same size at 100 jobs and at 10 000. Pure, so it is cheap to call on every
 * scroll event and easy to test.
 */
export interface GridMetrics {
  /** Card size plus the gap after it, in CSS pixels. */
  cellWidth: number;
  rowHeight: number;
  /** Rows rendered beyond each edge of the view (keeps fast scrolling from showing blanks). */
  overscan: number;
}

export interface GridWindow {
  columns: number;
  rows: number;
  /** First and one-past-last row to render. */
  firstRow: number;
  endRow: number;
  /** Height of the whole scrollable grid. */
  height: number;
}

export function gridWindow(total: number, width: number, viewHeight: number, scrollTop: number, m: GridMetrics): GridWindow {
  const columns = Math.max(1, Math.floor(Math.max(0, width) / m.cellWidth));
  const rows = Math.ceil(Math.max(0, total) / columns);
  const top = Math.max(0, scrollTop);
  const firstRow = Math.min(rows, Math.max(0, Math.floor(top / m.rowHeight) - m.overscan));
  const endRow = Math.min(rows, Math.ceil((top + Math.max(0, viewHeight)) / m.rowHeight) + m.overscan);
  return { columns, rows, firstRow, endRow: Math.max(firstRow, endRow), height: rows * m.rowHeight };
}
