/** The one format vocabulary: the answers the four old tables disagreed on. */
import { describe, expect, it } from 'vitest';
import { formatFromUrl } from '../../../src/main/core/providers/urls';
import { catalog } from '../../../src/shared/catalog';
import { extensionOf, formatByExtension, isOutputFormat, modelExtensions, outputFormatByExtension, outputFormats } from '../../../src/shared/model-formats';

describe('model formats', () => {
  it('a .zip result is an OBJ archive; a .gltf file is glTF, never a GLB, and no result format', () => {
    expect(formatFromUrl('https://cdn.example.com/out/model.ZIP?sig=1')).toBe('obj');
    expect(formatFromUrl('https://cdn.example.com/out/model.gltf')).toBeUndefined();
    expect(formatByExtension.gltf).toBe('gltf');
    expect(formatByExtension.zip).toBe('zip');
  });

  it('every result ending names a format the catalog knows, and every catalog output is one', () => {
    for (const f of Object.values(outputFormatByExtension)) expect(isOutputFormat(f)).toBe(true);
    for (const m of catalog) for (const f of m.outputs) expect(outputFormats).toContain(f);
  });

  it('endings are read from the file name only, in any case', () => {
    expect(extensionOf('dir.v2/model')).toBe('');
    expect(extensionOf('/a/b/Model.GLB')).toBe('glb');
    expect(extensionOf('.hidden')).toBe('');
    expect(formatFromUrl('https://cdn.example.com/v1.2/abc')).toBeUndefined();
    expect(modelExtensions).toEqual(expect.arrayContaining(['.glb', '.gltf', '.obj', '.zip', '.ply', '.stl', '.fbx', '.usdz']));
  });
});
