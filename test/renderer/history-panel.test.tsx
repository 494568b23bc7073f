import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { libraryItem, manyItems } from './support/fake-library';
import { renderAppWithFakeLibrary } from './support/render-app';

afterEach(cleanup);

const renderApp = renderAppWithFakeLibrary;

const historyRegion = () => screen.getByRole('region', { name: 'History' });
const grid = () => within(historyRegion()).getByRole('grid', { name: 'History results' });
const cards = () => within(grid()).queryAllByRole('gridcell').filter((c) => c.getAttribute('aria-busy') !== 'true');
const card = (name: RegExp) => within(grid()).getByRole('gridcell', { name });
const properties = () => screen.getByRole('complementary', { name: 'Properties' });
const search = () => within(historyRegion()).getByRole('searchbox', { name: 'Search history' });

describe('the History region', () => {
  it('says where results will be when there are none', async () => {
    await renderApp();
    await within(historyRegion()).findByText(/Everything you generate is kept here, offline\. Nothing yet/);
    expect(within(historyRegion()).queryByRole('grid')).toBeNull();
  });

  it('shows each job as a card with its thumbnails, model, date, state and cost', async () => {
    const ok = libraryItem({ modelLabel: 'Hunyuan3D 2.0', costUsd: 0.31, resultThumbnail: 'data:image/webp;base64,UklGRg==' });
    const failed = libraryItem({ modelLabel: 'Hunyuan3D 2.1', provider: 'wavespeed', state: 'failed', costUsd: null, createdAt: ok.createdAt - 1000 });
    await renderApp((f) => f.add(ok, failed));
    await waitFor(() => expect(cards()).toHaveLength(2));
    const first = card(/^Hunyuan3D 2\.0, .*, Completed$/);
    within(first).getByText('$0.31');
    // A tick for Completed, so the date, state and cost fit the card's one line.
    expect(within(first).getByTitle('Completed').textContent).toBe('✓');
    const pictures = first.querySelectorAll('img');
    expect([...pictures].map((i) => i.getAttribute('src'))).toEqual([ok.inputThumbnail, ok.resultThumbnail]);
    within(card(/^Hunyuan3D 2\.1, .*, Failed$/)).getByText('Failed');
    within(historyRegion()).getByText('2 jobs');
  });
});

