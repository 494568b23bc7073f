import { useEffect, useRef } from 'react';
import type { LibraryItem } from '../../../shared/library';

export interface MenuAction {
  label: string;
  run: () => void;
  disabled?: boolean;
}

/** The right-click menu of a History card: a desktop menu, closed by Escape, a click elsewhere or a choice. */
export function HistoryMenu({ item, at, actions, onClose }: { item: LibraryItem; at: { x: number; y: number }; actions: MenuAction[]; onClose: () => void }) {
  const menu = useRef<HTMLDivElement>(null);
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
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
    }
  };
  return (
    <div ref={menu} role="menu" aria-label={`Actions for ${item.modelLabel}`} className="history-menu" style={{ left: at.x, top: at.y }} onKeyDown={move}>
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
