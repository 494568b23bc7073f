/**
 * Which names inside a zip may become files in a job's outputs folder. A zip names its own files,
 * so every name is hostile until proven otherwise: `../` climbs out, `/etc/x` and `C:\x` are
 * absolute, and on Windows `CON`, `a:b` or a trailing dot name something else than they say.
 */

export type EntryNameRefusal = 'outside' | 'absolute' | 'odd-name';

export type EntryName =
  | { ok: true; segments: string[]; isDir: boolean }
  | { ok: false; reason: EntryNameRefusal };

const reserved = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const control = /[\u0000-\u001f\u007f]/;
const windowsIllegal = /[<>:"|?*]/;

export function parseEntryName(raw: string): EntryName {
  if (control.test(raw)) return { ok: false, reason: 'odd-name' };
  // Windows zip tools write `\` as the separator; treat it as one so `..\..\x` is caught too.
  const name = raw.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return { ok: false, reason: 'absolute' };
  const isDir = name.endsWith('/');
  const segments = (isDir ? name.slice(0, -1) : name).split('/');
  if (segments.some((s) => s === '..')) return { ok: false, reason: 'outside' };
  if (name.length === 0 || name.length > 240 || segments.length > 8) return { ok: false, reason: 'odd-name' };
  for (const s of segments) {
    if (s === '' || s === '.' || s.length > 100) return { ok: false, reason: 'odd-name' };
    if (windowsIllegal.test(s) || reserved.test(s) || /[. ]$/.test(s)) return { ok: false, reason: 'odd-name' };
  }
  // Our own temp files end in .part and are swept as leftovers; a zip must not make one.
  if (!isDir && /\.part$/i.test(name)) return { ok: false, reason: 'odd-name' };
  return { ok: true, segments, isDir };
}

/** A zip entry's name, safe to quote in a sentence: printable, short. */
export function shortEntryName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- see above
  const printable = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 39)}…` : printable;
}
