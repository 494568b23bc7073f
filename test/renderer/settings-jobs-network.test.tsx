/**
 * The Jobs, Library, Export and Network groups of Settings, driven as the artist would, with the
 * real core behind the page: what Save stores, what it refuses, and what main's dialogs (stand-ins
 * here, as in the harness) bring in.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopShell } from '../../src/main/core/shell';
import { SettingsPanel } from '../../src/renderer/features/settings/SettingsPanel';
import { StudioProvider } from '../../src/renderer/studio-context';
import { createStudioForTests } from '../support/studio-for-tests';

afterEach(cleanup);

const pem = path.join(import.meta.dirname, '../unit/net/fixtures/sim-test.pem');

function renderSettings(choose: { folder?: string | null; file?: string | null } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-settings-ui-'));
  const shell: DesktopShell = {
    trash: () => Promise.resolve(),
    reveal: () => undefined,
    chooseFolder: () => Promise.resolve(choose.folder ?? null),
    chooseFile: () => Promise.resolve(choose.file ?? null),
  };
  const harness = createStudioForTests({ dataDir, shell });
  render(
    <StudioProvider value={harness.studio}>
      <SettingsPanel onClose={() => undefined} />
    </StudioProvider>,
  );
  return { ...harness, dataDir };
}

describe('Settings: Jobs and Network', () => {
  it('Save stores jobs at once, the deadline and the proxy; the next open shows them', async () => {
    const { studio } = renderSettings();
    const segmind = await screen.findByLabelText('Segmind jobs at once');
    await waitFor(() => expect(segmind).toHaveProperty('value', '4'));
    expect(screen.getByLabelText('Segmind: give up after (minutes)')).toHaveProperty('value', '55');
    fireEvent.change(segmind, { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('WaveSpeed: give up after (minutes)'), { target: { value: '90' } });
    fireEvent.change(screen.getByLabelText('HTTPS proxy'), { target: { value: 'http://proxy.example.com:8080' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved.'));
    const saved = await studio.settings.get();
    expect(saved.jobs.concurrency.segmind).toBe(3);
    expect(saved.jobs.deadlineMinutes.wavespeed).toBe(90);
    expect(saved.network.proxy).toBe('http://proxy.example.com:8080');

    cleanup();
    render(
      <StudioProvider value={studio}>
        <SettingsPanel onClose={() => undefined} />
      </StudioProvider>,
    );
    await waitFor(() => expect(screen.getByLabelText('Segmind jobs at once')).toHaveProperty('value', '3'));
    expect(screen.getByLabelText('HTTPS proxy')).toHaveProperty('value', 'http://proxy.example.com:8080');
  });

  it('refuses values out of bounds and a proxy that is not an address, saying why, with nothing saved', async () => {
    const { studio } = renderSettings();
    const segmind = await screen.findByLabelText('Segmind jobs at once');
    await waitFor(() => expect(segmind).toHaveProperty('value', '4'));
    fireEvent.change(segmind, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Not saved: Segmind jobs at once must be between 1 and 16.'));
    fireEvent.change(segmind, { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('HTTPS proxy'), { target: { value: 'proxy.example.com' } });
    expect(screen.getByText(/The proxy address is not a web address/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Not saved: The proxy address is not a web address/));
    expect((await studio.settings.get()).jobs.concurrency.segmind).toBe(4);
  });

  it('Add certificate… trusts the picked PEM file and Remove takes it away', async () => {
    const { studio } = renderSettings({ file: pem });
    fireEvent.click(await screen.findByRole('button', { name: 'Add certificate…' }));
    await screen.findByText(/^Studio now trusts the certificate of CN=segmind\.sim\.test, besides the usual ones\.$/);
    const list = screen.getByRole('list', { name: 'Trusted certificates' });
    await within(list).findByText('sim-test.pem');
    expect((await studio.settings.get()).trustedCertificates.map((c) => c.name)).toEqual(['sim-test.pem']);

    fireEvent.click(screen.getByRole('button', { name: 'Remove the certificate sim-test.pem' }));
    await screen.findByText('sim-test.pem is no longer trusted.');
    await waitFor(() => expect(within(list).queryByText('sim-test.pem')).toBeNull());
    expect((await studio.settings.get()).trustedCertificates).toEqual([]);
  });

  it('a file that is not a certificate is refused with a sentence', async () => {
    renderSettings({ file: path.join(import.meta.dirname, 'settings-jobs-network.test.tsx') });
    fireEvent.click(await screen.findByRole('button', { name: 'Add certificate…' }));
    await screen.findByText(/This file holds no certificate/);
  });
});

describe('Settings: Library and Export', () => {
  it('shows where the library is and Move… takes it to the chosen folder', async () => {
    const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'hy3d-move-ui-')), 'Library');
    const { dataDir, studio } = renderSettings({ folder: target });
    await waitFor(() => expect(screen.getByLabelText('Library folder').textContent).toBe(path.join(dataDir, 'library')));
    fireEvent.click(screen.getByRole('button', { name: 'Move…' }));
    await screen.findByText(`The library is now in ${target}.`);
    expect(screen.getByLabelText('Library folder').textContent).toBe(target);
    expect((await studio.library.location()).folder).toBe(target);
  });

  it('Change export folder… shows the folder main chose', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'hy3d-export-ui-'));
    renderSettings({ folder });
    fireEvent.click(await screen.findByRole('button', { name: 'Change export folder…' }));
    await screen.findByText('Exports go here from now on.');
    expect(screen.getByLabelText('Export folder').textContent).toBe(folder);
  });
});
