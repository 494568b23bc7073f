import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { normaliseImage, sentSize } from '../../../src/main/core/images';
import { animatedGif, bmp24, halfTransparentPng, noisy, pixelAt, sidewaysPhoto, solid } from './make-images';

const MB8 = 8_000_000;

describe('the image step', () => {
  it('shrinks a 9000×7000 JPEG to 5000 px on its long side and says so', async () => {
    const photo = await solid(9000, 7000).jpeg({ quality: 90 }).toBuffer();
    const out = await normaliseImage(photo);
    expect([out.width, out.height]).toEqual([5000, 3889]);
    const meta = await sharp(out.bytes).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([5000, 3889, 'jpeg']);
    expect(out.mime).toBe('image/jpeg');
    expect(out.bytes.length).toBeLessThanOrEqual(MB8);
    expect(out.changes).toContain('resized from 9000×7000');
  });

  it('re-encodes a plain PNG, JPEG or WebP that already fits, in its own format, reporting no changes', async () => {
    for (const [encode, format] of [[(s: Sharp) => s.png(), 'png'], [(s: Sharp) => s.jpeg(), 'jpeg'], [(s: Sharp) => s.webp(), 'webp']] as const) {
      const file = await encode(solid(640, 480)).toBuffer();
      const out = await normaliseImage(file);
      const meta = await sharp(out.bytes).metadata();
      // WebP without alpha goes out as JPEG, which every provider decodes.
      expect([meta.format, meta.width, meta.height]).toEqual([format === 'webp' ? 'jpeg' : format, 640, 480]);
      expect(out.changes).toEqual(format === 'webp' ? ['converted to JPEG'] : []);
    }
  });

  it('re-encodes a CMYK JPEG or a 16-bit PNG into plain 8-bit RGB', async () => {
    const cmyk = await normaliseImage(await solid(300, 200).toColourspace('cmyk').jpeg().toBuffer());
    const deep = await normaliseImage(await solid(300, 200).toColourspace('rgb16').png().toBuffer());
    for (const out of [cmyk, deep]) {
      const meta = await sharp(out.bytes).metadata();
      expect([meta.space, meta.depth]).toEqual(['srgb', 'uchar']);
    }
  });

  it('turns a sideways phone photo (EXIF orientation 6) upright and removes its metadata', async () => {
    const out = await normaliseImage(await sidewaysPhoto(400, 200));
    expect([out.width, out.height]).toEqual([200, 400]);
    expect(out.changes).toEqual(expect.arrayContaining(['rotated upright', 'metadata removed']));
    // Stored left half red, rotated 90° clockwise: the red half is now on top.
    const [r, , b] = await pixelAt(out.bytes, 100, 20);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);
    const meta = await sharp(out.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it('keeps alpha in a PNG, even when it has to be re-encoded', async () => {
    const png = await halfTransparentPng(600, 400);
    for (const out of [await normaliseImage(png), await normaliseImage(png, { maxSide: 300 })]) {
      expect(out.mime).toBe('image/png');
      expect((await sharp(out.bytes).metadata()).hasAlpha).toBe(true);
      expect((await pixelAt(out.bytes, 10, 10))[3]).toBe(0);
      expect((await pixelAt(out.bytes, out.width - 10, 10))[3]).toBe(255);
    }
  });

  it('converts TIFF to PNG', async () => {
    const out = await normaliseImage(await solid(300, 200).tiff().toBuffer(), { fileName: 'scan.tif' });
    expect(out.mime).toBe('image/png');
    expect(out.changes).toEqual(['converted to PNG']);
  });

  it('takes the first frame of an animated GIF', async () => {
    const out = await normaliseImage(await animatedGif(200, 150));
    expect([out.mime, out.width, out.height]).toEqual(['image/png', 200, 150]);
    expect(out.changes).toEqual(['kept the first frame of 2', 'converted to PNG']);
    const [r, , b] = await pixelAt(out.bytes, 50, 50);
    expect([r! > 200, b! < 60]).toEqual([true, true]);
  });

  it('converts AVIF to JPEG and a 24-bit BMP to PNG', async () => {
    const avif = await normaliseImage(await solid(300, 200).avif().toBuffer());
    expect([avif.mime, avif.changes]).toEqual(['image/jpeg', ['converted to JPEG']]);
    const bmp = await normaliseImage(bmp24(150, 130, (x) => (x < 75 ? { r: 255, g: 0, b: 0 } : { r: 0, g: 0, b: 255 })));
    expect([bmp.mime, bmp.width, bmp.height]).toEqual(['image/png', 150, 130]);
    expect((await pixelAt(bmp.bytes, 10, 10)).slice(0, 3)).toEqual([255, 0, 0]);
    expect((await pixelAt(bmp.bytes, 140, 120)).slice(0, 3)).toEqual([0, 0, 255]);
  });

  it('converts a WebP with transparency it cannot keep as is to PNG and keeps the alpha', async () => {
    const webp = await sharp(await halfTransparentPng(400, 300)).webp({ lossless: true }).toBuffer();
    const out = await normaliseImage(webp, { maxSide: 200 });
    expect(out.mime).toBe('image/png');
    expect((await pixelAt(out.bytes, 10, 10))[3]).toBe(0);
  });

  it('says when a name disagrees with the content', async () => {
    const out = await normaliseImage(await solid(300, 200).tiff().toBuffer(), { fileName: 'photo.jpg' });
    expect(out.changes).toContain('read as TIFF although named .jpg');
  });

  it('counts the 8 MB after base64 when the provider inlines the image', async () => {
    const png = await noisy(1800, 1300).png().toBuffer();
    // Fits as a file, not as base64: the two rules must give different answers.
    expect(png.length).toBeGreaterThan(6_000_000);
    expect(png.length).toBeLessThan(MB8);
    const asFile = await normaliseImage(png);
    expect([asFile.mime, asFile.width, asFile.height, asFile.changes]).toEqual(['image/png', 1800, 1300, []]);
    expect(asFile.bytes.length).toBeLessThanOrEqual(MB8);

    const inlined = await normaliseImage(png, { base64: true });
    expect(sentSize(inlined.bytes.length, true)).toBeLessThanOrEqual(MB8);
    expect(Buffer.from(inlined.bytes).toString('base64').length).toBeLessThanOrEqual(MB8);
    expect([inlined.width, inlined.height]).toEqual([1800, 1300]);
    expect(inlined.changes).toContain('compressed to fit 8 MB after base64');
  });

  it('makes a small WebP thumbnail', async () => {
    const out = await normaliseImage(await solid(1000, 500).png().toBuffer());
    expect(out.thumbnail.mime).toBe('image/webp');
    expect([out.thumbnail.width, out.thumbnail.height]).toEqual([256, 128]);
    expect((await sharp(out.thumbnail.bytes).metadata()).format).toBe('webp');
  });
});
