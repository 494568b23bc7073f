import { useEffect, useRef, useState } from 'react';
import type { CatalogModel } from '../../../shared/catalog';
import { entriesOf, filesOf } from './dropped-files';
import { placeFiles } from './placement';
import { maxBatch, type IntakeState } from './useIntake';

const carriesFiles = (types: readonly string[] | DOMStringList | undefined) => Array.from(types ?? []).includes('Files');

/** Where a paste is typing: the prompt, a parameter, the search box. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'file', 'submit', 'reset', 'color'].includes(target.type);
}

/**
 * Pictures dropped anywhere on the window (loose or in a folder), or pasted from the clipboard
 * while no text field has the focus, go to the chosen model's zones, or make a batch. Drops a zone
 * or the 3D view already took (they call preventDefault) are left alone. Without the dragover
 * handler a file dropped outside a zone would make the page open it.
 */
export function useWindowIntake(model: CatalogModel, intake: IntakeState): string | null {
  const [note, setNote] = useState<string | null>(null);
  // The listeners live as long as the window; they read the newest model and intake from here.
  const latest = useRef({ model, intake });
  useEffect(() => {
    latest.current = { model, intake };
  });
  useEffect(() => {
    const place = (files: File[], fromFolder = false) => {
      const { model: chosen, intake: current } = latest.current;
      if (fromFolder && files.length === 0) return setNote('That folder holds no pictures Studio can read (PNG, JPEG, WebP, GIF, BMP, TIFF, AVIF, HEIC).');
      const { assign, batch, append, note: said } = placeFiles(chosen, current.intake, files);
      for (const [view, file] of assign) void current.add(view, file);
      if (batch) current.addBatch(batch, append);
      setNote(fromFolder && files.length > maxBatch && batch ? `That folder holds more than ${maxBatch} pictures; the first ${batch.length} by name make the batch.` : said);
    };
    const onDragOver = (e: DragEvent) => {
      if (carriesFiles(e.dataTransfer?.types)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer?.types)) return;
      if (e.defaultPrevented) return;
      e.preventDefault();
      const entries = entriesOf(e.dataTransfer);
      if (!entries) return place([...(e.dataTransfer?.files ?? [])]);
      // One more than a batch takes, so the sentence can say some were left out.
      void filesOf(entries, maxBatch + 1).then(({ files }) => place(files, true));
    };
    const onPaste = (e: ClipboardEvent) => {
      const files = [...(e.clipboardData?.files ?? [])];
      // Text pastes (into the prompt, the search box) stay text, and so does any paste into a text field.
      if (files.length === 0 || isTextField(e.target)) return;
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
