import { unzipSync } from 'fflate';
import { ModelFileError } from '../model-file-error';
import { MAX_FILE_BYTES } from '../preflight';

const MAX_ENTRIES = 2000;

/**
 * Unpacks a zip in memory with its claimed sizes capped first, so a zip bomb is refused before a
 * single byte is inflated.
 */
export function unzipModel(bytes: Uint8Array): Map<string, Uint8Array> {
  let total = 0;
  let entries = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/')) return false;
        total += file.originalSize;
        entries++;
        if (entries > MAX_ENTRIES || total > MAX_FILE_BYTES) {
          throw new ModelFileError(`This zip file unpacks to more than ${MAX_FILE_BYTES / 2 ** 20} MB or ${MAX_ENTRIES} files; the preview will not open it.`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError('This zip file is damaged: it could not be unpacked.');
  }
  return new Map(Object.entries(files));
}
