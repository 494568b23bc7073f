/** What an artist does in the page, for the end-to-end tests: drop a picture, read the preview's stats. */
import type { Page } from 'playwright-core';

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
