/**
 * What a zip's directory may claim before a single byte is inflated. A zip bomb lies here: about
 * sizes (more compressed data than it says it unpacks to), about ratios (beyond what deflate can
 * reach), or about its total. Shared by the unzip worker and the tests.
 */
import type { ModelFormat } from '../formats';
import { damaged, ModelFileError } from '../model-file-error';
import { MAX_FILE_BYTES } from '../preflight';

export const MAX_ENTRIES = 2000;
/** Deflate cannot do better than about 1032:1; a claim beyond that is a lie. */
const MAX_RATIO = 1100;

export interface ZipEntryInfo {
  name: string;
  /** Compressed size. */
  size: number;
  originalSize: number;
  compression: number;
}

/** A filter for fflate's unzipSync that throws a sentence on the first entry that cannot be honest. */
export function zipGuard(format: ModelFormat): (file: ZipEntryInfo) => boolean {
  let total = 0;
  let entries = 0;
  return (file) => {
    if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/')) return false;
    total += file.originalSize;
    entries++;
    if (entries > MAX_ENTRIES || total > MAX_FILE_BYTES) {
      throw new ModelFileError(`This ${format === 'zip' ? 'zip' : 'USDZ'} file unpacks to more than ${MAX_FILE_BYTES / 2 ** 20} MB or ${MAX_ENTRIES} files; the preview will not open it.`);
    }
    // Stored entries are copied as they are; deflate adds at most a few bytes per 16 KB block.
    const slack = file.compression === 0 ? 0 : Math.ceil(file.originalSize / 1000) + 1024;
    if (file.size > file.originalSize + slack) throw damaged(format, `"${file.name}" holds more data than it says it unpacks to`);
    if (file.originalSize > file.size * MAX_RATIO + 1024) throw damaged(format, `"${file.name}" claims to unpack to more than any zip could`);
    return true;
  };
}
