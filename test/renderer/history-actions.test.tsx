import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { libraryItem } from './support/fake-library';
import { renderAppWithFakeLibrary } from './support/render-app';

afterEach(cleanup);

const renderApp = renderAppWithFakeLibrary;

const historyRegion = () => screen.getByRole('region', { name: 'History' });
const cards = () => within(historyRegion()).queryAllByRole('gridcell').filter((c) => c.getAttribute('aria-busy') !== 'true');
const properties = () => screen.getByRole('complementary', { name: 'Properties' });
const menuItem = async (cardEl: HTMLElement, name: string) => {
  fireEvent.contextMenu(cardEl);
  return within(await screen.findByRole('menu')).getByRole('menuitem', { name });
};

describe('History actions', () => {
  it('re-runs a job: a new job in Jobs and a sentence saying so', async () => {
    const item = libraryItem();
    const { fake } = await renderApp((f) => f.add(item));
    fireEvent.click(await waitFor(() => cards()[0] as HTMLElement));
    fireEvent.click(await within(properties()).findByRole('button', { name: 'Re-run' }));
    await within(properties()).findByText(/Re-running Hunyuan3D 2\.0 with the same pictures and settings/);
    expect(fake.callsTo('library:rerun').map((c) => c.input)).toEqual([{ id: item.id }]);
    const jobs = screen.getByRole('list', { name: 'Jobs' });
    await waitFor(() => within(jobs).getByText('Queued'));
  });

  it('duplicate & tweak loads the model, its parameters, the picture and the prompt into the left panels', async () => {
    const item = libraryItem({ modelId: 'segmind/hunyuan-3d-2', inputNames: ['armchair.png'] });
    await renderApp((f) => {
      f.add(item);
      f.setParams(item.id, { octree_resolution: 384, num_inference_steps: 42, guidance_scale: 7.5, seed: 4242, texture: true });
    });
    // Another model first, so the load has to switch back.
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'wavespeed/hunyuan3d/v2.1' } });
    fireEvent.contextMenu(await waitFor(() => cards()[0] as HTMLElement));
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Duplicate & tweak' }));
    await within(historyRegion()).findByText(/Loaded the pictures and settings of Hunyuan3D 2\.0 on the left/);
    expect((screen.getByRole('combobox', { name: 'Model' }) as HTMLSelectElement).value).toBe('segmind/hunyuan-3d-2');
    const left = screen.getByRole('complementary', { name: 'Inputs and parameters' });
    await within(left).findByText('armchair.png');
    expect((within(left).getAllByLabelText('Inference steps')[0] as HTMLInputElement).value).toBe('42');
    expect((within(left).getAllByLabelText('Seed')[0] as HTMLInputElement).value).toBe('4242');
  });

  it('moves a job to the trash from its menu and forgets one whose folder is gone', async () => {
    const kept = libraryItem({ inputNames: ['kept.png'] });
    const binned = libraryItem({ inputNames: ['binned.png'], createdAt: kept.createdAt - 1 });
    const gone = libraryItem({ inputNames: ['gone.png'], missing: true, createdAt: kept.createdAt - 2 });
    const { fake } = await renderApp((f) => f.add(kept, binned, gone));
    await waitFor(() => expect(cards()).toHaveLength(3));
    const binnedCard = cards().find((c) => c.title === 'binned.png') as HTMLElement;
    fireEvent.click(await menuItem(binnedCard, 'Move to trash'));
    await within(historyRegion()).findByText(/Moved to the trash/);
    expect(fake.callsTo('library:trash').map((c) => c.input)).toEqual([{ id: binned.id }]);

    const goneCard = cards().find((c) => c.title === 'gone.png') as HTMLElement;
    within(goneCard).getByText('Folder missing');
    fireEvent.click(within(goneCard).getByRole('button', { name: /^Forget / }));
    await waitFor(() => expect(cards().map((c) => c.title)).toEqual(['kept.png']));
    expect(fake.callsTo('library:forget').map((c) => c.input)).toEqual([{ id: gone.id }]);
  });

  it('reveals a job’s folder through main', async () => {
    const item = libraryItem();
    const { fake } = await renderApp((f) => f.add(item));
    fireEvent.click(await menuItem(await waitFor(() => cards()[0] as HTMLElement), 'Reveal in folder'));
    await waitFor(() => expect(fake.callsTo('library:reveal')).toHaveLength(1));
  });
});

