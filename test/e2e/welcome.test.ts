/**
 * The first-run welcome in Chromium through the harness: a model file opens from it with no key at
 * all, and "Not now" keeps it away after a reload.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { texturedGlb } from '../fixtures/models';
import { previewTriangles } from '../support/artist';
import { studioSession } from '../support/studio-session';

const s = studioSession({ webgl: true });

describe('the first-run welcome in the browser', () => {
  it('opens a model file without any key, then stays away after Not now', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hy3d-welcome-')), 'sphere.glb');
    writeFileSync(file, await texturedGlb());
    await s.page.goto(s.harness.url);
    const welcome = s.page.getByRole('region', { name: 'Welcome' });
    await welcome.waitFor();

    const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), welcome.getByRole('button', { name: 'Open a model file…' }).click()]);
    await chooser.setFiles(file);
    expect(await previewTriangles(s.page)).toBe(2304);
    await expect.poll(() => welcome.count()).toBe(0);

    await s.page.reload();
    await welcome.waitFor();
    await welcome.getByRole('button', { name: 'Not now' }).click();
    await expect.poll(() => welcome.count()).toBe(0);
    await s.page.reload();
    await s.page.getByRole('combobox', { name: 'Model' }).waitFor();
    await expect.poll(() => s.page.evaluate(async () => (await window.studio.settings.get()).welcomeDismissed)).toBe(true);
    expect(await welcome.count()).toBe(0);
    await expect(s.page.getByRole('region', { name: '3D preview' }).getByText('Your model will appear here.').isVisible()).resolves.toBe(true);
  });
});
