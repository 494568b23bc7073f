import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { createStudioForTests as studioOverRealCore } from '../support/studio-for-tests';

afterEach(cleanup);

describe('the studio layout', () => {
  it('has the regions and controls tests and screen readers rely on', async () => {
    const { studio } = studioOverRealCore();
    render(<App studio={studio} />);
    expect(screen.getByRole('combobox', { name: 'Model' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Generate' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export…' })).toBeTruthy();
    expect(screen.getByRole('region', { name: '3D preview' })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Jobs' })).toBeTruthy();
    const history = screen.getByRole('region', { name: 'History' });
    expect(within(history).getByRole('searchbox', { name: 'Search history' })).toBeTruthy();
    for (const name of ['Inputs', 'Parameters', 'Properties']) expect(screen.getByRole('heading', { name })).toBeTruthy();
  });

  it('explains, instead of crashing, when there is no WebGL for the 3D preview', async () => {
    const { studio } = studioOverRealCore();
    render(<App studio={studio} />);
    const preview = screen.getByRole('region', { name: '3D preview' });
    expect((await within(preview).findByRole('status')).textContent).toMatch(/needs WebGL/);
  });

  it('restores the saved layout sizes', async () => {
    const { studio } = studioOverRealCore();
    await studio.settings.set({ layout: { leftWidth: 420, rightWidth: 250, bottomHeight: 300 } });
    const { container } = render(<App studio={studio} />);
    const grid = container.querySelector('.app') as HTMLElement;
    await waitFor(() => expect(grid.style.gridTemplateColumns).toBe('420px 4px 1fr 4px 250px'));
    expect(grid.style.gridTemplateRows).toContain('300px');
  });

  it('saves a resized panel from the keyboard', async () => {
    const { studio } = studioOverRealCore();
    render(<App studio={studio} />);
    const splitter = screen.getByRole('separator', { name: 'Resize left panel' });
    await waitFor(async () => expect((await studio.settings.get()).layout.leftWidth).toBe(300));
    splitter.focus();
    splitter.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await waitFor(async () => expect((await studio.settings.get()).layout.leftWidth).toBe(310));
  });
});
