import { useEffect, useRef, useState } from 'react';
import type { CatalogModel } from '../../../shared/catalog';
import { placeFiles } from './placement';
import type { IntakeState } from './useIntake';

const carriesFiles = (types: readonly string[] | DOMStringList | undefined) => Array.from(types ?? []).includes('Files');

/**
 * Pictures dropped anywhere on the window, or pasted from the clipboard, go to the chosen model's
 * zones. Drops a zone or the 3D view already took (they call preventDefault) are left alone.
 * Without the dragover handler a file dropped outside a zone would make the page open it.
 */
export function useWindowIntake(model: CatalogModel, intake: IntakeState): string | null {
  const [note, setNote] = useState<string | null>(null);
  // The listeners live as long as the window; they read the newest model and intake from here.
  const latest = useRef({ model, intake });
  useEffect(() => {
    latest.current = { model, intake };
  });
  useEffect(() => {
    const place = (files: File[]) => {
      const { model: chosen, intake: current } = latest.current;
      const { assign, note: said } = placeFiles(chosen, current.intake, files);
      for (const [view, file] of assign) void current.add(view, file);
      setNote(said);
    };
    const onDragOver = (e: DragEvent) => {
      if (carriesFiles(e.dataTransfer?.types)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer?.types)) return;
      if (e.defaultPrevented) return;
      e.preventDefault();
      place([...(e.dataTransfer?.files ?? [])]);
    };
    const onPaste = (e: ClipboardEvent) => {
      const files = [...(e.clipboardData?.files ?? [])];
      // Text pastes (into the prompt, the search box) stay text.
      if (files.length === 0) return;
      e.preventDefault();
      place(files);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, []);
  return note;
}
