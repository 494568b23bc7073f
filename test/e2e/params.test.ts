import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { studioSession } from '../support/studio-session';

const s = studioSession();

/** A real PNG on disk, as an artist would pick it: a warm disc on grey, 640 × 480. */
async function frontPicture(): Promise<{ file: string; bytes: number }> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hy3d-pictures-')), 'teapot-front.png');
  const disc = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="#8a8a8f"/><circle cx="320" cy="250" r="150" fill="#c8743a"/><ellipse cx="320" cy="110" rx="60" ry="22" fill="#6b3a1c"/></svg>');
  const info = await sharp(disc).png().toFile(file);
  return { file, bytes: info.size };
}

describe('parameters and inputs in Chromium', () => {
  it('offers a picture or a prompt for Segmind 2.0 and names a wrong value', async () => {
    await s.page.goto(s.harness.url);
    await s.page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2.0 (Segmind)' });
    await s.page.getByLabel('Prompt', { exact: true }).fill('a brass teapot with a curled spout');
    await s.page.getByLabel('Guidance scale', { exact: true }).fill('40');
    await s.page.getByText('Guidance scale must be between 1 and 15.').waitFor();
    const generate = s.page.getByRole('button', { name: 'Generate', exact: true });
    expect(await generate.getAttribute('title')).toContain('Guidance scale must be between 1 and 15.');
    expect(await generate.isDisabled()).toBe(true);
    await s.page.screenshot({ path: 'test-results/params-prompt.png' });
  });

  it('chooses a multi-view model, sets a parameter and previews a picked front view', async () => {
    const model = s.page.getByRole('combobox', { name: 'Model' });
    await model.selectOption({ label: 'Hunyuan3D 2mv multi-view (Segmind)' });
    await s.page.getByText('≈ 1 min 41 s · $0.31 per run').waitFor();

    for (const view of ['Front view', 'Back view', 'Left view', 'Right view']) {
      await expect(s.page.getByLabel(view, { exact: true }).count()).resolves.toBe(1);
    }
    await expect(s.page.getByLabel('Image', { exact: true }).count()).resolves.toBe(0);
    expect(await s.page.getByLabel('Front view', { exact: true }).getAttribute('aria-required')).toBe('true');

    const steps = s.page.getByLabel('Inference steps', { exact: true });
    await steps.fill('45');
    expect(await s.page.locator('[data-slider-for="steps"]').inputValue()).toBe('45');
    await s.page.getByRole('radiogroup', { name: 'File type' }).getByRole('radio', { name: 'obj' }).click();
    expect(await s.page.getByRole('radio', { name: 'obj' }).isChecked()).toBe(true);

    const generate = s.page.getByRole('button', { name: 'Generate', exact: true });
    expect(await generate.isDisabled()).toBe(true);

    const picture = await frontPicture();
    await s.page.getByLabel('Front view', { exact: true }).setInputFiles(picture.file);
    const thumb = s.page.getByRole('img', { name: 'Front view: teapot-front.png' });
    await thumb.waitFor();
    await s.page.getByText(`640 × 480 · ${Math.round(picture.bytes / 1000)} KB`).waitFor();
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
    expect(await generate.isEnabled()).toBe(true);

    await s.page.screenshot({ path: 'test-results/params.png' });
    // The lower half of the panel: Advanced open and a help tooltip shown by keyboard focus.
    await s.page.getByText('Advanced', { exact: true }).click();
    await s.page.getByTitle('About Octree resolution').focus();
    await expect(s.page.getByRole('tooltip', { name: '' }).filter({ hasText: 'Higher gives finer detail' }).isVisible()).resolves.toBe(true);
    await s.page.screenshot({ path: 'test-results/params-advanced.png' });

    // No key saved in this harness: Generate says what to do, sends nothing, and keeps the picture.
    await generate.click();
    await s.page.getByRole('alert').filter({ hasText: /^No \w+ API key is saved yet\. Paste one in Settings and press Save\.$/ }).waitFor();
    await s.page.getByText(`640 × 480 · ${Math.round(picture.bytes / 1000)} KB`).waitFor();
  });

  it('opens on the model chosen last time', async () => {
    await s.page.reload();
    await s.page.getByLabel('Front view', { exact: true }).waitFor({ state: 'attached' });
    expect(await s.page.getByRole('combobox', { name: 'Model' }).inputValue()).toBe('segmind/hunyuan3d-2mv');
  });
});
