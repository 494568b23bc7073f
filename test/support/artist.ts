/**
 * What an artist does in the page, for the end-to-end tests: drop a picture or a batch, read the
 * preview's stats. Apart from flow.ts because these run script in the page (DOM types).
 */
import type { Locator, Page } from 'playwright-core';

/** A picture as a file dragged from the desktop onto the Image zone. */
export async function dropPicture(page: Page, name: string, png: Buffer): Promise<void> {
  await page.evaluate(
    ({ name, bytes }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
      const zone = document.querySelector('[data-zone="front"]');
      for (const type of ['dragenter', 'dragover', 'drop']) zone?.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { name, bytes: [...png] },
  );
  await page.getByRole('img', { name: `Image: ${name}` }).waitFor();
}

/**
 * Several pictures dragged from the desktop onto an empty part of the window (the Jobs list), as one
 * drop: what makes a batch on a single-picture model.
 */
export async function dropOnWindow(page: Page, files: { name: string; png: Buffer }[]): Promise<void> {
  await page.evaluate((files) => {
    const data = new DataTransfer();
    for (const f of files) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'image/png' }));
    const target = document.querySelector('.jobs') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files.map((f) => ({ name: f.name, bytes: [...f.png] })));
}

/** The triangle count the 3D preview's stats show, once a model is open. */
export async function previewTriangles(page: Page): Promise<number> {
  const preview = page.getByRole('region', { name: '3D preview' });
  await preview.getByText('Triangles').waitFor({ timeout: 20_000 });
  const text = await preview.locator('dt', { hasText: 'Triangles' }).locator('xpath=following-sibling::dd[1]').textContent();
  return Number((text ?? '').replace(/\D/g, ''));
}

/** Settings → paste the Segmind key → Save → wait for "ends in …" → Close, as an artist would. */
export async function saveSegmindKey(page: Page, key: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Segmind API key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(`ends in ${key.slice(-4)}`).waitFor();
  await page.getByRole('button', { name: 'Close' }).click();
}

/**
 * Several pictures dropped on the window at once, then the batch note as main's image step checked
 * them: the line that says what Generate will start and cost, each picture's thumbnail and
 * "Nothing to fix.". Returns the note (group "Batch").
 */
export async function dropBatch(page: Page, files: { name: string; png: Buffer }[], line: string): Promise<Locator> {
  await dropOnWindow(page, files);
  const batch = page.getByRole('group', { name: 'Batch' });
  await batch.getByText(line, { exact: true }).waitFor();
  for (const { name } of files) await batch.getByRole('img', { name: `Batch: ${name}` }).waitFor();
  // Checked by main when the files arrived, not only at submit.
  const checked = batch.getByText('Nothing to fix.', { exact: true });
  await checked.nth(files.length - 1).waitFor({ timeout: 30_000 });
  const count = await checked.count();
  if (count !== files.length) throw new Error(`The batch says “Nothing to fix.” ${count} times for ${files.length} pictures`);
  return batch;
}
