import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LibraryItem } from '../../../shared/library';

export interface MenuAction {
  label: string;
  run: () => void;
  disabled?: boolean;
}

/** The right-click menu of a History card: a desktop menu, closed by Escape, a click elsewhere or a choice. */
export function HistoryMenu({ item, at, actions, onClose }: { item: LibraryItem; at: { x: number; y: number }; actions: MenuAction[]; onClose: () => void }) {
  const menu = useRef<HTMLDivElement>(null);
  // Opened near the bottom or right edge, the menu moves up or left so all of it shows.
  const [place, setPlace] = useState(at);
  useLayoutEffect(() => {
    const box = menu.current?.getBoundingClientRect();
    if (!box) return;
    const next = { x: Math.max(4, Math.min(at.x, window.innerWidth - box.width - 4)), y: Math.max(4, Math.min(at.y, window.innerHeight - box.height - 4)) };
    if (next.x !== at.x || next.y !== at.y) setPlace(next);
  }, [at]);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const away = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away);
    return () => window.removeEventListener('pointerdown', away);
  }, [onClose]);
  const move = (e: React.KeyboardEvent) => {
    const all = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      // Handled here: the page's Escape (features/shortcuts) leaves the panels behind the menu open.
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
    }
  };
  return (
    <div ref={menu} role="menu" aria-label={`Actions for ${item.modelLabel}`} className="history-menu" style={{ left: place.x, top: place.y }} onKeyDown={move}>
      {actions.map((a) => (
        <div
          key={a.label}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={a.disabled || undefined}
          onClick={() => {
            if (a.disabled) return;
            onClose();
            a.run();
          }}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' || e.key === ' ') && !a.disabled) {
              e.preventDefault();
              onClose();
              a.run();
            }
          }}
        >
          {a.label}
        </div>
      ))}
    </div>
  );
}
