/**
 * Nothing of a file but its pixels leaves the machine: every hiding place a real file format
 * offers is filled with a marker, and the marker must be absent from what would be sent.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { normaliseImage } from '../../../src/main/core/images';
import { solid, withJpegSegments, withPngChunks } from './make-images';

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
const xmp = (marker: string): string =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${marker}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;

/** Every marker, searched as Latin-1 and as UTF-16 (ICC and some XMP writers use the latter). */
function expectAbsent(bytes: Uint8Array, markers: string[]): void {
  const haystack = Buffer.from(bytes);
  for (const marker of markers) {
    expect(haystack.includes(latin1(marker)), marker).toBe(false);
    expect(haystack.includes(Buffer.from(marker, 'utf16le')), `${marker} (UTF-16)`).toBe(false);
  }
}

describe('metadata never leaves', () => {
  it('a PNG: text, XMP, EXIF, C2PA-style, private chunks and bytes after IEND, even where sharp sees no metadata', async () => {
    const plain = await solid(400, 300).png().toBuffer();
    const file = withPngChunks(
      plain,
      [
        { type: 'tEXt', data: latin1('Author\0MARKER-TEXT-AUTHOR') },
        { type: 'iTXt', data: latin1(`XML:com.adobe.xmp\0\0\0\0\0${xmp('MARKER-ITXT-XMP')}`) },
        { type: 'eXIf', data: latin1('MM\0*\0\0\0\x08GPSLatitude MARKER-EXIF-GPS') },
        { type: 'caBX', data: latin1('jumb c2pa MARKER-C2PA-MANIFEST') },
        { type: 'prVt', data: latin1('MARKER-PRIVATE-CHUNK') },
        { type: 'tIME', data: Buffer.from([0x07, 0xe8, 1, 2, 3, 4, 5]) },
      ],
      latin1('MARKER-AFTER-IEND'),
    );
    const out = await normaliseImage(file);
    expect(Buffer.from(out.bytes).equals(file)).toBe(false);
    expectAbsent(out.bytes, ['MARKER-', 'caBX', 'prVt', 'tEXt', 'iTXt', 'eXIf', 'tIME']);
    expect(out.changes).toEqual(['metadata removed']);
    expect([out.mime, out.width, out.height]).toEqual(['image/png', 400, 300]);
  });

  it('a PNG whose hidden chunks libvips does not even report (which used to mean: send the original)', async () => {
    const file = withPngChunks(
      await solid(400, 300).png().toBuffer(),
      [
        { type: 'caBX', data: latin1('jumb c2pa MARKER-C2PA-ONLY') },
        { type: 'prVt', data: latin1('MARKER-PRIVATE-ONLY') },
      ],
      latin1('MARKER-TRAILER-ONLY'),
    );
    const seen = await sharp(file).metadata();
    expect([seen.exif, seen.xmp, seen.icc, seen.comments]).toEqual([undefined, undefined, undefined, undefined]);
    const out = await normaliseImage(file);
    expectAbsent(out.bytes, ['MARKER-', 'caBX', 'prVt']);
    expect(out.changes).toEqual(['metadata removed']);
  });

  it('a JPEG: EXIF with GPS, XMP, ICC profile, APP15, a comment, C2PA-style APP11 and bytes after EOI', async () => {
    const base = await solid(400, 300)
      .withExif({ IFD0: { Artist: 'MARKER-EXIF-ARTIST' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 1234/100' } })
      .withXmp(xmp('MARKER-JPEG-XMP'))
      .withIccProfile('p3')
      .jpeg({ quality: 90 })
      .toBuffer();
    const file = withJpegSegments(
      base,
      [
        { marker: 0xef, data: latin1('MARKER-APP15-SEGMENT') },
        { marker: 0xfe, data: latin1('MARKER-JPEG-COMMENT') },
        { marker: 0xeb, data: latin1('JP\0\0jumb c2pa MARKER-APP11-C2PA') },
      ],
      latin1('MARKER-AFTER-EOI'),
    );
    const before = await sharp(file).metadata();
    expect([Boolean(before.exif), Boolean(before.xmp), Boolean(before.icc)]).toEqual([true, true, true]);

    const out = await normaliseImage(file);
    expectAbsent(out.bytes, ['MARKER-', 'GPS', 'Exif', 'ICC_PROFILE', 'http://ns.adobe.com/xap', 'c2pa']);
    const after = await sharp(out.bytes).metadata();
    expect([after.exif, after.xmp, after.icc, after.comments]).toEqual([undefined, undefined, undefined, undefined]);
    // No APPn segment but JFIF's APP0 survives, nor any comment.
    const markers = [...Buffer.from(out.bytes).subarray(0, 4096)].flatMap((b, i, all) => (b === 0xff && i + 1 < all.length ? [all[i + 1]!] : []));
    expect(markers.filter((m) => (m >= 0xe1 && m <= 0xef) || m === 0xfe)).toEqual([]);
    expect(out.changes).toContain('metadata removed');
  });

  it('a WebP: EXIF and XMP chunks', async () => {
    const file = await solid(400, 300)
      .withExif({ IFD0: { Artist: 'MARKER-WEBP-EXIF' } })
      .withXmp(xmp('MARKER-WEBP-XMP'))
      .webp()
      .toBuffer();
    expect(Buffer.from(file).includes(latin1('MARKER-WEBP-EXIF'))).toBe(true);
    const out = await normaliseImage(file);
    expectAbsent(out.bytes, ['MARKER-', 'EXIF', 'XMP ']);
    expect(out.changes).toContain('metadata removed');
  });
});
