import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * An in-page question that must be answered before something costly happens. Focus starts on
 * the safe answer, Escape means no, and focus returns to where it was when the question goes.
 */
export function ConfirmDialog({ title, children, confirm, cancel, onConfirm, onCancel }: ConfirmProps) {
  const id = useId();
  const safe = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    safe.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="confirm-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} className="confirm">
        <h3 id={`${id}-title`}>{title}</h3>
        <div id={`${id}-text`} className="confirm-text">
          {children}
        </div>
        <div className="confirm-actions">
          <button type="button" ref={safe} onClick={onCancel}>
            {cancel}
          </button>
          <button type="button" className="danger" onClick={onConfirm}>
            {confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
