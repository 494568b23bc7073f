/**
 * Export file names: the artist's template filled from the job, then made safe for every desktop
 * system the file may travel to — no separators or characters Windows refuses, no device names
 * (CON, NUL, COM1…), no trailing dot or space, no leading dot (hidden on macOS and Linux), and short
 * enough for Windows' 260-character paths.
 */
import type { JobRecord } from '../library';

export interface NameFields {
  model: string;
  date: string;
  time: string;
  seed: string;
  provider: string;
  id: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function nameFields(job: Pick<JobRecord, 'id' | 'modelId' | 'modelLabel' | 'provider' | 'createdAt' | 'params'>): NameFields {
  const d = new Date(job.createdAt);
  const seed = job.params.seed;
  return {
    model: job.modelLabel || job.modelId,
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`,
    seed: seed === undefined || seed === '' ? 'noseed' : String(seed),
    provider: job.provider,
    id: job.id.slice(0, 8),
  };
}

export function fillTemplate(template: string, fields: NameFields): string {
  return template.replace(/\{(model|date|time|seed|provider|id)\}/g, (_, key: keyof NameFields) => fields[key]);
}

const windowsDevices = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** Longest base name kept: room for "-999", the longest extension and a folder on Windows. */
export const maxBaseLength = 80;

/** A file name base (no extension) that means the same file on Windows, macOS and Linux. */
export function safeBaseName(raw: string): string {
  let s = raw.normalize('NFC');
  // Separators, Windows' reserved characters and control characters become a dash.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  s = s.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '-');
  s = s.replace(/\s+/g, ' ').replace(/-{2,}/g, '-');
  s = s.replace(/^[.\s-]+/, '');
  s = [...s].slice(0, maxBaseLength).join('');
  s = s.replace(/[.\s]+$/, '');
  if (s === '') s = 'model';
  // "CON", "con.tar", "COM1 " all open a device on Windows, whatever follows the first dot.
  const stem = s.split('.')[0]!.trim();
  if (windowsDevices.test(stem)) s = `_${s}`;
  return s;
}

/** Windows' classic limit for a whole path (folder, separator, name); longer ones break many tools there. */
export const maxPathLength = 259;

/**
 * Shortens `base` so `folder/base<suffix><longest extension>` fits `maxPathLength`, or null when
 * even a short name would not fit (the folder itself is too deep).
 */
export function fitToPath(folder: string, base: string, longestTail: number): string | null {
  const room = maxPathLength - folder.length - 1 - longestTail;
  if (room < 8) return null;
  const chars = [...base];
  if (chars.length <= room) return base;
  return safeBaseName(chars.slice(0, room).join(''));
}
