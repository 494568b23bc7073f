import { damaged, ModelFileError } from '../model-file-error';
import type { ZipReply, ZipRequest } from './zip-messages';

/** A legitimate 512 MB zip unpacks in a few seconds; a bomb that slips past the checks is stopped here. */
const UNZIP_TIME_LIMIT_MS = 20_000;

/**
 * Unpacks a zip in a worker with its claimed sizes weighed first (see zip-limits), so a zip bomb is
 * refused before a byte is inflated, and one that lies well enough is stopped by the time limit.
 */
export function unzipModel(bytes: Uint8Array, format: 'zip' | 'usdz' = 'zip'): Promise<Map<string, Uint8Array>> {
  const worker = new Worker(new URL('./zip-worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      worker.terminate();
    };
    const timer = setTimeout(() => {
      finish();
      reject(new ModelFileError(`This ${format === 'zip' ? 'zip' : 'USDZ'} file took too long to unpack; the preview gave up on it.`));
    }, UNZIP_TIME_LIMIT_MS);
    worker.onmessage = (event: MessageEvent<ZipReply>) => {
      finish();
      const reply = event.data;
      if (reply.ok) resolve(new Map(reply.entries));
      else reject(reply.refused ? new ModelFileError(reply.message) : damaged(format, 'it could not be unpacked'));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(damaged(format, 'it could not be unpacked'));
    };
    const buffer = bytes.slice().buffer;
    worker.postMessage({ format, buffer } satisfies ZipRequest, [buffer]);
  });
}
