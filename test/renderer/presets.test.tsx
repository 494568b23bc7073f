/** Named presets in the Parameters panel, kept by the real core (in its data dir). */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { createStudioForTests } from '../support/studio-for-tests';

afterEach(cleanup);

async function renderApp(harness = createStudioForTests()) {
  render(<App studio={harness.studio} />);
  await screen.findByRole('combobox', { name: 'Model', busy: false });
  return harness;
}
const params = () => screen.getByRole('region', { name: 'Parameters' });
const choose = (id: string) => fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: id } });
const field = (name: string) => within(params()).getByLabelText(name) as HTMLInputElement;
const presetBox = () => within(params()).getByRole('combobox', { name: 'Preset' }) as HTMLSelectElement;
const savePreset = async (name: string) => {
  fireEvent.change(within(params()).getByRole('textbox', { name: 'Preset name' }), { target: { value: name } });
  fireEvent.click(within(params()).getByRole('button', { name: 'Save preset' }));
  await within(params()).findByText(new RegExp(`^Saved “${name}”`));
};

describe('presets', () => {
  it('saves the fields under a name, applies them again, and survives a restart', async () => {
    const harness = await renderApp();
    choose('segmind/hunyuan-3d-2');
    fireEvent.change(field('Inference steps'), { target: { value: '42' } });
    // Lock the seed (it starts as "new each run") and keep this one.
    fireEvent.click(within(params()).getByRole('button', { name: 'Random each run' }));
    fireEvent.change(field('Seed'), { target: { value: '4242' } });
    await savePreset('Fine');
    expect([...presetBox().options].map((o) => o.text)).toEqual(['Choose a preset…', 'Fine']);

    fireEvent.click(within(params()).getByRole('button', { name: 'Reset to defaults' }));
    expect(field('Inference steps').value).toBe('30');
    fireEvent.change(presetBox(), { target: { value: 'Fine' } });
    expect(field('Inference steps').value).toBe('42');
    expect(field('Seed').value).toBe('4242');
    expect(within(params()).getByRole('button', { name: 'Random each run' }).getAttribute('aria-pressed')).toBe('false');

    cleanup();
    await renderApp(harness);
    await waitFor(() => expect([...presetBox().options].map((o) => o.text)).toContain('Fine'));
  });

  it('keeps a dice seed rolling after it is applied', async () => {
    await renderApp();
    choose('local/hunyuan3d-2.1');
    const dice = () => within(params()).getByRole('button', { name: 'Random each run' });
    if (dice().getAttribute('aria-pressed') !== 'true') fireEvent.click(dice());
    await savePreset('Loose');
    fireEvent.click(dice());
    expect(dice().getAttribute('aria-pressed')).toBe('false');
    fireEvent.change(presetBox(), { target: { value: 'Loose' } });
    expect(dice().getAttribute('aria-pressed')).toBe('true');
  });

  it('lists only the chosen model’s presets, and deletes the chosen one', async () => {
    await renderApp();
    choose('segmind/hunyuan-3d-2');
    await savePreset('Mine');
    choose('local/hunyuan3d-2.1');
    await waitFor(() => expect([...presetBox().options].map((o) => o.text)).toEqual(['No presets yet']));
    expect((within(params()).getByRole('button', { name: 'Delete preset' }) as HTMLButtonElement).disabled).toBe(true);
    choose('segmind/hunyuan-3d-2');
    fireEvent.change(presetBox(), { target: { value: 'Mine' } });
    fireEvent.click(within(params()).getByRole('button', { name: 'Delete preset' }));
    await within(params()).findByText('Deleted “Mine”.');
    expect([...presetBox().options].map((o) => o.text)).toEqual(['No presets yet']);
  });

  it('says why a preset cannot be saved', async () => {
    await renderApp();
    choose('segmind/hunyuan-3d-2');
    fireEvent.change(field('Inference steps'), { target: { value: '500' } });
    fireEvent.change(within(params()).getByRole('textbox', { name: 'Preset name' }), { target: { value: 'Too far' } });
    fireEvent.click(within(params()).getByRole('button', { name: 'Save preset' }));
    const alert = await within(params()).findByRole('alert');
    expect(alert.textContent).toMatch(/^Fix the parameters first\. Inference steps/);
  });
});
