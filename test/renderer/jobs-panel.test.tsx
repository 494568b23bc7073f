import sharp from 'sharp';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { StudioError } from '../../src/shared/errors';
import { jobSummary, studioWithFakeJobs } from './support/fake-jobs';

afterEach(cleanup);

/** A real 256×256 PNG: main's image check (run when a picture arrives) refuses anything under 128 px. */
const png = new Uint8Array(await sharp({ create: { width: 256, height: 256, channels: 3, background: '#3a7bd5' } }).png().toBuffer());

async function renderApp(setup?: (fake: ReturnType<typeof studioWithFakeJobs>['fake']) => void) {
  const harness = studioWithFakeJobs();
  setup?.(harness.fake);
  render(<App studio={harness.studio} />);
  await screen.findByRole('combobox', { name: 'Model', busy: false });
  return harness;
}

const jobsList = () => screen.getByRole('list', { name: 'Jobs' });
const items = () => within(jobsList()).queryAllByRole('listitem');
const onlyItem = () => {
  const all = items();
  expect(all).toHaveLength(1);
  return all[0] as HTMLElement;
};
const generate = () => screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement;
const choose = (id: string) => fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: id } });
const typePrompt = (text: string) => fireEvent.change(screen.getByLabelText('Prompt'), { target: { value: text } });
async function dropPicture(zone = 'Image', name = 'chair.png') {
  fireEvent.change(screen.getByLabelText(zone), { target: { files: [new File([png], name, { type: 'image/png' })] } });
  await screen.findByText(name);
}

