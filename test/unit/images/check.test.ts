/**
 * `images:check` through the real dispatcher and core: what the page is told about a picture the
 * moment it arrives, from the same image step submit runs.
 */
import { describe, expect, it } from 'vitest';
import { createStudioForTests } from '../../support/studio-for-tests';
import { noisy, solid } from './make-images';

// The image step itself (budget, cancel, event loop) is tested in normalise/budget/refuse tests.
const { studio, dispatcher } = createStudioForTests();
const check = (modelId: string, name: string, bytes: Uint8Array) => studio.images.check({ modelId, name, bytes: new Uint8Array(bytes) });

describe('images:check', () => {
  it('names what the image step will fix, with the picture as dropped', async () => {
    const big = await solid(5100, 1300).toColourspace('cmyk').jpeg().toBuffer();
    const verdict = await check('wavespeed/hunyuan3d/v2-mini', 'poster.jpg', big);
    expect(verdict).toEqual({
      ok: true,
      width: 5100,
      height: 1300,
      bytes: big.length,
      fixes: expect.arrayContaining(['converted from CMYK to RGB colours', 'resized from 5100×1300']) as string[],
    });
  }, 60_000);

  it('says nothing needs fixing for a picture that is already fine', async () => {
    const fine = await solid(512, 512).png().toBuffer();
    expect(await check('segmind/hunyuan-3d-2', 'chair.png', fine)).toEqual({ ok: true, width: 512, height: 512, bytes: fine.length, fixes: [] });
  });

  it('refuses what submit would refuse, with the same sentence', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    expect(await check('segmind/hunyuan-3d-2', 'sketch.png', pdf)).toEqual({ ok: false, message: 'This file is a PDF, not an image.' });
    const tiny = await solid(64, 64).png().toBuffer();
    expect(await check('segmind/hunyuan-3d-2', 'icon.png', tiny)).toEqual({
      ok: false,
      message: 'This image is 64×64 pixels; providers need at least 128 pixels on each side. Use a larger picture.',
    });
  });

  it('counts the 8 MB after base64 for providers that inline pictures', async () => {
    // Noise barely compresses: about 7 MB as PNG, over 8 MB once base64 grows it by a third.
    const heavy = await noisy(1700, 1400).png({ compressionLevel: 0 }).toBuffer();
    const inline = await check('segmind/hunyuan-3d-2', 'noise.png', heavy);
    const uploaded = await check('wavespeed/hunyuan3d/v2-mini', 'noise.png', heavy);
    expect(inline.ok && inline.fixes.some((f) => f.includes('after base64'))).toBe(true);
    expect(uploaded.ok && uploaded.fixes.some((f) => f.includes('after base64'))).toBe(false);
  }, 60_000);

  it('refuses a model it does not know, and bytes anywhere but the picture', async () => {
    const fine = await solid(256, 256).png().toBuffer();
    await expect(check('nowhere/model', 'a.png', fine)).rejects.toThrow('This model is not in Studio’s catalog.');
    const misplaced = await dispatcher.dispatch('images:check', { modelId: 'segmind/hunyuan-3d-2', name: new Uint8Array(3), bytes: fine }, { url: 'app://studio/', isMainFrame: true });
    expect(misplaced).toMatchObject({ ok: false, error: { message: 'This request does not take file bytes here (at name).' } });
    const tooBig = await dispatcher.dispatch('images:check', { modelId: 'segmind/hunyuan-3d-2', name: 'a.png', bytes: new Uint8Array(40 * 2 ** 20 + 1) }, { url: 'app://studio/', isMainFrame: true });
    expect(tooBig).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^A file is larger than 40 MB/) as string } });
  });
});
