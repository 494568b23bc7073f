import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { studioSession } from '../support/studio-session';

const s = studioSession();

/** Sends `count` PNG files to the page as a drop on an empty part of the window, or as a paste. */
async function deliver(how: 'drop' | 'paste', names: string[]): Promise<void> {
  const png = [...(await sharp({ create: { width: 256, height: 256, channels: 3, background: '#3a7bd5' } }).png().toBuffer())];
  await s.page.evaluate(
    ({ how, names, png }) => {
      const data = new DataTransfer();
      for (const name of names) data.items.add(new File([new Uint8Array(png)], name, { type: 'image/png' }));
      const target = document.querySelector('.jobs') ?? document.body;
      if (how === 'paste') {
        target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        return;
      }
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { how, names, png },
  );
}

describe('pictures anywhere on the window', () => {
  it('fills the multi-view zones from one drop outside them', async () => {
    await s.page.goto(s.harness.url);
    await s.page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2mv multi-view (Segmind)' });
    await deliver('drop', ['front.png', 'back.png']);
    await s.page.getByRole('img', { name: 'Front view: front.png' }).waitFor();
    await s.page.getByRole('img', { name: 'Back view: back.png' }).waitFor();
    expect(s.page.url()).toBe(s.harness.url);
  });

  it('takes a pasted picture into the Image', async () => {
    await s.page.goto(s.harness.url);
    await s.page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2 mini (WaveSpeed)' });
    await deliver('paste', ['one.png']);
    await s.page.getByRole('img', { name: 'Image: one.png' }).waitFor();
  });

  it('makes a batch of several pasted pictures for a single-picture model', async () => {
    await s.page.goto(s.harness.url);
    await s.page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2 mini (WaveSpeed)' });
    await deliver('paste', ['one.png', 'two.png']);
    const batch = s.page.getByRole('group', { name: 'Batch' });
    await batch.getByRole('img', { name: 'Batch: two.png' }).waitFor();
    await s.page.getByRole('button', { name: 'Generate 2 jobs' }).waitFor();
  });

  it('opens a dropped folder and takes its pictures, by name', async () => {
    await s.page.goto(s.harness.url);
    await s.page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2 mini (WaveSpeed)' });
    const png = [...(await sharp({ create: { width: 200, height: 200, channels: 3, background: '#888' } }).png().toBuffer())];
    // A drop whose item is a folder, as Chromium hands it over: its entry lists the folder's files.
    await s.page.evaluate((png) => {
      const file = (name: string) => new File([new Uint8Array(png)], name, { type: name.endsWith('.png') ? 'image/png' : 'text/plain' });
      const fileEntry = (name: string) => ({ isFile: true, isDirectory: false, name, file: (ok: (f: File) => void) => ok(file(name)) });
      const listing = [[fileEntry('b2.png'), fileEntry('notes.txt'), fileEntry('b10.png')], [fileEntry('a1.png')], []];
      const folder = { isFile: false, isDirectory: true, name: 'shots', createReader: () => ({ readEntries: (ok: (e: unknown[]) => void) => ok(listing.shift() ?? []) }) };
      const item = Object.create(DataTransferItem.prototype, { kind: { value: 'file' }, webkitGetAsEntry: { value: () => folder } });
      const data = { types: ['Files'], files: [], items: [item] };
      const target = document.querySelector('.jobs') ?? document.body;
      for (const type of ['dragover', 'drop']) {
        const event = new DragEvent(type, { bubbles: true, cancelable: true });
        Object.defineProperty(event, 'dataTransfer', { value: data });
        target.dispatchEvent(event);
      }
    }, png);
    const batch = s.page.getByRole('group', { name: 'Batch' });
    await batch.getByRole('img', { name: 'Batch: b10.png' }).waitFor();
    expect(await batch.getByRole('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')))).toEqual(['Batch: a1.png', 'Batch: b2.png', 'Batch: b10.png']);
  });
});