describe('the Export panel', () => {
  it('exports the selected job in the chosen format, then offers Reveal in folder', async () => {
    const item = libraryItem();
    const { fake } = await renderApp((f) => f.add(item));
    const exportButton = within(properties()).getByRole('button', { name: 'Export…' }) as HTMLButtonElement;
    expect(exportButton.disabled).toBe(true);
    fireEvent.click(await waitFor(() => cards()[0] as HTMLElement));
    await waitFor(() => expect(exportButton.disabled).toBe(false));
    fireEvent.click(exportButton);
    const panel = await within(properties()).findByRole('region', { name: 'Export' });
    const format = within(panel).getByRole('combobox', { name: 'Format' }) as HTMLSelectElement;
    await waitFor(() => expect(format.options.length).toBe(6));
    expect((within(format).getByRole('option', { name: /^FBX/ }) as HTMLOptionElement).disabled).toBe(true);
    await within(panel).findByText('/home/artist/Models');
    fireEvent.change(format, { target: { value: 'obj' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Export' }));
    const status = await within(panel).findByRole('status');
    expect(status.textContent).toContain('Exported 1 model to /home/artist/Models.');
    expect(fake.callsTo('export:run').map((c) => c.input)).toEqual([{ ids: [item.id], format: 'obj', nameTemplate: '{model}-{date}-{seed}', sidecar: true, units: 'm', upAxis: 'y' }]);
    fireEvent.click(within(status).getByRole('button', { name: 'Reveal in folder' }));
    await waitFor(() => expect(fake.callsTo('export:reveal')).toHaveLength(1));
  });

  it('exports a multi-selection in one go, with the options chosen', async () => {
    const a = libraryItem();
    const b = libraryItem({ createdAt: a.createdAt - 1 });
    const { fake } = await renderApp((f) => f.add(a, b));
    await waitFor(() => expect(cards()).toHaveLength(2));
    fireEvent.click(cards()[0] as HTMLElement);
    fireEvent.click(cards()[1] as HTMLElement, { ctrlKey: true });
    await within(properties()).findByText(/2 jobs selected/);
    fireEvent.click(within(properties()).getByRole('button', { name: 'Export…' }));
    const panel = await within(properties()).findByRole('region', { name: 'Export' });
    await within(panel).findByText('/home/artist/Models');
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Units' }), { target: { value: 'mm' } });
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Up axis' }), { target: { value: 'z' } });
    fireEvent.click(within(panel).getByRole('checkbox', { name: /Simplify to/ }));
    fireEvent.change(within(panel).getByRole('spinbutton', { name: 'Triangles after simplifying' }), { target: { value: '20000' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Choose…' }));
    await within(panel).findByText('/home/artist/Exports');
    fireEvent.click(within(panel).getByRole('button', { name: 'Export' }));
    await within(panel).findByText(/Exported 2 models to \/home\/artist\/Exports\./);
    expect(fake.callsTo('export:run')[0]?.input).toEqual({ ids: [a.id, b.id], format: 'glb', nameTemplate: '{model}-{date}-{seed}', sidecar: true, units: 'mm', upAxis: 'z', simplifyTo: 20000 });
  });

  it('says what went wrong when the disk is full, without Reveal in folder', async () => {
    const item = libraryItem();
    const { fake } = await renderApp((f) => {
      f.add(item);
      f.onExport = (input) => ({ folder: f.folder, results: input.ids.map((id) => ({ id, ok: false, files: [], message: 'The disk is full.' })), message: 'Nothing was exported: the disk is full. Free some space and try again.' });
    });
    fireEvent.click(await waitFor(() => cards()[0] as HTMLElement));
    const exportButton = within(properties()).getByRole('button', { name: 'Export…' }) as HTMLButtonElement;
    await waitFor(() => expect(exportButton.disabled).toBe(false));
    fireEvent.click(exportButton);
    const panel = await within(properties()).findByRole('region', { name: 'Export' });
    await within(panel).findByText('/home/artist/Models');
    fireEvent.click(within(panel).getByRole('button', { name: 'Export' }));
    const alert = await within(panel).findByRole('alert');
    expect(alert.textContent).toContain('the disk is full');
    expect(within(panel).queryByRole('button', { name: 'Reveal in folder' })).toBeNull();
    expect(fake.callsTo('export:run')).toHaveLength(1);
  });
});
