/** Colour conversions are changes the artist can see, so each is said in words. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { normaliseImage } from '../../../src/main/core/images';
import { pixelAt, solid } from './make-images';

describe('colour conversions are reported', () => {
  it('CMYK → RGB', async () => {
    const out = await normaliseImage(await solid(300, 200).toColourspace('cmyk').jpeg().toBuffer());
    expect(out.changes).toContain('converted from CMYK to RGB colours');
    const meta = await sharp(out.bytes).metadata();
    expect([meta.space, meta.channels, meta.depth]).toEqual(['srgb', 3, 'uchar']);
  });

  it('16 → 8 bits per channel, for colour and for grey', async () => {
    for (const space of ['rgb16', 'grey16']) {
      const file = await solid(300, 200).toColourspace(space).png().toBuffer();
      expect((await sharp(file).metadata()).depth).toBe('ushort');
      const out = await normaliseImage(file);
      expect(out.changes).toEqual(['reduced from 16 to 8 bits per channel']);
      expect((await sharp(out.bytes).metadata()).depth).toBe('uchar');
    }
  });

  it('a wide-gamut profile → sRGB, converting the colours rather than dropping the profile', async () => {
    const red = { r: 255, g: 0, b: 0 };
    const file = await solid(300, 200, red).withIccProfile('p3').png().toBuffer();
    const out = await normaliseImage(file);
    expect(out.changes).toEqual([expect.stringMatching(/^converted its colours from the “.+” profile to sRGB$/), 'metadata removed']);
    expect((await sharp(out.bytes).metadata()).icc).toBeUndefined();
    // P3 red lies outside sRGB: converted it stays saturated red, merely read as sRGB it would be duller (≈ 234, 51, 35).
    const [r, g] = await pixelAt(out.bytes, 10, 10);
    expect(r).toBeGreaterThan(250);
    expect(g).toBeLessThan(20);
  });

  it('but not an sRGB profile, which changes nothing', async () => {
    const out = await normaliseImage(await solid(300, 200).withIccProfile('srgb').jpeg().toBuffer());
    expect(out.changes.filter((c) => /colour/.test(c))).toEqual([]);
  });
});
