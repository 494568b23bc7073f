/**
 * Several pictures for a single-picture model: a batch note with its cost and time, main's check
 * per picture, trimming and cancelling, and Generate starting one job per picture, once.
 */
import sharp from 'sharp';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { StudioError } from '../../src/shared/errors';
import { jobSummary, studioWithFakeJobs } from './support/fake-jobs';

afterEach(cleanup);

const pngOf = async (width: number, height: number) =>
  new Uint8Array(await sharp({ create: { width, height, channels: 3, background: '#3a7bd5' } }).png().toBuffer());
const picture = await pngOf(256, 256);
const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n');
const fileOf = (bytes: Uint8Array, name: string) => new File([bytes.slice()], name, { type: 'image/png' });

async function renderApp() {
  const harness = studioWithFakeJobs();
  render(<App studio={harness.studio} />);
  await screen.findByRole('combobox', { name: 'Model', busy: false });
  return harness;
}
const choose = (id: string) => fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: id } });
const pick = (files: File[]) => fireEvent.change(screen.getByLabelText('Image'), { target: { files } });
const batch = () => screen.getByRole('group', { name: 'Batch' });
const generateButton = () => screen.getByRole('button', { name: /^Generate/ }) as HTMLButtonElement;
const everyChecked = () => waitFor(() => expect(within(batch()).queryAllByText(/^(Checking|Reading)…$/)).toHaveLength(0), { timeout: 15_000 });

