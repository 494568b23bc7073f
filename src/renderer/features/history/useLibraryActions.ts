import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { StudioApi } from '../../../shared/ipc';
import type { JobId, JobSummary } from '../../../shared/jobs';
import type { LibraryItem, libraryDuplicateSchema } from '../../../shared/library';

export type Duplicate = z.infer<typeof libraryDuplicateSchema>;

export interface LibraryActionHooks {
  /** The reply to favourite / tags / note: the item as it now is. */
  onItem?: (item: LibraryItem) => void;
  /** Re-run made a new job. */
  onRerun?: (job: JobSummary) => void;
  /** Duplicate & tweak: load these into the left panels. */
  onDuplicate?: (dup: Duplicate) => void;
  /** The job left the library (trash, forget). */
  onGone?: (id: JobId) => void;
}

export interface Note {
  text: string;
  alert: boolean;
}

const sentenceOf = (error: unknown) => (error instanceof Error && error.message ? error.message : 'The app did not answer. Try again in a moment.');

/**
 * What can be done to a History item, each as one call with its outcome as a sentence (`note`).
 * A second press while a call for the same job is out does nothing (a double click is one act).
 */
export function useLibraryActions(studio: StudioApi, hooks: LibraryActionHooks) {
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<JobId>>(new Set());
  const inFlight = useRef(new Set<JobId>());
  const latest = useRef(hooks);
  useEffect(() => {
    latest.current = hooks;
  });

  const run = useCallback(async (id: JobId, call: () => Promise<string | null>) => {
    if (inFlight.current.has(id)) return;
    inFlight.current.add(id);
    setBusy(new Set(inFlight.current));
    try {
      const said = await call();
      setNote(said ? { text: said, alert: false } : null);
    } catch (error) {
      setNote({ text: sentenceOf(error), alert: true });
    } finally {
      inFlight.current.delete(id);
      setBusy(new Set(inFlight.current));
    }
  }, []);

  const update = useCallback(
    (id: JobId, change: { favourite?: boolean; tags?: string[]; note?: string }) =>
      run(id, async () => {
        latest.current.onItem?.(await studio.library.update({ id, ...change }));
        return null;
      }),
    [studio, run],
  );

  const rerun = useCallback(
    (item: LibraryItem) =>
      run(item.id, async () => {
        const job = await studio.library.rerun({ id: item.id });
        latest.current.onRerun?.(job);
        return `Re-running ${item.modelLabel} with the same pictures and settings: see Jobs.`;
      }),
    [studio, run],
  );

  const duplicate = useCallback(
    (item: LibraryItem) =>
      run(item.id, async () => {
        latest.current.onDuplicate?.(await studio.library.duplicate({ id: item.id }));
        return `Loaded the pictures and settings of ${item.modelLabel} on the left: change what you like, then press Generate.`;
      }),
    [studio, run],
  );

  /** The reply's `ok: false` is a sentence the artist must read, so it shows as an alert. */
  const done = useCallback(async (reply: Promise<{ ok: boolean; message: string }>, id: JobId, gone: boolean) => {
    const r = await reply;
    if (!r.ok) throw new Error(r.message);
    if (gone) latest.current.onGone?.(id);
    return r.message || null;
  }, []);

  const trash = useCallback((item: LibraryItem) => run(item.id, () => done(studio.library.trash({ id: item.id }), item.id, true)), [studio, run, done]);
  const forget = useCallback((item: LibraryItem) => run(item.id, () => done(studio.library.forget({ id: item.id }), item.id, true)), [studio, run, done]);
  const reveal = useCallback((item: LibraryItem) => run(item.id, () => done(studio.library.reveal({ id: item.id }), item.id, false)), [studio, run, done]);

  return { note, setNote, busy, update, rerun, duplicate, trash, forget, reveal };
}

export type LibraryActions = ReturnType<typeof useLibraryActions>;
