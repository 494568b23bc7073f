import { describe, expect, it } from 'vitest';
import { catalog, checkParams, findModel, inputsProblem, modelsOf, paramsSchema, toWireFields } from '../../../src/shared/catalog';
import { providerIds } from '../../../src/shared/providers';
import { model } from './helpers';

describe('the catalog', () => {
  it('lists every model the issue names, under its provider', () => {
    expect(catalog.map((m) => m.id)).toEqual([
      'segmind/hunyuan-3d-2', 'segmind/hunyuan3d-2mv',
      'wavespeed/hunyuan3d/v2-mini', 'wavespeed/hunyuan3d/v2-base', 'wavespeed/hunyuan3d/v2.1', 'wavespeed/hunyuan3d/v2-multi-view',
      'vtrix/tencent_hunyuan_3d',
      'local/hunyuan3d-2.0', 'local/hunyuan3d-2.1',
    ]);
    for (const id of providerIds) expect(modelsOf(id).length).toBeGreaterThan(0);
    expect(findModel('nope')).toBeUndefined();
  });

  it('carries the providers’ published timings and cost', () => {
    expect(model('segmind/hunyuan-3d-2').typicalSeconds).toBe(37);
    expect(model('segmind/hunyuan3d-2mv')).toMatchObject({ typicalSeconds: 101, costUsd: 0.31 });
  });

  it('every default is itself valid, and every parameter has a label, help and wire name', () => {
    for (const m of catalog) {
      const ids = new Set<string>();
      for (const p of m.params) {
        expect(p.label.length, `${m.id} ${p.key}`).toBeGreaterThan(0);
        expect(p.help.length, `${m.id} ${p.key}`).toBeGreaterThan(10);
        expect(p.wire).toMatch(/^[a-z_]+$/);
        expect(ids.has(p.key)).toBe(false);
        ids.add(p.key);
        if (p.type === 'number' || p.type === 'integer' || p.type === 'seed') {
          expect(p.min).toBeLessThanOrEqual(p.default);
          expect(p.default).toBeLessThanOrEqual(p.max);
        }
        if (p.type === 'enum') expect(p.values).toContain(p.default);
      }
      const defaults = checkParams(m, {});
      expect(defaults.ok, m.id).toBe(true);
    }
  });

  it('fills in defaults and maps keys to the provider’s field names', () => {
    const m = model('segmind/hunyuan3d-2mv');
    const checked = checkParams(m, { steps: 50 });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(toWireFields(m, checked.value)).toEqual({
      file_type: 'glb', steps: 50, guidance_scale: 5, octree_resolution: 256, seed: -1,
      randomize_seed: false, remove_background: true, target_face_num: 10000, num_chunks: 200000,
    });
  });
});

describe('hunyuan3d-2mv guidance_scale (seed 001 gives only the default, 5)', () => {
  const mv = model('segmind/hunyuan3d-2mv');

  it.each([0, 5, 12.5, 20, 25, 30])('takes the plausible value %s', (v) => {
    expect(checkParams(mv, { guidance_scale: v }).ok).toBe(true);
  });

  it('still refuses nonsense, naming the field', () => {
    expect(checkParams(mv, { guidance_scale: 31 })).toEqual({ ok: false, message: 'Guidance scale must be between 0 and 30.' });
    expect(checkParams(mv, { guidance_scale: -1 }).ok).toBe(false);
  });
});

describe('parameter validation derived from the catalog', () => {
  const hy2 = model('segmind/hunyuan-3d-2');

  it.each([
    [{ num_inference_steps: 19 }, 'Inference steps must be between 20 and 50.'],
    [{ num_inference_steps: 30.5 }, 'Inference steps must be a whole number.'],
    [{ guidance_scale: 15.01 }, 'Guidance scale must be between 1 and 15.'],
    [{ guidance_scale: '5' }, 'Guidance scale must be a number.'],
    [{ octree_resolution: 300 }, 'Octree resolution must be one of 256, 384, 512.'],
    [{ seed: -2 }, 'Seed must be between -1 and 999,999,999,999,999.'],
    [{ face_count: 200000 }, 'Face count must be between 5,000 and 100,000.'],
    [{ texture: 'yes' }, 'Texture must be on or off.'],
    [{ steps: 10 }, 'Hunyuan3D 2.0 (Segmind) has no parameter named steps.'],
  ])('%j → %s', (values, message) => {
    expect(checkParams(hy2, values)).toEqual({ ok: false, message });
  });

  it('names every bad field at once', () => {
    const r = checkParams(hy2, { num_inference_steps: 0, guidance_scale: 99 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('Inference steps must be between 20 and 50. Guidance scale must be between 1 and 15.');
  });

  it('accepts the edges of each range', () => {
    expect(checkParams(hy2, { num_inference_steps: 20, guidance_scale: 15, seed: 999_999_999_999_999 }).ok).toBe(true);
    expect(paramsSchema(hy2).safeParse({ num_inference_steps: 50 }).success).toBe(true);
  });
});

describe('input validation derived from the catalog', () => {
  it.each([
    ['wavespeed/hunyuan3d/v2-mini', { text: 'a chair' }, 'does not take a text prompt'],
    ['wavespeed/hunyuan3d/v2-multi-view', { views: ['front', 'back'] as const }, 'needs a left view'],
    ['wavespeed/hunyuan3d/v2-multi-view', { views: ['front', 'back', 'left', 'right'] as const }, 'has no right view'],
    ['segmind/hunyuan3d-2mv', { image: true }, 'does not take a single picture'],
    ['vtrix/tencent_hunyuan_3d', { text: ' ' }, 'The prompt is empty'],
    ['vtrix/tencent_hunyuan_3d', {}, 'needs a picture or a text prompt'],
    ['local/hunyuan3d-2.1', { image: true, text: 'x' }, 'one kind of input at a time'],
    ['wavespeed/hunyuan3d/v2-multi-view', {}, 'needs front, back and left views.'],
    ['segmind/hunyuan3d-2mv', { text: 'x' }, 'it needs a front view.'],
  ])('%s with %j → “%s”', (id, provided, text) => {
    expect(inputsProblem(model(id), provided)).toContain(text);
  });

  it.each([
    ['vtrix/tencent_hunyuan_3d', { views: ['front', 'left'] as const }],
    ['vtrix/tencent_hunyuan_3d', { text: 'x'.repeat(1024) }],
    ['segmind/hunyuan-3d-2', { text: 'a chair' }],
    ['segmind/hunyuan3d-2mv', { views: ['front'] as const }],
  ])('%s accepts %j', (id, provided) => {
    expect(inputsProblem(model(id), provided)).toBeNull();
  });
});
