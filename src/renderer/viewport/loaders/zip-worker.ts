/// <reference lib="webworker" />
/**
 * Unpacks a zip (or USDZ) off the main thread, its directory weighed first by zipGuard. The viewport
 * terminates this worker when unpacking runs too long, so no zip can freeze the page.
 */
import { unzipSync } from 'fflate';
import { ModelFileError } from '../model-file-error';
import { zipGuard } from './zip-limits';
import type { ZipReply, ZipRequest } from './zip-messages';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ZipRequest>) => {
  const { format, buffer } = event.data;
  try {
    const files = unzipSync(new Uint8Array(buffer), { filter: zipGuard(format) });
    const entries = Object.entries(files);
    scope.postMessage({ ok: true, entries } satisfies ZipReply, entries.map(([, bytes]) => bytes.buffer));
  } catch (error) {
    const refused = error instanceof ModelFileError;
    scope.postMessage({ ok: false, refused, message: refused ? error.message : '' } satisfies ZipReply);
  }
};
