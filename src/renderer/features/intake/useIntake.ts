import { useCallback, useEffect, useRef, useState } from 'react';
import type { ViewName } from '../../../shared/catalog';
import { previewable, sniffImage } from './sniff';

/** Main's verdict on a picture that is fine: its size as dropped and what the image step will fix. */
export interface Checked {
  width: number;
  height: number;
  fixes: string[];
}

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
      /**
       * Main's image step on this file: asked for (undefined), under way, done, or not possible now
       * (the step runs again at submit, so that is no refusal).
       */
      check?: 'checking' | Checked | 'unchecked';
    }
  | { state: 'refused'; file: File; name: string; bytes: number; message: string };

/**
 * A slot's key: a view of the chosen model ("front" is also a single-picture model's Image), or
 * `batch:<n>` for one picture of a batch (several pictures for a single-picture model: one job each).
 */
export type SlotKey = ViewName | `batch:${number}`;

export interface Intake {
  slots: Partial<Record<SlotKey, Slot>>;
  prompt: string;
  /** The batch's pictures in the order they arrived; empty when there is no batch. */
  batch: SlotKey[];
}

/** A batch holds at most this many pictures: 50 paid jobs is already a lot to start with one click. */
export const maxBatch = 50;

const damaged = (format: string) => `This ${format} file is damaged or incomplete, so it cannot be read. Save it again and retry.`;

/**
 * What the artist has given the chosen model: a picture per slot, a batch, and a prompt. Kept
 * across model switches, so a picture dropped for one model is still there for the next. Generate
 * sends each slot's `file` bytes to the main process, which validates and normalises them again.
 */
