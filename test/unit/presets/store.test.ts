/** Presets through the real dispatcher and core, and on disk: what survives, what is refused. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStudioForTests } from '../../support/studio-for-tests';

const model = 'segmind/hunyuan-3d-2';
const fresh = (dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-presets-'))) => ({ dataDir, ...createStudioForTests({ dataDir }) });

describe('presets', () => {
  it('saves, lists after a restart, replaces by name and deletes', async () => {
    const { dataDir, studio } = fresh();
    expect(await studio.presets.list()).toEqual({ presets: [] });
    await studio.presets.save({ name: '  Fine detail ', modelId: model, params: { octree_resolution: 384, seed: 7, texture: true, nope: 1 }, dice: { seed: false, texture: true } });
    const again = fresh(dataDir).studio;
    const [saved] = (await again.presets.list()).presets;
    expect(saved).toMatchObject({ name: 'Fine detail', modelId: model, params: { octree_resolution: 384, seed: 7, texture: true }, dice: { seed: false } });
    expect(Object.keys(saved?.params ?? {})).not.toContain('nope');

    const replaced = await again.presets.save({ name: 'fine detail', modelId: model, params: { octree_resolution: 256 }, dice: {} });
    expect(replaced.presets.map((p) => [p.name, p.params.octree_resolution])).toEqual([['fine detail', 256]]);
    expect((await again.presets.delete({ name: 'Fine Detail', modelId: model })).presets).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'presets.json'), 'utf8'))).toEqual({ presets: [] });
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses values the model would refuse, names that are empty or too long, and unknown models', async () => {
    const { studio } = fresh();
    await expect(studio.presets.save({ name: 'Huge', modelId: model, params: { octree_resolution: 999 }, dice: {} })).rejects.toThrow(/^Fix the parameters first\./);
    await expect(studio.presets.save({ name: '   ', modelId: model, params: {}, dice: {} })).rejects.toThrow('Give the preset a name.');
    await expect(studio.presets.save({ name: 'x'.repeat(61), modelId: model, params: {}, dice: {} })).rejects.toThrow('A preset name can be at most 60 characters.');
    await expect(studio.presets.save({ name: 'Lost', modelId: 'gone/model', params: {}, dice: {} })).rejects.toThrow(/not in Studio’s catalog/);
    expect(await studio.presets.list()).toEqual({ presets: [] });
  });

  it('keeps at most 200 presets and says what to do', async () => {
    const { studio } = fresh();
    for (let i = 0; i < 200; i++) await studio.presets.save({ name: `P${i}`, modelId: model, params: {}, dice: {} });
    await expect(studio.presets.save({ name: 'One more', modelId: model, params: {}, dice: {} })).rejects.toThrow(
      'Studio keeps up to 200 presets. Delete one you no longer use, then save again.',
    );
    // Replacing one by its name is still allowed at the cap.
    expect((await studio.presets.save({ name: 'P5', modelId: model, params: { seed: 5 }, dice: {} })).presets).toHaveLength(200);
  });

  it('moves a damaged file aside and starts with no presets', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-presets-'));
    writeFileSync(path.join(dataDir, 'presets.json'), '{"presets": [ broken');
    const { studio } = fresh(dataDir);
    expect(await studio.presets.list()).toEqual({ presets: [] });
    expect(readdirSync(dataDir).some((f) => /^presets\.corrupt-\d+\.json$/.test(f))).toBe(true);
  });

  it('two saves at once both land', async () => {
    const { dataDir, studio } = fresh();
    await Promise.all([
      studio.presets.save({ name: 'A', modelId: model, params: {}, dice: {} }),
      studio.presets.save({ name: 'B', modelId: model, params: {}, dice: {} }),
    ]);
    expect((await fresh(dataDir).studio.presets.list()).presets.map((p) => p.name)).toEqual(['A', 'B']);
  });
});
