import { useEffect, useState } from 'react';
import type { StudioApi } from '../../../shared/ipc';
import type { JobId } from '../../../shared/jobs';

/**
 * The job's input picture as a blob: URL, revoked when the item goes. Asked again on each new
 * `attempt` until one arrives (main may store it a moment after the job appears).
 */
export function useThumbnail(studio: StudioApi, id: JobId, attempt: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  const have = url !== null;
  useEffect(() => {
    if (have) return;
    let live = true;
    studio.jobs
      .thumbnail({ id })
      .then((thumb) => {
        if (live && thumb) setUrl(URL.createObjectURL(new Blob([thumb.bytes.slice()], { type: thumb.mime })));
      })
      // No thumbnail is no loss: the item shows a placeholder.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [studio, id, attempt, have]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return url;
}
