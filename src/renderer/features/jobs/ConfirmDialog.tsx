import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useCloseOnEscape } from '../shortcuts/bindings';

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
  const costly = useRef<HTMLButtonElement>(null);
  // Escape means no (and closes nothing opened before the question); Tab stays between the two answers, as in any modal question.
  useCloseOnEscape(onCancel);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Tab') return;
    e.preventDefault();
    (document.activeElement === safe.current ? costly : safe).current?.focus();
  };
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    safe.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="confirm-backdrop" onKeyDown={onKeyDown}>
      <div role="alertdialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} className="confirm">
        <h3 id={`${id}-title`}>{title}</h3>
        <div id={`${id}-text`} className="confirm-text">
          {children}
        </div>
        <div className="confirm-actions">
          <button type="button" ref={safe} onClick={onCancel}>
            {cancel}
          </button>
          <button type="button" ref={costly} className="danger" onClick={onConfirm}>
            {confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
