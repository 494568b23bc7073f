import { useCallback, useRef, type RefObject } from 'react';
import type { StudioApi } from '../../../shared/ipc';
import { jobIdSchema } from '../../../shared/jobs';
import { maxThumbnailBytes } from '../../../shared/library';
import type { HistoryLink } from './HistoryPanel';
import type { OpenRequest } from '../../viewport/ViewportView';

/**
 * Result thumbnails: once a job's model is on screen, the viewport renders its 512-px WebP and it
 * is stored with the job (`library:set-thumbnail`), once per job per window and never for a job
 * whose History card already has one. A failure costs only the thumbnail, so it is not shown.
 */
export function useResultThumbnails(studio: StudioApi, history: RefObject<HistoryLink | null>) {
  const done = useRef(new Set<string>());

  const shown = useCallback(
    (request: OpenRequest, thumbnail: () => Promise<Blob>) => {
      const id = request.jobId;
      if (!id || !jobIdSchema.safeParse(id).success || done.current.has(id)) return;
      if (history.current?.find(id)?.resultThumbnail) return;
      done.current.add(id);
      void (async () => {
        try {
          const blob = await thumbnail();
          if (blob.type !== 'image/webp' || blob.size > maxThumbnailBytes) return;
          const reply = await studio.library['set-thumbnail']({ id, bytes: new Uint8Array(await blob.arrayBuffer()) });
          if (!reply.ok) done.current.delete(id);
        } catch {
          done.current.delete(id);
        }
      })();
    },
    [studio, history],
  );
  return { shown };
}
