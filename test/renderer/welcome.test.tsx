/** The first-run welcome in the empty 3D preview, over the real core (happy-dom). */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { createStudioForTests } from '../support/studio-for-tests';

afterEach(cleanup);

async function renderApp(studio = createStudioForTests().studio) {
  render(<App studio={studio} />);
  await screen.findByRole('combobox', { name: 'Model', busy: false });
  return studio;
}

describe('the first-run welcome', () => {
  it('explains keys where the empty preview is, links each provider’s key page, and leaves the rest of the studio working', async () => {
    await renderApp();
    const preview = screen.getByRole('region', { name: '3D preview' });
    const welcome = await within(preview).findByRole('region', { name: 'Welcome' });
    expect(welcome.textContent).toMatch(/password from the provider/);
    expect(welcome.textContent).toMatch(/keychain/);
    expect(welcome.textContent).toMatch(/self-hosted address/);
    const links = within(welcome).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['Segmind API keys', 'WaveSpeed API keys', 'Vtrix API keys']);
    for (const a of links) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(a.getAttribute('target')).toBe('_blank');
    }
    // Not a modal: the header and History stay in reach.
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(await screen.findByRole('region', { name: 'Settings' })).toBeTruthy();
  });

  it('opens Settings on the first key field, and goes away once a key is saved', async () => {
    await renderApp();
    const welcome = await screen.findByRole('region', { name: 'Welcome' });
    fireEvent.click(within(welcome).getByRole('button', { name: 'Add your API key…' }));
    await screen.findByRole('region', { name: 'Settings' });
    expect(document.activeElement).toBe(screen.getByLabelText('Segmind API key'));

    fireEvent.change(screen.getByLabelText('Segmind API key'), { target: { value: 'sg-welcome-test-key-0001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Welcome' })).toBeNull());
  });

  it('stays away after Not now, also the next time the studio opens', async () => {
    const studio = await renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Not now' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Welcome' })).toBeNull());
    await waitFor(async () => expect((await studio.settings.get()).welcomeDismissed).toBe(true));
    cleanup();
    await renderApp(studio);
    // The default hint is back in its place instead.
    expect(screen.queryByRole('region', { name: 'Welcome' })).toBeNull();
  });

  it('does not show for an artist who already saved a key or a self-hosted address', async () => {
    const withKey = createStudioForTests().studio;
    await withKey.keys.set({ provider: 'vtrix', key: 'vtx-already-saved-0001' });
    await renderApp(withKey);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('region', { name: 'Welcome' })).toBeNull();
    // It was listening all along: with the key removed, the welcome is back.
    await withKey.keys.delete({ provider: 'vtrix' });
    expect(await screen.findByRole('region', { name: 'Welcome' })).toBeTruthy();
    cleanup();

    const selfHosted = createStudioForTests().studio;
    await selfHosted.settings.set({ endpoints: { local: 'http://127.0.0.1:8081' } });
    await renderApp(selfHosted);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('region', { name: 'Welcome' })).toBeNull();
    await selfHosted.settings.set({ endpoints: {} });
    expect(await screen.findByRole('region', { name: 'Welcome' })).toBeTruthy();
  });
});
