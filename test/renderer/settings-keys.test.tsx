import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryVault } from '../../src/main/core/keys';
import { SettingsPanel } from '../../src/renderer/features/settings/SettingsPanel';
import { StudioProvider } from '../../src/renderer/studio-context';
import { createStudioForTests } from '../support/studio-for-tests';
import { startSimulator } from '../sim/server';

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
afterEach(cleanup);

function renderSettings(vault = new MemoryVault()) {
  const harness = createStudioForTests({ vault, env: { HY3D_ENDPOINT_WAVESPEED: sim.url } });
  render(
    <StudioProvider value={harness.studio}>
      <SettingsPanel onClose={() => undefined} />
    </StudioProvider>,
  );
  return { ...harness, vault };
}

/** Everything the page holds: markup plus the live values of its inputs (not in innerHTML). */
const pageText = (): string =>
  document.body.innerHTML + [...document.querySelectorAll('input')].map((input) => input.value).join('\n');

describe('API keys in Settings', () => {
  it('saves a typed key with Save, shows only its last 4, and keeps the key out of the page', async () => {
    const key = 'SG_ui_secret_key_9876';
    const { vault, replies } = renderSettings();
    for (const name of ['Segmind API key', 'WaveSpeed API key', 'Vtrix API key']) {
      expect(screen.getByLabelText(name)).toHaveProperty('type', 'password');
    }
    fireEvent.change(screen.getByLabelText('Segmind API key'), { target: { value: key } });
    expect(document.body.innerHTML).not.toContain(key);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByText('Saved — ends in 9876');
    expect((await vault.get('segmind'))?.key).toBe(key);
    expect(screen.getByLabelText('Segmind API key')).toHaveProperty('value', '');
    expect(screen.getByRole('status').textContent).toBe('Saved.');
    expect(pageText()).not.toContain(key);
    expect(JSON.stringify(replies)).not.toContain(key);
  });

  it('shows a key saved earlier, tests it and removes it', async () => {
    const { vault } = renderSettings(new MemoryVault({ wavespeed: { key: 'ws_0123456789abcdef4455', origin: new URL(sim.url).origin } }));
    await screen.findByText('Saved — ends in 4455');
    expect(screen.getByRole('button', { name: 'Test the Segmind key' })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: 'Test the WaveSpeed key' }));
    await screen.findByText('WaveSpeed accepted this key.');

    fireEvent.click(screen.getByRole('button', { name: 'Remove the WaveSpeed key' }));
    await waitFor(() => expect(screen.queryByText('Saved — ends in 4455')).toBeNull());
    expect(await vault.get('wavespeed')).toBeNull();
    expect(pageText()).not.toContain('ws_0123456789abcdef4455');
  });

  it('says what is wrong with a pasted key without echoing it', async () => {
    renderSettings();
    fireEvent.change(screen.getByLabelText('Vtrix API key'), { target: { value: 'vtx with spaces 1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const sheet = screen.getByRole('region', { name: 'Settings' });
    await within(sheet).findAllByText('A Vtrix API key has no spaces or line breaks. Check that only the key was pasted.');
    expect(document.body.innerHTML).not.toContain('vtx with spaces');
    // Left in the field to be corrected, but only as the field's live value.
    expect(screen.getByLabelText('Vtrix API key')).toHaveProperty('value', 'vtx with spaces 1234');
  });
});

describe('the self-hosted server in Settings', () => {
  it('says whether the server at the saved address answers', async () => {
    const testServerAt = (env: Record<string, string>) => {
      render(
        <StudioProvider value={createStudioForTests({ env }).studio}>
          <SettingsPanel onClose={() => undefined} />
        </StudioProvider>,
      );
      fireEvent.click(screen.getByRole('button', { name: 'Test your server' }));
    };
    testServerAt({ HY3D_ENDPOINT_LOCAL: sim.url });
    await screen.findByText(`A Hunyuan3D 2.1 server answered at ${sim.url.replace(/\/+$/, '')}.`);
    cleanup();

    testServerAt({});
    await screen.findByText('No Hunyuan3D server answered at http://127.0.0.1:9. Check that it is running and that the address is right.');
  });
});
