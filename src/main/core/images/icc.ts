/**
 * The name an ICC profile gives itself (its 'desc' tag), so a conversion can be reported as "from
 * the Display P3 profile". Reads only the tag table; anything malformed is simply unnamed.
 */
const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));

export function profileName(icc: Uint8Array): string | null {
  if (icc.length < 132) return null;
  const view = new DataView(icc.buffer, icc.byteOffset, icc.length);
  const count = view.getUint32(128);
  for (let i = 0; i < Math.min(count, 200); i++) {
    const entry = 132 + i * 12;
    if (entry + 12 > icc.length) return null;
    if (ascii(icc, entry, 4) !== 'desc') continue;
    const offset = view.getUint32(entry + 4);
    const size = view.getUint32(entry + 8);
    if (offset + size > icc.length || size < 12) return null;
    const type = ascii(icc, offset, 4);
    let name = '';
    if (type === 'desc') {
      // ICC v2 textDescriptionType: a byte count, then ASCII with its NUL.
      const length = Math.min(view.getUint32(offset + 8), size - 12, 200);
      name = ascii(icc, offset + 12, length);
    } else if (type === 'mluc' && size >= 28) {
      // ICC v4 multiLocalizedUnicodeType: the first record's UTF-16BE text is enough.
      const length = view.getUint32(offset + 20);
      const start = view.getUint32(offset + 24);
      if (start + length > size) return null;
      for (let c = 0; c + 1 < Math.min(length, 400); c += 2) name += String.fromCharCode(view.getUint16(offset + start + c));
    } else {
      return null;
    }
    // Only printable text goes into a sentence.
    name = name.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '').trim();
    return name.length > 0 ? name.slice(0, 60) : null;
  }
  return null;
}