describe('a batch', () => {
  it('offers one job per picture with the cost and time, and nothing is sent before Generate', async () => {
    const { fake } = await renderApp();
    choose('segmind/hunyuan3d-2mv');
    choose('segmind/hunyuan-3d-2');
    pick([fileOf(picture, 'a.png'), fileOf(picture, 'b.png'), fileOf(picture, 'c.png')]);
    await within(batch()).findByText('Batch: 3 pictures → 3 jobs · cost not published · up to about 2 min');
    await everyChecked();
    expect(within(batch()).getAllByText('Nothing to fix.')).toHaveLength(3);
    expect(within(batch()).getAllByText('256 × 256 · ' + (picture.length < 1000 ? `${picture.length} B` : `${Math.round(picture.length / 1000)} KB`))).toHaveLength(3);
    expect(generateButton().textContent).toBe('Generate 3 jobs');
    expect(generateButton().title).toBe('Generate (Ctrl+Enter): start 3 jobs of Hunyuan3D 2.0 (Segmind), one per picture, with these parameters');
    expect(fake.callsTo('jobs:submit')).toHaveLength(0);

    fireEvent.click(within(batch()).getByRole('button', { name: 'Remove b.png from the batch' }));
    within(batch()).getByText('Batch: 2 pictures → 2 jobs · cost not published · up to about 74 s');
    expect(generateButton().textContent).toBe('Generate 2 jobs');
    fireEvent.click(within(batch()).getByRole('button', { name: 'Cancel batch' }));
    expect(screen.queryByRole('group', { name: 'Batch' })).toBeNull();
    expect(generateButton().textContent).toBe('Generate');
    expect(fake.callsTo('jobs:submit')).toHaveLength(0);
  });

  it('the Parameters panel says the typical time and cost of a run, or that the cost is not published', async () => {
    await renderApp();
    choose('segmind/hunyuan3d-2mv');
    screen.getByText('Typical: about 2 min · $0.31 per run');
    choose('wavespeed/hunyuan3d/v2-mini');
    screen.getByText('Typical: about 30 s per run · cost not published');
  });

  it('shows what main’s image step will fix and what it refuses, and sends only the accepted pictures', async () => {
    const { fake } = await renderApp();
    choose('wavespeed/hunyuan3d/v2-mini');
    pick([fileOf(await pngOf(5400, 200), 'wide.png'), fileOf(pdf, 'brief.png'), fileOf(await pngOf(64, 64), 'icon.png'), fileOf(picture, 'ok.png')]);
    await everyChecked();
    const alerts = within(batch()).getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toEqual(['This file is a PDF, not an image.', 'This image is 64×64 pixels; providers need at least 128 pixels on each side. Use a larger picture.']);
    within(batch()).getByText('Will be resized from 5400×200.');
    within(batch()).getByText('2 pictures are refused and will not be sent.');
    expect(generateButton().textContent).toBe('Generate 2 jobs');

    fireEvent.click(generateButton());
    await waitFor(() => expect(fake.callsTo('jobs:submit')).toHaveLength(2));
    const names = fake.callsTo('jobs:submit').map((c) => (c.input as { inputs: { image: { name: string } } }).inputs.image.name);
    expect(names).toEqual(['wide.png', 'ok.png']);
  });

  it('submits one job per picture in order, a new seed each with the dice, once however often it is clicked', async () => {
    const { fake } = await renderApp();
    choose('local/hunyuan3d-2.1');
    pick([fileOf(picture, '1.png'), fileOf(picture, '2.png'), fileOf(picture, '3.png')]);
    await everyChecked();
    fireEvent.click(screen.getByRole('button', { name: 'Random each run' }));
    const release = fake.hold();
    fireEvent.click(generateButton());
    fireEvent.click(generateButton());
    fireEvent.doubleClick(generateButton());
    await screen.findByText('Sending 1 of 3…');
    release();
    await waitFor(() => expect(fake.callsTo('jobs:submit')).toHaveLength(3));
    await waitFor(() => expect(generateButton().disabled).toBe(false));
    expect(fake.callsTo('jobs:submit')).toHaveLength(3);
    const sent = fake.callsTo('jobs:submit').map((c) => c.input as { params: { seed: number }; inputs: { image: { name: string } } });
    expect(sent.map((s) => s.inputs.image.name)).toEqual(['1.png', '2.png', '3.png']);
    expect(new Set(sent.map((s) => s.params.seed)).size).toBe(3);
    expect(within(screen.getByRole('list', { name: 'Jobs' })).getAllByRole('listitem')).toHaveLength(3);
  });

  it('shows each refusal by its picture and still starts the others', async () => {
    const { fake } = await renderApp();
    choose('wavespeed/hunyuan3d/v2-mini');
    let n = 0;
    fake.onSubmit = (input) => {
      if (++n === 2) throw new StudioError('invalid-input', 'WaveSpeed refused this picture.');
      return jobSummary({ modelId: input.modelId });
    };
    pick([fileOf(picture, 'one.png'), fileOf(picture, 'two.png'), fileOf(picture, 'three.png')]);
    await everyChecked();
    fireEvent.click(generateButton());
    await screen.findByText('2 of 3 jobs started; one picture was refused, each says why.');
    within(batch()).getByText('Not started: WaveSpeed refused this picture.');
    const item = within(batch()).getByText('Not started: WaveSpeed refused this picture.').closest('li') as HTMLElement;
    within(item).getByText('two.png');
  });

  it('asks main about no further pictures once the window is gone', async () => {
    const { studio } = studioWithFakeJobs();
    let asked = 0;
    const counting = { ...studio, images: { ...studio.images, check: (input: Parameters<typeof studio.images.check>[0]) => ((asked += 1), studio.images.check(input)) } };
    const { unmount } = render(<App studio={counting} />);
    await screen.findByRole('combobox', { name: 'Model', busy: false });
    choose('segmind/hunyuan-3d-2');
    pick(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => fileOf(picture, `${n}.png`)));
    await waitFor(() => expect(asked).toBeGreaterThan(0));
    const whenGone = asked;
    unmount();
    await new Promise((r) => setTimeout(r, 1500));
    // The picture being read when the window went may still be asked about; none after it.
    expect(asked).toBeLessThanOrEqual(whenGone + 1);
    expect(asked).toBeLessThan(6);
  });

  it('becomes the Image again when one picture is left', async () => {
    await renderApp();
    choose('wavespeed/hunyuan3d/v2-mini');
    pick([fileOf(picture, 'x.png'), fileOf(picture, 'y.png')]);
    await everyChecked();
    fireEvent.click(within(batch()).getByRole('button', { name: 'Remove x.png from the batch' }));
    expect(screen.queryByRole('group', { name: 'Batch' })).toBeNull();
    await screen.findByRole('img', { name: 'Image: y.png' });
    expect(generateButton().textContent).toBe('Generate');
  });
});

describe('a picture as it arrives', () => {
  it('shows what main’s image step will do to it, in the zone', async () => {
    await renderApp();
    choose('wavespeed/hunyuan3d/v2-mini');
    const cmyk = new Uint8Array(await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c87828' } }).toColourspace('cmyk').jpeg().toBuffer());
    pick([new File([cmyk], 'print.jpg', { type: 'image/jpeg' })]);
    const zone = screen.getByLabelText('Image').closest('[data-zone]') as HTMLElement;
    await within(zone).findByText('Will be converted from CMYK to RGB colours.', undefined, { timeout: 15_000 });
    within(zone).getByText(/^300 × 200 · /);
  });

  it('is taken from the clipboard, unless the paste goes into a text field', async () => {
    await renderApp();
    choose('segmind/hunyuan-3d-2');
    const paste = (target: Element) => {
      const event = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'clipboardData', { value: { files: [fileOf(picture, 'clip.png')] } });
      target.dispatchEvent(event);
      return event;
    };
    const intoPrompt = paste(screen.getByLabelText('Prompt'));
    expect(intoPrompt.defaultPrevented).toBe(false);
    expect(screen.queryByText('clip.png')).toBeNull();
    expect(paste(document.body).defaultPrevented).toBe(true);
    await screen.findByRole('img', { name: 'Image: clip.png' });
  });
});
