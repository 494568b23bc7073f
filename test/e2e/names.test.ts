/**
 * UX.md's accessible names are a contract: a test written from that list with Playwright's
 * default (substring, case-insensitive) matching must find exactly one control per name.
 */
import sharp from 'sharp';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/shared/catalog';
import { studioSession } from '../support/studio-session';

const s = studioSession();

describe('the names tests rely on', () => {
  it('each match exactly one control, without exact matching', async () => {
    await s.page.goto(s.harness.url);
    const { page } = s;
    for (const name of ['Generate', 'Settings', 'Export…']) expect(await page.getByRole('button', { name }).count(), name).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Model' }).count()).toBe(1);
    expect(await page.getByRole('searchbox', { name: 'Search history' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await page.getByRole('button', { name: 'Settings' }).count()).toBe(1);
    for (const provider of ['Segmind', 'WaveSpeed', 'Vtrix']) expect(await page.getByLabel(`${provider} API key`).count(), provider).toBe(1);
    // UX.md: "in Settings … a 'Save' button" (Parameters has "Save preset", which a page-wide substring match also finds).
    expect(await page.getByRole('region', { name: 'Settings' }).getByRole('button', { name: 'Save' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Close' }).click();

    const picture = path.join(mkdtempSync(path.join(os.tmpdir(), 'hy3d-names-')), 'p.png');
    writeFileSync(picture, await sharp({ create: { width: 200, height: 200, channels: 3, background: '#888' } }).png().toBuffer());
    for (const model of catalog) {
      await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: model.label });
      const params = page.getByRole('region', { name: 'Parameters' });
      const advanced = params.getByText('Advanced');
      if (await advanced.count()) await advanced.click();
      for (const p of model.params) expect(await params.getByLabel(p.label).count(), `${model.id}: ${p.label}`).toBe(1);
      if (model.inputs.text) expect(await page.getByLabel('Prompt').count(), model.id).toBe(1);
    }
    await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2 mini (WaveSpeed)' });
    await page.getByLabel('Image').setInputFiles(picture);
    await page.getByRole('img', { name: 'Image: p.png' }).waitFor();
    expect(await page.getByLabel('Image').count()).toBe(1);
  });
});
