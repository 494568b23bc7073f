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

  it('takes a pasted picture and says what happened to extra ones', async () => {
    await s.page.goto(s.harness.url);
    await s.page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Hunyuan3D 2 mini (WaveSpeed)' });
    await deliver('paste', ['one.png', 'two.png']);
    await s.page.getByRole('img', { name: 'Image: one.png' }).waitFor();
    await s.page.getByText('2 pictures arrived; the first was used.', { exact: false }).waitFor();
  });
});
