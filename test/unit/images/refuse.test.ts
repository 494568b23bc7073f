import { describe, expect, it } from 'vitest';
import { normaliseImage } from '../../../src/main/core/images';
import { StudioError } from '../../../src/shared/errors';
import { noisy, pngBombHeader, solid } from './make-images';

async function refusal(bytes: Uint8Array, fileName?: string): Promise<StudioError> {
  const error = await normaliseImage(bytes, { fileName }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StudioError);
  expect((error as StudioError).code).toBe('invalid-input');
  return error as StudioError;
}

describe('the image step refuses', () => {
  it('an empty file', async () => {
    expect((await refusal(new Uint8Array(0))).message).toBe('This file is empty.');
  });

  it('a PDF renamed to .png, by its content', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    expect((await refusal(pdf, 'sketch.png')).message).toBe('This file is a PDF, not an image.');
  });

  it('text and unknown bytes with a sentence', async () => {
    expect((await refusal(Buffer.from('hello, this is a note'))).message).toBe('This file is text, not an image.');
    expect((await refusal(Buffer.from([0, 1, 2, 3, 250, 251, 252]))).message).toMatch(/not an image Studio can read/);
    expect((await refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).message).toMatch(/SVG drawing/);
  });

  it('a HEIC photo this computer cannot decode, saying how to export it', async () => {
    const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)]);
    expect((await refusal(ftyp, 'IMG_0001.HEIC')).message).toMatch(/^This HEIC photo uses a compression Studio cannot read/);
  });

  it('a 64×64 picture as too small', async () => {
    const tiny = await solid(64, 64).png().toBuffer();
    expect((await refusal(tiny)).message).toBe(
      'This image is 64×64 pixels; providers need at least 128 pixels on each side. Use a larger picture.',
    );
  });

  it('a strip too narrow to survive the downscale', async () => {
    const strip = await solid(6000, 140).png().toBuffer();
    expect((await refusal(strip)).message).toMatch(/too long and narrow \(6000×140 pixels\)/);
  });

  it('a truncated JPEG as damaged', async () => {
    const whole = await noisy(400, 300).jpeg({ quality: 90 }).toBuffer();
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    expect((await refusal(cut)).message).toBe('This JPEG file is damaged or incomplete, so it cannot be read. Save it again and retry.');
  });

  it('a PNG whose pixel data is garbage as damaged', async () => {
    const png = Buffer.from(await noisy(300, 300).png().toBuffer());
    png.fill(0x5a, 200, png.length - 20);
    expect((await refusal(png)).message).toMatch(/PNG file is damaged or incomplete/);
  });

  it('a 30000×30000 header-only PNG bomb without decoding it', async () => {
    const bomb = pngBombHeader(30_000, 30_000);
    expect(bomb.length).toBeLessThan(2000);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const error = await refusal(bomb);
    // Decoding would need 2.7 GB and many seconds; the header check needs neither.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    expect(error.message).toBe(
      'This image is 30000×30000 pixels (900 megapixels), too large to open safely; Studio opens images up to 150 megapixels. Scale it down and try again.',
    );
  });
});
