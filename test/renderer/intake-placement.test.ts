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
const empty: Intake = { slots: {}, prompt: '' };

describe('pictures dropped or pasted on the window', () => {
  it('fill a multi-view model\'s empty views, required ones first', () => {
    const mv = model('wavespeed/hunyuan3d/v2-multi-view');
    const placed = placeFiles(mv, empty, [file('a.png'), file('b.png')]);
    expect(placed.assign.map(([view, f]) => [view, f.name])).toEqual([['front', 'a.png'], ['back', 'b.png']]);
    expect(placed.note).toBeNull();
  });

  it('skip zones that already hold a picture', () => {
    const mv = model('segmind/hunyuan3d-2mv');
    const held: Intake = { prompt: '', slots: { front: { state: 'ready', file: file('f.png'), name: 'f.png', bytes: 4, format: 'PNG', url: null } } };
    expect(placeFiles(mv, held, [file('x.png')]).assign.map(([v]) => v)).toEqual(['back']);
  });

  it('give a single-picture model the first picture and say what happened to the rest', () => {
    const single = model('wavespeed/hunyuan3d/v2-mini');
    const placed = placeFiles(single, empty, [file('1.png'), file('2.png'), file('3.png')]);
    expect(placed.assign.map(([v, f]) => [v, f.name])).toEqual([['front', '1.png']]);
    expect(placed.note).toBe('3 pictures arrived; the first was used. Batches of jobs come with the job queue.');
  });

  it('replace the picture when every zone is full', () => {
    const single = model('wavespeed/hunyuan3d/v2-mini');
    const held: Intake = { prompt: '', slots: { front: { state: 'ready', file: file('old.png'), name: 'old.png', bytes: 4, format: 'PNG', url: null } } };
    expect(placeFiles(single, held, [file('new.png')]).assign.map(([v, f]) => [v, f.name])).toEqual([['front', 'new.png']]);
  });
});

describe('things that are not pictures, dropped on the window', () => {
  const full: Intake = { prompt: '', slots: { front: { state: 'ready', file: file('keep.png'), name: 'keep.png', bytes: 4, format: 'PNG', url: null } } };
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
