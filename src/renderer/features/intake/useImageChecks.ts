import { useEffect, useRef } from 'react';
import type { StudioApi } from '../../../shared/ipc';
import { maxPictureBytes } from '../../../shared/jobs';
import type { IntakeState, SlotKey } from './useIntake';

/**
 * Asks main's image step about every picture the sniff let through, as soon as it arrives: one at a
 * time in arrival order, so a dropped folder does not send 50 pictures at once. A picture removed
 * or replaced before its turn is never sent; one already being checked finishes and its answer is
 * dropped (a check is bounded by the step's 20 s budget and pays for nothing).
 */
export function useImageChecks(studio: StudioApi, modelId: string, intake: IntakeState): void {
  const queue = useRef<{ key: SlotKey; file: File }[]>([]);
  // Which slot each file was queued for: a batch picture that becomes the Image is asked again there.
  const asked = useRef(new WeakMap<File, SlotKey>());
  const running = useRef(false);
  const latest = useRef({ modelId, intake });
  useEffect(() => {
    latest.current = { modelId, intake };
  });
  // A page that is gone asks nothing more and hears no late answer; mounting again resumes the queue.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const { slots } = intake.intake;
  useEffect(() => {
    const stillThere = (key: SlotKey, file: File) => {
      const slot = latest.current.intake.intake.slots[key];
      return slot?.state === 'ready' && slot.file === file;
    };
    const pump = async () => {
      if (running.current) return;
      running.current = true;
      try {
        for (let next = queue.current.shift(); next; next = mounted.current ? queue.current.shift() : undefined) {
          const { key, file } = next;
          if (!stillThere(key, file)) continue;
          const { judged } = latest.current.intake;
          judged(key, file, 'checking');
          try {
            const bytes = new Uint8Array(await file.arrayBuffer());
            const verdict = await studio.images.check({ modelId: latest.current.modelId, name: file.name.slice(0, 260), bytes });
            if (!mounted.current) {
              // Asked again if this page comes back while the picture is still there.
              asked.current.delete(file);
              return;
            }
            judged(key, file, verdict.ok ? { width: verdict.width, height: verdict.height, fixes: verdict.fixes } : { refused: verdict.message });
          } catch {
            // Not a refusal: submit runs the same step and will say what is wrong, if anything.
            if (mounted.current) judged(key, file, 'unchecked');
            else asked.current.delete(file);
          }
        }
      } finally {
        running.current = false;
      }
    };
    for (const [key, slot] of Object.entries(slots) as [SlotKey, (typeof slots)[SlotKey]][]) {
      if (slot?.state !== 'ready' || asked.current.get(slot.file) === key) continue;
      if (slot.check !== undefined && slot.check !== 'checking') continue;
      // Too big to send at all: the page already says so at Generate; main would refuse it unread.
      if (slot.bytes > maxPictureBytes) continue;
      asked.current.set(slot.file, key);
      queue.current.push({ key, file: slot.file });
    }
    void pump();
  }, [slots, studio]);
}
