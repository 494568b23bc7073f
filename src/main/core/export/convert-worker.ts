/** The worker thread behind export: one conversion per message, answered with the files or a sentence. */
import { parentPort } from 'node:worker_threads';
import { convert, ConvertError, type ConvertRequest } from './convert';

parentPort?.on('message', (req: ConvertRequest) => {
  convert(req).then(
    (result) => parentPort?.postMessage({ ok: true, result }, [...new Set(result.files.map((f) => f.bytes.buffer as ArrayBuffer))]),
    (error: unknown) => {
      const sentence = error instanceof ConvertError ? error.message : null;
      parentPort?.postMessage({ ok: false, sentence, detail: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error).slice(0, 500) });
    },
  );
});
