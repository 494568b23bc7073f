import { describe, expect, it } from 'vitest';
import { findModel, type CatalogModel } from '../../src/shared/catalog';
import { placeFiles } from '../../src/renderer/features/intake/placement';
import type { Intake } from '../../src/renderer/features/intake/useIntake';

const model = (id: string): CatalogModel => {
  const m = findModel(id);
  if (!m) throw new Error(id);
  return m;
};
const file = (name: string) => new File([new Uint8Array(4)], name, { type: 'image/png' });
const empty: Intake = { slots: {}, prompt: '', batch: [] };

describe('pictures dropped or pasted on the window', () => {
  it('fill a multi-view model\'s empty views, required ones first', () => {
    const mv = model('wavespeed/hunyuan3d/v2-multi-view');
    const placed = placeFiles(mv, empty, [file('a.png'), file('b.png')]);
    expect(placed.assign.map(([view, f]) => [view, f.name])).toEqual([['front', 'a.png'], ['back', 'b.png']]);
    expect(placed.note).toBeNull();
  });

  it('skip zones that already hold a picture', () => {
    const mv = model('segmind/hunyuan3d-2mv');
    const held: Intake = { prompt: '', batch: [], slots: { front: { state: 'ready', file: file('f.png'), name: 'f.png', bytes: 4, format: 'PNG', url: null } } };
    expect(placeFiles(mv, held, [file('x.png')]).assign.map(([v]) => v)).toEqual(['back']);
  });

  it('make a batch of several pictures for a single-picture model, at most 50, and say so beyond', () => {
    const single = model('wavespeed/hunyuan3d/v2-mini');
    const placed = placeFiles(single, empty, [file('1.png'), file('2.png'), file('3.png')]);
    expect(placed).toMatchObject({ assign: [], append: false, note: null });
    expect(placed.batch?.map((f) => f.name)).toEqual(['1.png', '2.png', '3.png']);

    const many = Array.from({ length: 60 }, (_, i) => file(`p${i}.png`));
    const capped = placeFiles(single, empty, many);
    expect(capped.batch).toHaveLength(50);
    expect(capped.note).toBe('60 pictures arrived; a batch takes at most 50, so the first 50 were used.');
  });

  it('add a picture to a waiting batch instead of starting over', () => {
    const single = model('segmind/hunyuan-3d-2');
    const ready = { state: 'ready', file: file('b.png'), name: 'b.png', bytes: 4, format: 'PNG', url: null } as const;
    const waiting: Intake = { prompt: '', batch: ['batch:0', 'batch:1'], slots: { 'batch:0': ready, 'batch:1': ready } };
    const placed = placeFiles(single, waiting, [file('c.png')]);
    expect(placed).toMatchObject({ assign: [], append: true, note: null });
    expect(placed.batch?.map((f) => f.name)).toEqual(['c.png']);
  });

  it('fill a multi-view model\'s views and say how many it has when more arrive', () => {
    const mv = model('wavespeed/hunyuan3d/v2-multi-view');
    const placed = placeFiles(mv, empty, [file('a.png'), file('b.png'), file('c.png'), file('d.png')]);
    expect(placed.assign.map(([v]) => v)).toEqual(['front', 'back', 'left']);
    expect(placed.batch).toBeUndefined();
    expect(placed.note).toBe('4 pictures arrived; the first 3 were used: Hunyuan3D 2 multi-view (WaveSpeed) has 3 picture slots.');
  });

  it('replace the picture when every zone is full', () => {
    const single = model('wavespeed/hunyuan3d/v2-mini');
    const held: Intake = { prompt: '', batch: [], slots: { front: { state: 'ready', file: file('old.png'), name: 'old.png', bytes: 4, format: 'PNG', url: null } } };
    expect(placeFiles(single, held, [file('new.png')]).assign.map(([v, f]) => [v, f.name])).toEqual([['front', 'new.png']]);
  });
});

describe('things that are not pictures, dropped on the window', () => {
  const full: Intake = { prompt: '', batch: [], slots: { front: { state: 'ready', file: file('keep.png'), name: 'keep.png', bytes: 4, format: 'PNG', url: null } } };
  const single = () => model('wavespeed/hunyuan3d/v2-mini');

  it('leave model files to the 3D preview', () => {
    expect(placeFiles(single(), empty, [new File([''], 'result.glb')])).toEqual({ assign: [], note: 'Drop model files on the 3D preview to open them there.' });
  });

  it('never replace a good picture', () => {
    const pdf = new File(['%PDF-1.7'], 'brief.pdf', { type: 'application/pdf' });
    expect(placeFiles(single(), full, [pdf])).toEqual({ assign: [], note: 'Every picture slot is full; drop a picture on a slot to replace it.' });
  });

  it('still go to an empty slot, where the slot says what is wrong with them', () => {
    const pdf = new File(['%PDF-1.7'], 'brief.pdf', { type: 'application/pdf' });
    expect(placeFiles(single(), empty, [pdf]).assign.map(([v, f]) => [v, f.name])).toEqual([['front', 'brief.pdf']]);
  });
});