export function useIntake() {
  const [intake, setIntake] = useState<Intake>({ slots: {}, prompt: '', batch: [] });
  // The newest file per slot: a slow read of a replaced file must not land over its successor.
  const latest = useRef<Partial<Record<SlotKey, File>>>({});
  const urls = useRef<Partial<Record<SlotKey, string>>>({});
  const nextBatchId = useRef(0);
  // The intake as last rendered, for the actions whose side effects (URLs, refs) must stay outside updaters.
  const shown = useRef(intake);
  useEffect(() => {
    shown.current = intake;
  });

  const setSlot = useCallback((key: SlotKey, slot: Slot | undefined) => {
    setIntake((prev) => ({ ...prev, slots: { ...prev.slots, [key]: slot } }));
  }, []);

  const forget = useCallback((key: SlotKey) => {
    const url = urls.current[key];
    if (url) URL.revokeObjectURL(url);
    delete urls.current[key];
  }, []);

  const clearSlot = useCallback(
    (key: SlotKey) => {
      forget(key);
      delete latest.current[key];
    },
    [forget],
  );

  /** Cancel the batch: every one of its pictures goes; nothing was paid for. */
  const clearBatch = useCallback(() => {
    const keys = shown.current.batch;
    keys.forEach(clearSlot);
    setIntake((prev) => {
      const slots = { ...prev.slots };
      for (const key of keys) delete slots[key];
      return { ...prev, slots, batch: [] };
    });
  }, [clearSlot]);

  const add = useCallback(
    async (key: SlotKey, file: File) => {
      // A picture put in the Image (Duplicate & tweak, a single drop) ends any batch waiting there.
      if (key === 'front' && shown.current.batch.length > 0) clearBatch();
      forget(key);
      latest.current[key] = file;
      const base = { file, name: file.name, bytes: file.size };
      setSlot(key, { state: 'reading', ...base });
      let sniffed;
      try {
        sniffed = sniffImage(new Uint8Array(await file.slice(0, 1024).arrayBuffer()));
      } catch {
        sniffed = { image: false as const, reason: 'This file could not be read. Check that it is still there and try again.' };
      }
      if (latest.current[key] !== file) return;
      if (!sniffed.image) return setSlot(key, { state: 'refused', ...base, message: sniffed.reason });
      const url = previewable.has(sniffed.format) ? URL.createObjectURL(file) : null;
      if (url) urls.current[key] = url;
      setSlot(key, { state: 'ready', ...base, format: sniffed.format, url });
    },
    [forget, clearBatch, setSlot],
  );

  /**
   * Several pictures for a single-picture model: they replace the Image and any earlier batch, or
   * with `append` join the batch there is (up to `maxBatch` in all).
   */
  const addBatch = useCallback(
    (files: readonly File[], append = false) => {
      const kept = append ? shown.current.batch : [];
      const keys = files.slice(0, Math.max(0, maxBatch - kept.length)).map((): SlotKey => `batch:${nextBatchId.current++}`);
      const replaced: SlotKey[] = append ? [] : [...shown.current.batch, 'front'];
      replaced.forEach(clearSlot);
      setIntake((prev) => {
        const slots = { ...prev.slots };
        for (const key of replaced) delete slots[key];
        return { ...prev, slots, batch: [...kept, ...keys] };
      });
      keys.forEach((key, i) => {
        const file = files[i];
        if (file) void add(key, file);
      });
    },
    [add, clearSlot],
  );

  const remove = useCallback(
    (key: SlotKey) => {
      clearSlot(key);
      const rest = shown.current.batch.filter((k) => k !== key);
      // A batch of one is just the Image again: its file, preview and pending read move there.
      const [last] = rest;
      const unbatch = rest.length === 1 && last !== undefined;
      if (unbatch) {
        latest.current.front = latest.current[last];
        delete latest.current[last];
        const url = urls.current[last];
        if (url) urls.current.front = url;
        delete urls.current[last];
      }
      setIntake((prev) => {
        const slots = { ...prev.slots };
        delete slots[key];
        if (unbatch) {
          slots.front = slots[last];
          delete slots[last];
        }
        return { ...prev, slots, batch: unbatch ? [] : prev.batch.filter((k) => k !== key) };
      });
    },
    [clearSlot],
  );

  /** The thumbnail decoded: its pixel size is now known. */
  const measured = useCallback((key: SlotKey, file: File, width: number, height: number) => {
    setIntake((prev) => {
      const slot = prev.slots[key];
      if (slot?.state !== 'ready' || slot.file !== file) return prev;
      return { ...prev, slots: { ...prev.slots, [key]: { ...slot, width, height } } };
    });
  }, []);

  /** The thumbnail would not decode although the bytes said it is an image. */
  const undecodable = useCallback(
    (key: SlotKey, file: File) => {
      setIntake((prev) => {
        const slot = prev.slots[key];
        if (slot?.state !== 'ready' || slot.file !== file) return prev;
        return { ...prev, slots: { ...prev.slots, [key]: { state: 'refused', file, name: slot.name, bytes: slot.bytes, message: damaged(slot.format) } } };
      });
      // A late error from a replaced file must not revoke its successor's preview.
      if (latest.current[key] === file) forget(key);
    },
    [forget],
  );

  /**
   * Main's image step answered for `file` (still the slot's file, or the answer is stale): a
   * refusal replaces the page's quick sniff, otherwise the slot learns what will be fixed.
   */
  const judged = useCallback((key: SlotKey, file: File, verdict: 'checking' | 'unchecked' | Checked | { refused: string }) => {
    setIntake((prev) => {
      const slot = prev.slots[key];
      if (slot?.state !== 'ready' || slot.file !== file) return prev;
      const next: Slot = typeof verdict === 'object' && 'refused' in verdict
        ? { state: 'refused', file, name: slot.name, bytes: slot.bytes, message: verdict.refused }
        : { ...slot, check: verdict, ...(typeof verdict === 'object' ? { width: verdict.width, height: verdict.height } : {}) };
      return { ...prev, slots: { ...prev.slots, [key]: next } };
    });
  }, []);

  const setPrompt = useCallback((prompt: string) => setIntake((prev) => ({ ...prev, prompt })), []);

  useEffect(() => {
    const held = urls.current;
    return () => Object.values(held).forEach((url) => url && URL.revokeObjectURL(url));
  }, []);

  return { intake, add, addBatch, remove, clearBatch, measured, undecodable, judged, setPrompt };
}

export type IntakeState = ReturnType<typeof useIntake>;
