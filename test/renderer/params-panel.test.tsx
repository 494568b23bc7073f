import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { catalog, findModel, type CatalogModel, type ParamSpec } from '../../src/shared/catalog';
import { createStudioForTests } from '../support/studio-for-tests';
import { studioWithFakeJobs } from './support/fake-jobs';

afterEach(cleanup);

async function renderApp() {
  const harness = createStudioForTests();
  render(<App studio={harness.studio} />);
  // The saved choice arrives asynchronously (the picker is busy until then); wait for it so it
  // cannot land over a test's own pick.
  await screen.findByRole('combobox', { name: 'Model', busy: false });
  return harness;
}

function choose(id: string) {
  fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: id } });
}

const model = (id: string) => findModel(id) as CatalogModel;
const param = (m: CatalogModel, key: string) => m.params.find((p) => p.key === key) as ParamSpec;
const numberField = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const generate = () => screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement;

describe('the parameters panel', () => {
  it('shows a field named by its display name for every parameter of every catalog model', async () => {
    await renderApp();
    for (const m of catalog) {
      choose(m.id);
      const panel = screen.getByRole('region', { name: 'Parameters' });
      for (const p of m.params) {
        const field = within(panel).getByLabelText(p.label);
        if (p.type === 'number' || p.type === 'integer') {
          expect(field).toHaveProperty('value', String(p.default));
          expect(panel.querySelector(`[data-slider-for="${p.key}"]`)).toHaveProperty('max', String(p.max));
        }
        if (p.type === 'seed') expect(field).toHaveProperty('value', String(p.default));
        if (p.type === 'boolean') expect(field.getAttribute('role')).toBe('switch');
        if (p.type === 'enum') expect(field.getAttribute('role') ?? field.tagName.toLowerCase()).toMatch(/radiogroup|select/);
      }
      if (m.params.length === 0) within(panel).getByText(/has no parameters to set/);
    }
  });

  it('names the field in its sentence when a value is out of range, and Generate waits for a fix', async () => {
    await renderApp();
    choose('segmind/hunyuan-3d-2');
    fireEvent.change(screen.getByLabelText('Prompt'), { target: { value: 'a brass teapot' } });
    await waitFor(() => expect(generate().disabled).toBe(false));

    fireEvent.change(numberField('Inference steps'), { target: { value: '99' } });
    const sentence = screen.getByText('Inference steps must be between 20 and 50.');
    const field = numberField('Inference steps');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(sentence.id);
    expect(generate().disabled).toBe(true);
    expect(generate().title).toContain('Inference steps must be between 20 and 50.');

    fireEvent.change(field, { target: { value: '' } });
    screen.getByText('Inference steps must be a whole number.');
    fireEvent.change(field, { target: { value: '42' } });
    expect(screen.queryByText(/Inference steps must/)).toBeNull();
    expect(generate().disabled).toBe(false);
  });

  it('opens Advanced when a value hidden there is wrong', async () => {
    await renderApp();
    choose('segmind/hunyuan3d-2mv');
    const details = screen.getByText('Advanced').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    fireEvent.change(numberField('Chunks'), { target: { value: '10' } });
    expect(details.open).toBe(true);
    screen.getByText('Chunks must be between 1,000 and 5,000,000.');
  });

  it('moves the number field with the slider', async () => {
    await renderApp();
    choose('segmind/hunyuan-3d-2');
    fireEvent.change(document.querySelector('[data-slider-for="guidance_scale"]') as HTMLInputElement, { target: { value: '9.5' } });
    expect(numberField('Guidance scale').value).toBe('9.5');
  });

  it('puts every value back to the catalog default with Reset to defaults', async () => {
    await renderApp();
    const m = model('segmind/hunyuan3d-2mv');
    choose(m.id);
    fireEvent.change(numberField('Inference steps'), { target: { value: '77' } });
    fireEvent.change(numberField('Guidance scale'), { target: { value: '300' } });
    fireEvent.click(within(screen.getByLabelText('File type')).getByRole('radio', { name: 'obj' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Remove background' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset to defaults' }));

    expect(numberField('Inference steps').value).toBe(String(param(m, 'steps').default));
    expect(numberField('Guidance scale').value).toBe(String(param(m, 'guidance_scale').default));
    expect(within(screen.getByLabelText('File type')).getByRole('radio', { name: 'glb' })).toHaveProperty('checked', true);
    expect(screen.getByRole('switch', { name: 'Remove background' })).toHaveProperty('checked', true);
    expect(screen.queryByText(/must be/)).toBeNull();
  });

  it('sets enums by segment or, with many values, by a select; and booleans by switch', async () => {
    await renderApp();
    choose('segmind/hunyuan-3d-2');
    const octree = screen.getByRole('radiogroup', { name: 'Octree resolution' });
    fireEvent.click(within(octree).getByRole('radio', { name: '512' }));
    expect(within(octree).getByRole('radio', { name: '512' })).toHaveProperty('checked', true);
    expect(within(octree).getByRole('radio', { name: '256' })).toHaveProperty('checked', false);
    const texture = screen.getByRole('switch', { name: 'Texture' });
    expect(texture).toHaveProperty('checked', false);
    fireEvent.click(texture);
    expect(screen.getByRole('switch', { name: 'Texture' })).toHaveProperty('checked', true);

    choose('vtrix/tencent_hunyuan_3d');
    const format = screen.getByRole('combobox', { name: 'Result format' }) as HTMLSelectElement;
    within(format).getByRole('option', { name: 'MP4 (turntable video)' });
    fireEvent.change(format, { target: { value: '3' } });
    expect(format.selectedOptions[0]?.textContent).toBe('USDZ');
  });

  it('keeps the seed random with the dice and a rolled seed with the lock', async () => {
    await renderApp();
    choose('wavespeed/hunyuan3d/v2-multi-view');
    const dice = screen.getByRole('button', { name: 'Random each run' });
    expect(dice.getAttribute('aria-pressed')).toBe('true');
    expect(numberField('Seed').value).toBe('-1');
    expect(numberField('Seed').readOnly).toBe(true);

    fireEvent.click(dice);
    expect(dice.getAttribute('aria-pressed')).toBe('false');
    const kept = Number(numberField('Seed').value);
    expect(kept).toBeGreaterThanOrEqual(0);
    expect(numberField('Seed').readOnly).toBe(false);
    fireEvent.change(numberField('Seed'), { target: { value: '1234' } });
    fireEvent.click(dice);
    expect(numberField('Seed').value).toBe('-1');
  });

  it('remembers each model’s values while switching between models', async () => {
    await renderApp();
    choose('segmind/hunyuan-3d-2');
    fireEvent.change(numberField('Inference steps'), { target: { value: '44' } });
    choose('local/hunyuan3d-2.1');
    expect(numberField('Inference steps').value).toBe('5');
    fireEvent.change(numberField('Inference steps'), { target: { value: '12' } });
    choose('segmind/hunyuan-3d-2');
    expect(numberField('Inference steps').value).toBe('44');
    choose('local/hunyuan3d-2.1');
    expect(numberField('Inference steps').value).toBe('12');
  });

  it('sends the values shown with Generate', async () => {
    const { studio, fake } = studioWithFakeJobs();
    render(<App studio={studio} />);
    await screen.findByRole('combobox', { name: 'Model', busy: false });
    choose('segmind/hunyuan-3d-2');
    fireEvent.change(screen.getByLabelText('Prompt'), { target: { value: 'a paper lantern' } });
    fireEvent.change(numberField('Inference steps'), { target: { value: '42' } });
    await waitFor(() => expect(generate().disabled).toBe(false));
    fireEvent.click(generate());
    await waitFor(() => expect(fake.callsTo('jobs:submit')).toHaveLength(1));
    const sent = fake.callsTo('jobs:submit')[0]?.input as { modelId: string; params: Record<string, unknown>; inputs: unknown };
    expect(sent.modelId).toBe('segmind/hunyuan-3d-2');
    expect(sent.params).toMatchObject({ num_inference_steps: 42, seed: -1, octree_resolution: 256 });
    expect(sent.inputs).toEqual({ kind: 'text', text: 'a paper lantern' });
  });
});