describe('History at 10 000 jobs', () => {
  it('renders only the rows in view and fetches pages as the grid scrolls towards them', async () => {
    const all = manyItems(10_000);
    const { fake } = await renderApp((f) => f.add(...all));
    await waitFor(() => expect(cards().length).toBeGreaterThan(0));
    within(historyRegion()).getByText('10,000 jobs');
    const shown = within(grid()).getAllByRole('gridcell').length;
    expect(shown).toBeLessThan(80);
    expect(Number(grid().getAttribute('aria-rowcount')) * Number(grid().getAttribute('aria-colcount'))).toBeGreaterThanOrEqual(10_000);
    // One page of 200 covers the first screens; the rest is not asked for.
    expect(fake.callsTo('library:list').map((c) => (c.input as { limit: number }).limit)).toEqual([200]);
    expect(cards()[0]?.title).toBe('picture-0.png');

    const scroller = grid().parentElement as HTMLElement;
    act(() => {
      scroller.scrollTop = 60_000;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(within(grid()).getAllByRole('gridcell').some((c) => /^picture-(\d+)\.png$/.test(c.title) && Number(/\d+/.exec(c.title)?.[0]) > 2000)).toBe(true));
    expect(within(grid()).getAllByRole('gridcell').length).toBeLessThan(80);
    const pages = fake.callsTo('library:list').length;
    expect(pages).toBeGreaterThan(5);
    expect(pages).toBeLessThan(20);
  });

  it('reads no further pages once the window is gone', async () => {
    const { fake } = await renderApp((f) => f.add(...manyItems(10_000)));
    await waitFor(() => expect(cards().length).toBeGreaterThan(0));
    const release = fake.hold();
    const scroller = grid().parentElement as HTMLElement;
    act(() => {
      scroller.scrollTop = 200_000;
      fireEvent.scroll(scroller);
    });
    // The second page is on its way (held) when the window goes; the grid wanted many more.
    await waitFor(() => expect(fake.callsTo('library:list')).toHaveLength(2));
    cleanup();
    release();
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.callsTo('library:list')).toHaveLength(2);
  });

  it('shows in every row the jobs of its place, scrolling down row by row and back up, to the last job', async () => {
    const all = manyItems(1_003);
    await renderApp((f) => f.add(...all));
    await waitFor(() => expect(cards().length).toBeGreaterThan(0));
    const columns = Number(grid().getAttribute('aria-colcount'));
    const scroller = grid().parentElement as HTMLElement;
    const rowsSayTheirPlace = () => {
      const rows = within(grid()).getAllByRole('row');
      const places = rows.map((row) => Number(row.getAttribute('aria-rowindex')));
      // Consecutive rows in reading order (Tab and screen readers follow the DOM), each where its
      // place puts it and holding the jobs of that place.
      expect(places).toEqual(places.map((_, i) => places[0]! + i));
      for (const row of rows) {
        const place = Number(row.getAttribute('aria-rowindex'));
        expect(row.style.transform).toBe(`translateY(${(place - 1) * 120}px)`);
        const titles = within(row).getAllByRole('gridcell').map((c) => c.title);
        const expected = all.slice((place - 1) * columns, place * columns).map((i) => i.inputNames[0]);
        expect(titles).toEqual(expected);
      }
      return places;
    };
    const scrollTo = async (top: number) => {
      act(() => {
        scroller.scrollTop = top;
        fireEvent.scroll(scroller);
      });
      await waitFor(() => expect(within(grid()).queryAllByRole('gridcell', { name: 'Loading' })).toHaveLength(0));
      return rowsSayTheirPlace();
    };
    for (let top = 0; top <= 1_200; top += 130) await scrollTo(top);
    for (let top = 1_200; top >= 0; top -= 250) await scrollTo(top);
    const lastPlaces = await scrollTo(Number(grid().style.height.replace('px', '')));
    const lastRow = Math.ceil(1_003 / columns);
    expect(Math.max(...lastPlaces)).toBe(lastRow);
    expect(cards().some((c) => c.title === all[1_002]!.inputNames[0])).toBe(true);
  });
});

describe('finding a job', () => {
  it('searches after a pause in typing and filters by favourite, status and provider', async () => {
    const chair = libraryItem({ inputNames: ['armchair.png'] });
    const lamp = libraryItem({ inputNames: ['lamp.png'], favourite: true, createdAt: chair.createdAt - 1, provider: 'wavespeed', modelId: 'wavespeed/hunyuan3d/v2.1', modelLabel: 'Hunyuan3D 2.1' });
    const broken = libraryItem({ inputNames: ['vase.png'], state: 'failed', createdAt: chair.createdAt - 2 });
    const { fake } = await renderApp((f) => f.add(chair, lamp, broken));
    await waitFor(() => expect(cards()).toHaveLength(3));

    fireEvent.change(search(), { target: { value: 'arm' } });
    fireEvent.change(search(), { target: { value: 'armchair' } });
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(cards()[0]?.title).toBe('armchair.png');
    // Typing is one search, sent once the typing stopped.
    expect(fake.callsTo('library:list').filter((c) => (c.input as { text?: string }).text !== undefined).map((c) => (c.input as { text: string }).text)).toEqual(['armchair']);

    fireEvent.change(search(), { target: { value: 'nothing like this' } });
    await within(historyRegion()).findByText(/Nothing in History matches\. Clear the search or the filters/);
    fireEvent.change(search(), { target: { value: '' } });
    await waitFor(() => expect(cards()).toHaveLength(3));

    fireEvent.click(within(historyRegion()).getByRole('button', { name: '★ Favourites' }));
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(cards()[0]?.title).toBe('lamp.png');
    fireEvent.click(within(historyRegion()).getByRole('button', { name: '★ Favourites' }));

    fireEvent.change(within(historyRegion()).getByRole('combobox', { name: 'Status' }), { target: { value: 'failed' } });
    await waitFor(() => expect(cards().map((c) => c.title)).toEqual(['vase.png']));
    fireEvent.change(within(historyRegion()).getByRole('combobox', { name: 'Status' }), { target: { value: '' } });
    fireEvent.change(within(historyRegion()).getByRole('combobox', { name: 'Provider' }), { target: { value: 'wavespeed' } });
    await waitFor(() => expect(cards().map((c) => c.title)).toEqual(['lamp.png']));
    expect(fake.callsTo('library:list').at(-1)?.input).toMatchObject({ providers: ['wavespeed'] });
  });
});

