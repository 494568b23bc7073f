/** The page's keyboard: the shortcut registry as an artist meets it, over the real core (happy-dom). */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App';
import { isMacPlatform, shortcutFor, shortcutKeys } from '../../src/renderer/features/shortcuts/keys';
import { createStudioForTests } from '../support/studio-for-tests';
import { libraryItem, studioWithFakeLibrary } from './support/fake-library';
import { appCommandEvent } from '../../src/main/core/app-menu';
import type { AppCommand, StudioApi } from '../../src/shared/ipc';

afterEach(cleanup);

async function renderApp() {
  const { studio } = createStudioForTests();
  render(<App studio={studio} />);
  await screen.findByRole('combobox', { name: 'Model', busy: false });
  return studio;
}

const press = (target: Element, key: string, mods: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean } = {}) =>
  fireEvent.keyDown(target, { key, bubbles: true, cancelable: true, ...mods });

describe('keyboard shortcuts in the page', () => {
  it('lists every shortcut on ?, but not while the artist types a ? into a field', async () => {
    await renderApp();
    const search = screen.getByRole('searchbox', { name: 'Search history' });
    search.focus();
    press(search, '?', { shiftKey: true });
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();

    press(document.body, '?', { shiftKey: true });
    const list = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const text = list.textContent ?? '';
    for (const keys of ['Ctrl+Enter', 'Ctrl+E', 'Ctrl+,', 'Escape', 'Numpad 1', 'Ctrl+Numpad 1', 'Numpad 3', 'Numpad 7', 'Numpad 5', 'Home', 'Z']) expect(text).toContain(keys);
    expect(list.contains(document.activeElement)).toBe(true);

    press(document.activeElement ?? document.body, 'Escape');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull());
  });

  it('opens Settings on Ctrl+, even from a text field, moves focus into it, and closes it on Escape back to where focus was', async () => {
    await renderApp();
    const search = screen.getByRole('searchbox', { name: 'Search history' });
    search.focus();
    press(search, ',', { ctrlKey: true });
    const sheet = await screen.findByRole('region', { name: 'Settings' });
    expect(sheet.contains(document.activeElement)).toBe(true);

    press(document.activeElement ?? document.body, 'Escape');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull());
    expect(document.activeElement).toBe(search);
  });

  it('closes only the last thing opened on Escape: the shortcut list over Settings', async () => {
    await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('region', { name: 'Settings' });
    fireEvent.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });

    press(document.body, 'Escape');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull());
    expect(screen.getByRole('region', { name: 'Settings' })).toBeTruthy();
    press(document.body, 'Escape');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull());
  });

  it('keeps Tab inside the shortcut list while it is open', async () => {
    await renderApp();
    press(document.body, '?', { shiftKey: true });
    const list = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const done = within(list).getByRole('button', { name: 'Done' });
    expect(document.activeElement).toBe(done);
    press(done, 'Tab');
    expect(list.contains(document.activeElement)).toBe(true);
    press(done, 'Tab', { shiftKey: true });
    expect(list.contains(document.activeElement)).toBe(true);
  });

  it('says why Ctrl+Enter cannot generate yet instead of doing nothing', async () => {
    await renderApp();
    const generate = screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement;
    expect(generate.disabled).toBe(true);
    press(document.body, 'Enter', { ctrlKey: true });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(generate.title);
    expect(alert.textContent).toMatch(/needs/);
  });

  it('names the shortcut in the tooltips', async () => {
    await renderApp();
    expect(screen.getByRole('button', { name: 'Settings' }).title).toBe('Settings (Ctrl+,)');
  });
});

/**
 * The app over `studio` (the real core unless given), plus the one thing only Electron's menu does:
 * send `app:command`, built as menu.ts builds it. Everything else goes through unchanged.
 */
async function renderAppWithMenu(studio: StudioApi = createStudioForTests().studio) {
  const menuListeners = new Set<(payload: unknown) => void>();
  const withMenu = {
    ...studio,
    on: (event, listener) => {
      if (event !== 'app:command') return studio.on(event, listener);
      const l = listener as (payload: unknown) => void;
      menuListeners.add(l);
      return () => menuListeners.delete(l);
    },
  } as StudioApi;
  render(<App studio={withMenu} />);
  await screen.findByRole('combobox', { name: 'Model', busy: false });
  const choose = (command: AppCommand) => act(() => {
    for (const l of menuListeners) l(structuredClone(appCommandEvent(command)));
  });
  return { choose, studio, listening: () => menuListeners.size };
}

