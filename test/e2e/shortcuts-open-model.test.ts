/**
 * Ctrl+O in Chromium through the harness (where there is no app menu): the viewport's
 * "Open model…" picker opens, from a text field too, and the chosen file is shown. In the app,
 * File → Open Model… sends `app:command` and runs this same action.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { texturedGlb } from '../fixtures/models';
import { previewTriangles } from '../support/artist';
import { studioSession } from '../support/studio-session';

const s = studioSession({ webgl: true });

describe('Open model from the keyboard', () => {
  it('Ctrl+O opens the viewport\'s file picker and shows the model picked in it', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hy3d-open-model-')), 'sphere.glb');
    writeFileSync(file, await texturedGlb());
    await s.page.goto(s.harness.url);
    await s.page.getByRole('toolbar', { name: 'Viewport' }).waitFor();
    const search = s.page.getByRole('searchbox', { name: 'Search history' });
    await search.focus();

    // Generous: with the whole suite on two cores, SwiftShader can hold the page's thread for seconds
    // before the key is handled (a missing binding still fails, only later).
    const [chooser] = await Promise.all([s.page.waitForEvent('filechooser', { timeout: 30_000 }), s.page.keyboard.press('Control+O')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(file);
    expect(await previewTriangles(s.page)).toBe(2304);
    // The key was the page's: nothing was typed into the field that had focus.
    expect(await search.inputValue()).toBe('');
  });
});
