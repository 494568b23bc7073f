import { useRef, type ReactNode } from 'react';
import { useFocusInAndBack } from './focus';

/**
 * Wraps a non-modal panel (Settings): focus moves into it when it opens — to `first` when given —
 * and back to its opener when it closes. Adds no box of its own (display: contents).
 */
export function FocusScope({ first, children }: { first?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusInAndBack(ref, first);
  return <div ref={ref} className="focus-scope">{children}</div>;
}