describe('keeping a job', () => {
  it('favourites from the card and keeps tags and a note from Properties', async () => {
    const item = libraryItem();
    const { fake } = await renderApp((f) => f.add(item));
    const star = await within(historyRegion()).findByRole('button', { name: /^Favourite: Hunyuan3D 2\.0/ });
    expect(star.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(star);
    await waitFor(() => expect(within(historyRegion()).getByRole('button', { name: /^Favourite: / }).getAttribute('aria-pressed')).toBe('true'));
    expect(fake.item(item.id)?.favourite).toBe(true);

    fireEvent.click(card(/^Hunyuan3D 2\.0, /));
    const addTag = await within(properties()).findByRole('textbox', { name: 'Add tag' });
    fireEvent.change(addTag, { target: { value: 'chairs' } });
    fireEvent.keyDown(addTag, { key: 'Enter' });
    await within(properties()).findByRole('button', { name: 'Remove tag chairs' });
    expect(fake.item(item.id)?.tags).toEqual(['chairs']);

    const note = within(properties()).getByRole('textbox', { name: 'Notes' });
    fireEvent.change(note, { target: { value: 'Good silhouette, texture too dark.' } });
    fireEvent.blur(note);
    await waitFor(() => expect(fake.item(item.id)?.note).toBe('Good silhouette, texture too dark.'));

    fireEvent.click(within(properties()).getByRole('button', { name: 'Remove tag chairs' }));
    await waitFor(() => expect(fake.item(item.id)?.tags).toEqual([]));
  });

  it('follows library:changed: a result thumbnail stored by main appears on the card', async () => {
    const item = libraryItem();
    const { fake } = await renderApp((f) => f.add(item));
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(cards()[0]?.querySelectorAll('img')).toHaveLength(1);
    act(() => fake.change(item.id, { resultThumbnail: 'data:image/webp;base64,UklGRg==' }));
    await waitFor(() => expect(cards()[0]?.querySelectorAll('img')).toHaveLength(2));
  });
});

describe('Properties', () => {
  it('shows the selected job: inputs, provider, model, every parameter by its display name, seed, times and cost', async () => {
    const item = libraryItem({ inputNames: ['armchair.png'], costUsd: 0.31 });
    await renderApp((f) => {
      f.add(item);
      f.setParams(item.id, { seed: 987654, num_inference_steps: 30, octree_resolution: 384, texture: false });
    });
    fireEvent.click(await waitFor(() => card(/^Hunyuan3D 2\.0, /)));
    const job = await within(properties()).findByRole('region', { name: 'Job' });
    within(job).getByRole('img', { name: 'Input: armchair.png' });
    const pairs = Object.fromEntries([...job.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(pairs).toMatchObject({ Provider: 'Segmind', Model: 'tencent/hunyuan-3d-2', Seed: '987654', Cost: '$0.31' });
    expect(pairs.Created).toMatch(/\d{4}/);
    const params = [...within(job).getByLabelText('Parameters').querySelectorAll('dt')].map((dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`);
    expect(params).toEqual(['Octree resolution=384', 'Inference steps=30', 'Seed=987654', 'Texture=Off']);
  });
});
