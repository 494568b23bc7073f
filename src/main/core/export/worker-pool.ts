/**
 * Runs a conversion in a worker thread, one worker per conversion: parsing and writing a model of a
 * million triangles takes seconds of CPU, which must never stall the main process. A worker that
 * runs out of memory or time is ended and the export says so; the app goes on.
 */
import { Worker } from 'node:worker_threads';
import type { ConvertRequest, ConvertResult } from './convert';
import { ConvertError } from './convert/errors';

export interface ConvertOptions {
  timeoutMs?: number;
  /** For the log only: what went wrong inside the worker, beyond the sentence. */
  onDetail?: (detail: string) => void;
}

/**
 * From source (tsx, vitest) the worker is the .ts file next to this one, loaded through tsx; in the
 * built app it is the `export-worker.js` chunk electron-vite writes beside the main bundle. The
 * names go through variables so the bundler leaves the URLs alone.
 */
function workerUrl(): { url: URL; execArgv?: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fromSource ? './convert-worker.ts' : './export-worker.js';
  return { url: new URL(file, import.meta.url), execArgv: fromSource ? ['--import', 'tsx'] : undefined };
}

export function convertInWorker(req: ConvertRequest, opts: ConvertOptions = {}): Promise<ConvertResult> {
  const { url, execArgv } = workerUrl();
  const worker = new Worker(url, { execArgv, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
  return new Promise<ConvertResult>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new ConvertError('Converting this model took longer than 5 minutes, so Studio stopped. Try “Simplify” or another format.'))),
      opts.timeoutMs ?? 5 * 60_000,
    );
    worker.on('message', (m: { ok: true; result: ConvertResult } | { ok: false; sentence: string | null; detail: string }) => {
      if (m.ok) return finish(() => resolve(m.result));
      opts.onDetail?.(m.detail);
      finish(() => reject(new ConvertError(m.sentence ?? 'Studio could not convert this model. Try another format, or run the job again for a fresh copy.')));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      opts.onDetail?.(`${error.name}: ${error.message}`);
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(() => reject(new ConvertError(memory ? 'This model is too large to convert in the memory Studio allows. Try “Simplify to N triangles” first.' : 'Studio could not convert this model. Try another format, or run the job again for a fresh copy.')));
    });
    worker.on('exit', () => finish(() => reject(new ConvertError('The conversion stopped before it finished. Try again.'))));
    // Bytes that own their whole buffer move to the worker instead of being copied; a view into a
    // shared buffer (Node's small-Buffer pool) is copied, since moving it would take the rest along.
    const owned = req.files.map((f) => f.bytes).filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer);
    worker.postMessage(req, [...new Set(owned.map((b) => b.buffer as ArrayBuffer))]);
  });
}