describe('the Jobs panel', () => {
  it('says how to start when there are no jobs', async () => {
    await renderApp();
    await screen.findByText(/No jobs yet\. Add a picture or a prompt on the left and press Generate/);
    expect(items()).toHaveLength(0);
  });

  it('shows each job with its thumbnail, model, state word and progress, and follows it live', async () => {
    const job = jobSummary({ createdAt: Date.now() - 5000 });
    const { fake } = await renderApp((f) => {
      f.add(job);
      f.thumbnail = { mime: 'image/png', bytes: png };
    });
    const item = await waitFor(onlyItem);
    within(item).getByText('Hunyuan3D 2.0');
    within(item).getByText('Queued');
    const waiting = within(item).getByRole('progressbar');
    expect(waiting.getAttribute('aria-valuenow')).toBeNull();
    expect(waiting.getAttribute('aria-valuetext')).toBe('Waiting to start');
    const thumb = await within(item).findByRole('img');
    expect(thumb.getAttribute('src')).toMatch(/^blob:/);

    act(() => void fake.change(job.id, { state: 'running', progress: 0.4, etaMs: 40_000 }));
    within(onlyItem()).getByText('Running');
    const bar = within(onlyItem()).getByRole('progressbar', { name: /^Progress of Hunyuan3D 2\.0 / });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    within(onlyItem()).getByText('40 % · about 40 s left');

    act(() => void fake.change(job.id, { state: 'running', progress: 0.75, progressEstimated: true, etaMs: 150_000 }));
    within(onlyItem()).getByText('≈ 75 % · about 3 min left');

    act(() => void fake.change(job.id, { state: 'completed', progress: 1, etaMs: null, canCancel: false, costUsd: 0.31, finishedAt: Date.now() }));
    within(onlyItem()).getByText('Completed');
    expect(within(onlyItem()).queryByRole('progressbar')).toBeNull();
    within(onlyItem()).getByRole('button', { name: /^Open in preview: Hunyuan3D 2\.0/ });
    expect(within(onlyItem()).queryByRole('button', { name: /^Cancel job/ })).toBeNull();
  });

  it('shows every state in words and each job’s sentence', async () => {
    const states = ['submitting', 'queued', 'running', 'downloading', 'completed', 'failed', 'cancelled', 'expired', 'unknown-submission'] as const;
    const base = Date.now() - 60_000;
    await renderApp((f) =>
      f.add(...states.map((state, i) => jobSummary({ state, createdAt: base + i * 1000, message: state === 'failed' ? 'Segmind could not read the picture: it has no object in it.' : null }))),
    );
    await waitFor(() => expect(items()).toHaveLength(states.length));
    // Newest first.
    const words = items().map((li) => li.querySelector('.job-state')?.textContent);
    expect(words).toEqual(['Needs attention', 'Expired', 'Cancelled', 'Failed', 'Completed', 'Downloading', 'Running', 'Queued', 'Queued']);
    screen.getByText('Segmind could not read the picture: it has no object in it.');
  });

  it('names each job’s buttons uniquely, even for two jobs of one model started in the same second', async () => {
    const at = Date.now();
    await renderApp((f) => f.add(jobSummary({ createdAt: at }), jobSummary({ createdAt: at })));
    await waitFor(() => expect(items()).toHaveLength(2));
    const names = screen.getAllByRole('button', { name: /^Cancel job / }).map((b) => b.getAttribute('aria-label'));
    expect(new Set(names).size).toBe(2);
  });

  it('cancels a job and says whether the provider was told', async () => {
    const job = jobSummary({ state: 'running', progress: 0.2 });
    const { fake } = await renderApp((f) => f.add(job));
    const cancel = await screen.findByRole('button', { name: /^Cancel job Hunyuan3D 2\.0/ });
    fireEvent.click(cancel);
    fireEvent.click(cancel);
    await within(onlyItem()).findByText('Cancelled');
    expect(fake.callsTo('jobs:cancel')).toHaveLength(1);
    expect(within(screen.getByRole('region', { name: 'Jobs' })).getByRole('status').textContent).toBe('Cancelled. Segmind cannot be told to stop, so this run may still be billed.');
  });

  it('asks before a retry that may start and bill a second job, and retries only when told to', async () => {
    const job = jobSummary({
      state: 'unknown-submission', canCancel: false, canRetry: true, retryMayPayTwice: true,
      message: 'The app stopped while sending this job, so it may or may not have started at Segmind.',
    });
    const { fake } = await renderApp((f) => f.add(job));
    const retry = await screen.findByRole('button', { name: /^Retry job Hunyuan3D 2\.0/ });
    within(onlyItem()).getByText('Needs attention');

    fireEvent.click(retry);
    const dialog = screen.getByRole('alertdialog', { name: 'Retry this job?' });
    expect(dialog.textContent).toMatch(/may start and bill a second job/);
    expect(document.activeElement?.textContent).toBe('Don’t retry');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Don’t retry' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.callsTo('jobs:retry')).toHaveLength(0);

    fireEvent.click(retry);
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.callsTo('jobs:retry')).toHaveLength(0);

    fireEvent.click(retry);
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Retry anyway' }));
    await within(onlyItem()).findByText('Queued');
    expect(fake.callsTo('jobs:retry').map((c) => c.input)).toEqual([{ id: job.id, confirmPaidTwice: true }]);
  });

  it('retries a plain failed job at once, without asking', async () => {
    const job = jobSummary({ state: 'failed', canCancel: false, canRetry: true, message: 'WaveSpeed took too long to answer.' });
    const { fake } = await renderApp((f) => f.add(job));
    fireEvent.click(await screen.findByRole('button', { name: /^Retry job/ }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await within(onlyItem()).findByText('Queued');
    expect(fake.callsTo('jobs:retry').map((c) => c.input)).toEqual([{ id: job.id }]);
  });

  it('offers "Check the key" when the fix is a key, and it opens the settings', async () => {
    await renderApp((f) => f.add(jobSummary({ state: 'failed', canCancel: false, remedy: 'open-settings', message: 'Segmind refused the key — open Settings and check it.' })));
    await screen.findByText('Segmind refused the key — open Settings and check it.');
    expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Check the key for Hunyuan3D 2\.0/ }));
    await screen.findByRole('region', { name: 'Settings' });
  });

  it('says so when the jobs cannot be listed', async () => {
    // A real core whose library cannot be opened (its folder would have to be inside a file).
    const { createStudioForTests } = await import('../support/studio-for-tests');
    const { studio } = createStudioForTests({ dataDir: '/dev/null/studio' });
    render(<App studio={studio} />);
    const alert = await within(screen.getByRole('region', { name: 'Jobs' })).findByRole('alert');
    expect(alert.textContent).toMatch(/^The jobs could not be listed\. Studio could not open its library in \/dev\/null\/studio/);
  });
});

