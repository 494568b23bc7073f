import sharp from 'sharp';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { createStudioForTests } from '../support/studio-for-tests';
import { byteSize } from '../../src/renderer/features/intake/sniff';

afterEach(cleanup);

async function renderApp(harness = createStudioForTests()) {
  render(<App studio={harness.studio} />);
  // The picker is busy until the saved choice arrives; a pick before then would race it.
  await screen.findByRole('combobox', { name: 'Model', busy: false });
  return harness;
}

const choose = (id: string) => fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: id } });
const inputs = () => screen.getByRole('region', { name: 'Inputs' });
const zoneOf = (name: string) => screen.getByLabelText(name).closest('[data-zone]') as HTMLElement;
const generate = () => screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement;

/** A real 256×256 PNG: main's image check (run when a picture arrives) refuses anything under 128 px. */
const png = new Uint8Array(await sharp({ create: { width: 256, height: 256, channels: 3, background: '#3a7bd5' } }).png().toBuffer());
const pdf = new TextEncoder().encode('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n');

describe('the inputs panel', () => {
  it('shows only the views a multi-view model accepts, required ones marked', async () => {
    await renderApp();
    choose('wavespeed/hunyuan3d/v2-multi-view');
    for (const name of ['Front view', 'Back view', 'Left view']) {
      expect(screen.getByLabelText(name).getAttribute('aria-required')).toBe('true');
      within(zoneOf(name)).getByText('required');
    }
    expect(screen.queryByLabelText('Right view')).toBeNull();
    expect(screen.queryByLabelText('Image')).toBeNull();
    expect(screen.queryByLabelText('Prompt')).toBeNull();

    choose('segmind/hunyuan3d-2mv');
    expect(screen.getByLabelText('Front view').getAttribute('aria-required')).toBe('true');
    for (const name of ['Back view', 'Left view', 'Right view']) {
      expect(screen.getByLabelText(name).getAttribute('aria-required')).toBe('false');
      expect(within(zoneOf(name)).queryByText('required')).toBeNull();
    }
    expect(generate().title).toBe('Hunyuan3D 2mv multi-view (Segmind) needs a front view.');
  });

  it('shows one Image zone for a single-picture model', async () => {
    await renderApp();
    choose('wavespeed/hunyuan3d/v2-mini');
    expect(screen.getByLabelText('Image')).toHaveProperty('accept', 'image/*');
    expect(within(inputs()).getAllByRole('button', { name: 'Choose file…' })).toHaveLength(1);
    expect(screen.queryByLabelText('Front view')).toBeNull();
    expect(screen.queryByLabelText('Prompt')).toBeNull();
  });

  it('offers a picture or a prompt where a model takes both, and says which one is used', async () => {
    await renderApp();
    choose('vtrix/tencent_hunyuan_3d');
    const prompt = screen.getByLabelText('Prompt') as HTMLTextAreaElement;
    for (const name of ['Image', 'Back view', 'Left view', 'Right view']) screen.getByLabelText(name);
    within(inputs()).getByText(/One of them is used: the picture when there is one\./);
    expect(generate().title).toBe('Hunyuan3D (Tencent Cloud via Vtrix) needs a picture or a text prompt.');

    fireEvent.change(prompt, { target: { value: 'a small wooden chair' } });
    within(inputs()).getByText('20 / 1,024');
    expect(generate().disabled).toBe(false);

    fireEvent.change(screen.getByLabelText('Image'), { target: { files: [new File([png], 'chair.png', { type: 'image/png' })] } });
    await within(inputs()).findByText('A picture is chosen, so this prompt is not used.');
    expect(generate().disabled).toBe(false);

    fireEvent.change(prompt, { target: { value: 'x'.repeat(1025) } });
    within(inputs()).getByText('The prompt must be at most 1,024 characters.');
    expect(prompt.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a picked picture’s name, size and thumbnail, and removes it', async () => {
    await renderApp();
    choose('segmind/hunyuan3d-2mv');
    const file = new File([png], 'front.png', { type: 'image/png' });
    fireEvent.change(screen.getByLabelText('Front view'), { target: { files: [file] } });
    const zone = zoneOf('Front view');
    await within(zone).findByText('front.png');
    // Main's check answers with the pixel size, beside the byte size the page knew at once.
    await within(zone).findByText(`256 × 256 · ${byteSize(png.length)}`);
    within(zone).getByText('Nothing to fix.');
    expect(within(zone).getByRole('img', { name: 'Front view: front.png' }).getAttribute('src')).toMatch(/^blob:/);
    await waitFor(() => expect(generate().disabled).toBe(false));

    fireEvent.click(within(zone).getByRole('button', { name: 'Clear the front picture' }));
    expect(within(zone).queryByText('front.png')).toBeNull();
    expect(generate().disabled).toBe(true);
  });

  it('says a dropped PDF is not an image, and Generate waits for a picture', async () => {
    await renderApp();
    choose('wavespeed/hunyuan3d/v2-base');
    const file = new File([pdf], 'scan.png', { type: 'image/png' });
    fireEvent.dragOver(zoneOf('Image'), { dataTransfer: { files: [file] } });
    fireEvent.drop(zoneOf('Image'), { dataTransfer: { files: [file] } });
    const alert = await within(zoneOf('Image')).findByRole('alert');
    expect(alert.textContent).toBe('This file is a PDF, not an image.');
    expect(generate().disabled).toBe(true);
    expect(generate().title).toBe('Replace the file in Image: This file is a PDF, not an image.');
  });

  it('keeps a picture when switching to a model that takes the same view', async () => {
    await renderApp();
    choose('wavespeed/hunyuan3d/v2-mini');
    fireEvent.change(screen.getByLabelText('Image'), { target: { files: [new File([png], 'robot.png', { type: 'image/png' })] } });
    await within(zoneOf('Image')).findByText('robot.png');
    choose('segmind/hunyuan3d-2mv');
    within(zoneOf('Front view')).getByText('robot.png');
  });
});

describe('the model picker', () => {
  it('lists every model grouped by provider, with its typical time and cost', async () => {
    await renderApp();
    const picker = screen.getByRole('combobox', { name: 'Model' }) as HTMLSelectElement;
    const groups = [...picker.querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups).toEqual(['Segmind', 'WaveSpeed', 'Vtrix', 'Self-hosted']);
    expect(picker.options).toHaveLength(9);
    expect(picker.value).toBe('segmind/hunyuan-3d-2');
    screen.getByText('≈ 37 s');
    choose('segmind/hunyuan3d-2mv');
    screen.getByText('≈ 1 min 41 s · $0.31 per run');
  });

  it('saves the chosen model and opens on it next time', async () => {
    const harness = await renderApp();
    choose('local/hunyuan3d-2.1');
    await waitFor(async () => expect((await harness.studio.settings.get()).lastModelId).toBe('local/hunyuan3d-2.1'));
    cleanup();

    render(<App studio={harness.studio} />);
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Model' })).toHaveProperty('value', 'local/hunyuan3d-2.1'));
    screen.getByLabelText('Remove background');
  });
});
