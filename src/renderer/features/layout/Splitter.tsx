import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface Props {
  orientation: 'vertical' | 'horizontal';
  label: string;
  className: string;
  onDrag: (dx: number, dy: number) => void;
  onDone: () => void;
  /** The size it sets, in px, and its bounds: a focusable separator announces them (ARIA requires the value). */
  value: number;
  min: number;
  max: number;
}

/** A draggable (and keyboard-operable) separator between two areas. */
export function Splitter({ orientation, label, className, onDrag, onDone, value, min, max }: Props) {
  const last = useRef<{ x: number; y: number } | null>(null);
  const down = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    last.current = { x: e.clientX, y: e.clientY };
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (!last.current) return;
    onDrag(e.clientX - last.current.x, e.clientY - last.current.y);
    last.current = { x: e.clientX, y: e.clientY };
  };
  const up = () => {
    if (!last.current) return;
    last.current = null;
    onDone();
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 40 : 10;
    const delta: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const d = delta[e.key];
    if (!d) return;
    e.preventDefault();
    onDrag(d[0], d[1]);
    onDone();
  };
  return (
    <div
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`splitter ${orientation} ${className}`}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
      onKeyDown={key}
    />
  );
}