describe('Generate', () => {
  it('submits once however often it is clicked while the submit is on its way', async () => {
    const { fake } = await renderApp();
    choose('segmind/hunyuan-3d-2');
    typePrompt('a brass teapot');
    await waitFor(() => expect(generate().disabled).toBe(false));
    const release = fake.hold();
    fireEvent.click(generate());
    fireEvent.click(generate());
    fireEvent.doubleClick(generate());
    await waitFor(() => expect(fake.callsTo('jobs:submit')).toHaveLength(1));
    expect(generate().disabled).toBe(true);
    release();
    await waitFor(() => expect(items()).toHaveLength(1));
    await waitFor(() => expect(generate().disabled).toBe(false));
    expect(fake.callsTo('jobs:submit')).toHaveLength(1);
    within(onlyItem()).getByText('Queued');
  });

  it('sends the dropped picture’s bytes', async () => {
    const { fake } = await renderApp();
    choose('wavespeed/hunyuan3d/v2-mini');
    await dropPicture('Image', 'chair.png');
    await waitFor(() => expect(generate().disabled).toBe(false));
    fireEvent.click(generate());
    await waitFor(() => expect(fake.callsTo('jobs:submit')).toHaveLength(1));
    const sent = fake.callsTo('jobs:submit')[0]?.input as { inputs: { kind: string; image: { name: string; bytes: Uint8Array } } };
    expect(sent.inputs.kind).toBe('image');
    expect(sent.inputs.image.name).toBe('chair.png');
    expect([...sent.inputs.image.bytes]).toEqual([...png]);
  });

  it('shows a refusal as a sentence by Generate and keeps the inputs, until they change', async () => {
    const { fake } = await renderApp();
    fake.onSubmit = () => {
      throw new StudioError('invalid-input', 'chair.png is 9000 × 9000 pixels, larger than WaveSpeed accepts. Save a smaller copy and try again.');
    };
    choose('wavespeed/hunyuan3d/v2-mini');
    await dropPicture('Image', 'chair.png');
    await waitFor(() => expect(generate().disabled).toBe(false));
    fireEvent.click(generate());
    const alert = await within(screen.getByRole('banner')).findByRole('alert');
    expect(alert.textContent).toBe('chair.png is 9000 × 9000 pixels, larger than WaveSpeed accepts. Save a smaller copy and try again.');
    screen.getByText('chair.png');
    expect(items()).toHaveLength(0);
    await waitFor(() => expect(generate().disabled).toBe(false));

    await dropPicture('Image', 'smaller.png');
    expect(within(screen.getByRole('banner')).queryByRole('alert')).toBeNull();
  });

  it('rolls a new seed for each run where the dice is on and the provider has no random value', async () => {
    const { fake } = await renderApp();
    choose('local/hunyuan3d-2.1');
    await dropPicture('Image', 'chair.png');
    fireEvent.click(screen.getByRole('button', { name: 'Random each run' }));
    await waitFor(() => expect(generate().disabled).toBe(false));
    fireEvent.click(generate());
    await waitFor(() => expect(generate().disabled).toBe(false));
    fireEvent.click(generate());
    await waitFor(() => expect(fake.callsTo('jobs:submit')).toHaveLength(2));
    const seeds = fake.callsTo('jobs:submit').map((c) => (c.input as { params: { seed: number } }).params.seed);
    expect(seeds[0]).not.toBe(seeds[1]);
    for (const seed of seeds) expect(Number.isInteger(seed) && seed >= 0).toBe(true);
  });
});

describe('finished models and the preview', () => {
  const glb = { primary: 'model.glb', files: [{ name: 'model.glb', bytes: new Uint8Array([0x67, 0x6c, 0x54, 0x46]) }] };

  async function submitOne(fake: ReturnType<typeof studioWithFakeJobs>['fake']) {
    choose('segmind/hunyuan-3d-2');
    typePrompt('a brass teapot');
    await waitFor(() => expect(generate().disabled).toBe(false));
    fireEvent.click(generate());
    await waitFor(() => expect(items()).toHaveLength(1));
    const job = fake.only();
    fake.setModel(job.id, glb);
    return job;
  }

  it('fetches the model of a job submitted here when it completes', async () => {
    const { fake } = await renderApp();
    const job = await submitOne(fake);
    act(() => void fake.change(job.id, { state: 'running', progress: 0.5 }));
    expect(fake.callsTo('jobs:model')).toHaveLength(0);
    act(() => void fake.change(job.id, { state: 'completed', progress: 1, canCancel: false }));
    await waitFor(() => expect(fake.callsTo('jobs:model').map((c) => c.input)).toEqual([{ id: job.id }]));
    // A repeated event for the same completion does not open it twice.
    act(() => void fake.change(job.id, { costUsd: 0.31 }));
    expect(fake.callsTo('jobs:model')).toHaveLength(1);
  });

  it('does not replace a model the artist opened since submitting, and opens the job again on request', async () => {
    const { fake } = await renderApp();
    const job = await submitOne(fake);
    const viewport = screen.getByRole('region', { name: '3D preview' }).firstElementChild as HTMLElement;
    fireEvent.drop(viewport, { dataTransfer: { files: [new File(['solid x\nendsolid x\n'], 'mine.stl')], types: ['Files'] } });
    act(() => void fake.change(job.id, { state: 'completed', progress: 1, canCancel: false }));
    await within(onlyItem()).findByText('Completed');
    expect(fake.callsTo('jobs:model')).toHaveLength(0);

    fireEvent.click(within(onlyItem()).getByRole('button', { name: /^Open in preview:/ }));
    await waitFor(() => expect(fake.callsTo('jobs:model')).toHaveLength(1));
  });

  it('says so when a finished model cannot be fetched', async () => {
    const job = jobSummary({ state: 'completed', canCancel: false });
    await renderApp((f) => f.add(job));
    fireEvent.click(await screen.findByRole('button', { name: /^Open in preview:/ }));
    const alert = await within(screen.getByRole('region', { name: 'Jobs' })).findByRole('alert');
    expect(alert.textContent).toBe('The model of Hunyuan3D 2.0 could not be opened. This job has no model to open.');
  });
});