describe('the app menu in the page', () => {
  it('File → Settings… opens Settings with focus in it, like Ctrl+,', async () => {
    const { choose } = await renderAppWithMenu();
    expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull();
    choose('settings');
    const sheet = await screen.findByRole('region', { name: 'Settings' });
    expect(sheet.contains(document.activeElement)).toBe(true);
  });

  it('Help → Keyboard Shortcuts shows the list, which names Open Model\'s Ctrl+O too', async () => {
    const { choose } = await renderAppWithMenu();
    choose('shortcuts');
    const list = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(list.textContent).toContain('Ctrl+O');
    expect(list.textContent).toContain('Open a model file in the 3D preview');
  });

  it('File → Generate runs Generate\'s checks: with no picture it says what is missing and sends nothing', async () => {
    const { choose, studio } = await renderAppWithMenu();
    const generate = screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement;
    expect(generate.disabled).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
    choose('generate');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(generate.title);
    expect(await studio.jobs.list()).toEqual([]);
  });

  it('File → Export… does nothing with no job selected, and opens the Export panel for a selected one', async () => {
    const { studio, fake } = studioWithFakeLibrary();
    fake.add(libraryItem());
    const { choose, listening } = await renderAppWithMenu(studio);
    expect(listening()).toBe(1);
    const properties = screen.getByRole('complementary', { name: 'Properties' });
    choose('export');
    expect(within(properties).queryByRole('region', { name: 'Export' })).toBeNull();

    const history = screen.getByRole('region', { name: 'History' });
    const card = () => within(history).queryAllByRole('gridcell').find((c) => c.getAttribute('aria-busy') !== 'true');
    await waitFor(() => expect(card()).toBeDefined());
    fireEvent.click(card() as HTMLElement);
    await waitFor(() => expect((within(properties).getByRole('button', { name: 'Export…' }) as HTMLButtonElement).disabled).toBe(false));
    choose('export');
    const panel = await within(properties).findByRole('region', { name: 'Export' });
    expect(panel.contains(document.activeElement)).toBe(true);
  });
});

describe('the shortcut keys themselves', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}, target: EventTarget | null = null) => ({
    key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, target, ...mods,
  });

  it('uses Cmd on macOS and Ctrl elsewhere, and says so', () => {
    expect(shortcutFor(key('Enter', { metaKey: true }), true)).toBe('generate');
    expect(shortcutFor(key('Enter', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(key('Enter', { ctrlKey: true }), false)).toBe('generate');
    expect(shortcutFor(key('E', { ctrlKey: true }), false)).toBe('export');
    expect(shortcutFor(key('e', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(shortcutKeys('generate', true)).toBe('Cmd+Enter');
    expect(shortcutKeys('export', false)).toBe('Ctrl+E');
    expect(isMacPlatform({ userAgentData: { platform: 'macOS' } })).toBe(true);
    expect(isMacPlatform({ platform: 'MacIntel' })).toBe(true);
    expect(isMacPlatform({ platform: 'Win32' })).toBe(false);
  });

  it('never fires ? while typing, in any kind of text field', () => {
    const fields = [document.createElement('textarea'), document.createElement('select'), Object.assign(document.createElement('input'), { type: 'text' }), Object.assign(document.createElement('input'), { type: 'number' })];
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    document.body.append(editable);
    for (const f of [...fields, editable]) expect(shortcutFor(key('?', { shiftKey: true }, f), false), f.tagName).toBeNull();
    expect(shortcutFor(key('?', { shiftKey: true }, Object.assign(document.createElement('input'), { type: 'checkbox' })), false)).toBe('shortcuts');
    expect(shortcutFor(key('?', { shiftKey: true }, document.body), false)).toBe('shortcuts');
    // Command-key shortcuts do work from a text field: Ctrl+Enter generates from the Prompt.
    expect(shortcutFor(key('Enter', { ctrlKey: true }, fields[0] ?? null), false)).toBe('generate');
    editable.remove();
  });
});
