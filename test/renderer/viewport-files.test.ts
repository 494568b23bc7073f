import { describe, expect, it, vi } from 'vitest';
import { sourceFromFiles } from '../../src/renderer/viewport/ViewportView';

function fileOfSize(name: string, size: number): File {
  const file = new File([new Uint8Array(8)], name);
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe('model files picked or dropped on the view', () => {
  it('are refused by size before any byte is read', async () => {
    const huge = fileOfSize('scan.glb', 3 * 2 ** 30);
    const read = vi.spyOn(huge, 'arrayBuffer');
    await expect(sourceFromFiles([huge])).rejects.toThrow('These files come to 3,072 MB; the preview opens up to 512 MB.');
    expect(read).not.toHaveBeenCalled();
  });

  it('count the textures that travel with an OBJ', async () => {
    await expect(sourceFromFiles([fileOfSize('a.obj', 300 * 2 ** 20), fileOfSize('a.png', 300 * 2 ** 20)])).rejects.toThrow(/600 MB/);
  });

  it('are read when they fit', async () => {
    const source = await sourceFromFiles([new File([new Uint8Array([1, 2, 3])], 'a.stl'), new File([new Uint8Array([4])], 'notes.txt')]);
    expect(source && 'bytes' in source ? source.bytes.byteLength : 0).toBe(3);
  });
});
