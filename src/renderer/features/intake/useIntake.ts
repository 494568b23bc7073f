import { useCallback, useEffect, useRef, useState } from 'react';
import type { ViewName } from '../../../shared/catalog';
import { previewable, sniffImage } from './sniff';

/** One picture slot: being read, ready with a local preview, or refused with a sentence. */
export type Slot =
  | { state: 'reading'; file: File; name: string; bytes: number }
  | {
      state: 'ready';
      file: File;
      name: string;
      bytes: number;
      format: string;
      /** blob: URL for the thumbnail; null where Chromium cannot draw the format (TIFF, HEIC). */
      url: string | null;
      width?: number;
      height?: number;
    }
  | { state: 'refused'; file: File; name: string; bytes: number; message: string };

export interface Intake {
  slots: Partial<Record<ViewName, Slot>>;
  prompt: string;
}

const damaged = (format: string) => `This ${format} file is damaged or incomplete, so it cannot be read. Save it again and retry.`;

/**
 * What the artist has given the chosen model: a picture per slot and a prompt. Kept across model
 * switches, so a picture dropped for one model is still there for the next. The job engine will
 * send each slot's `file` bytes to the main process, which validates and normalises them.
 */
export function useIntake() {
  const [intake, setIntake] = useState<Intake>({ slots: {}, prompt: '' });
  // The newest file per slot: a slow read of a replaced file must not land over its successor.
  const latest = useRef<Partial<Record<ViewName, File>>>({});
  const urls = useRef<Partial<Record<ViewName, string>>>({});

  const setSlot = useCallback((view: ViewName, slot: Slot | undefined) => {
    setIntake((prev) => ({ ...prev, slots: { ...prev.slots, [view]: slot } }));
  }, []);

  const forget = useCallback((view: ViewName) => {
    const url = urls.current[view];
    if (url) URL.revokeObjectURL(url);
    delete urls.current[view];
  }, []);

  const add = useCallback(
    async (view: ViewName, file: File) => {
      forget(view);
      latest.current[view] = file;
      const base = { file, name: file.name, bytes: file.size };
      setSlot(view, { state: 'reading', ...base });
      let sniffed;
      try {
        sniffed = sniffImage(new Uint8Array(await file.slice(0, 1024).arrayBuffer()));
      } catch {
        sniffed = { image: false as const, reason: 'This file could not be read. Check that it is still there and try again.' };
      }
      if (latest.current[view] !== file) return;
      if (!sniffed.image) return setSlot(view, { state: 'refused', ...base, message: sniffed.reason });
      const url = previewable.has(sniffed.format) ? URL.createObjectURL(file) : null;
      if (url) urls.current[view] = url;
      setSlot(view, { state: 'ready', ...base, format: sniffed.format, url });
    },
    [forget, setSlot],
  );

  const remove = useCallback(
    (view: ViewName) => {
      forget(view);
      delete latest.current[view];
      setSlot(view, undefined);
    },
    [forget, setSlot],
  );

  /** The thumbnail decoded: its pixel size is now known. */
  const measured = useCallback((view: ViewName, file: File, width: number, height: number) => {
    setIntake((prev) => {
      const slot = prev.slots[view];
      if (slot?.state !== 'ready' || slot.file !== file) return prev;
      return { ...prev, slots: { ...prev.slots, [view]: { ...slot, width, height } } };
    });
  }, []);

  /** The thumbnail would not decode although the bytes said it is an image. */
  const undecodable = useCallback(
    (view: ViewName, file: File) => {
      setIntake((prev) => {
        const slot = prev.slots[view];
        if (slot?.state !== 'ready' || slot.file !== file) return prev;
        return { ...prev, slots: { ...prev.slots, [view]: { state: 'refused', file, name: slot.name, bytes: slot.bytes, message: damaged(slot.format) } } };
      });
      // A late error from a replaced file must not revoke its successor's preview.
      if (latest.current[view] === file) forget(view);
    },
    [forget],
  );

  const setPrompt = useCallback((prompt: string) => setIntake((prev) => ({ ...prev, prompt })), []);

  useEffect(() => {
    const held = urls.current;
    return () => Object.values(held).forEach((url) => URL.revokeObjectURL(url));
  }, []);

  return { intake, add, remove, measured, undecodable, setPrompt };
}

export type IntakeState = ReturnType<typeof useIntake>;
