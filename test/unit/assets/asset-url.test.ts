/** The page's half of asset URLs: what the library hands out, and what the page then asks for in each shell. */
import { describe, expect, it } from 'vitest';
import { assetSrc, assetUrl, parseAssetUrl } from '../../../src/shared/asset-url';

const id = '0b7a4f4e-5d7c-4c51-9a38-2f0f4d8e9a11';

describe('asset URLs', () => {
  it('names a job’s file, nested folders and odd characters included, and reads back the same', () => {
    for (const [area, name] of [['outputs', 'model.glb'], ['outputs', 'textures/wood grain #2.png'], ['inputs', 'stühl?.png'], ['thumb', 'thumb.webp']] as const) {
      const url = assetUrl(id, area, name);
      expect(url.startsWith(`asset://library/${id}/${area}/`)).toBe(true);
      expect(parseAssetUrl(url)).toEqual({ jobId: id, area, name });
      // What Chromium hands the handler is the same file.
      expect(parseAssetUrl(new URL(url).href)).toEqual({ jobId: id, area, name });
    }
    expect(parseAssetUrl(`${assetUrl(id, 'thumb', 'thumb.webp')}?r=3`)).toEqual({ jobId: id, area: 'thumb', name: 'thumb.webp' });
  });

  it('will not build an address for something no library file can be', () => {
    for (const [area, name] of [['outputs', '../job.json'], ['outputs', ''], ['outputs', 'a//b'], ['inputs', '.download.part'], ['thumb', 'other.webp'], ['outputs', 'a\0b']] as const) {
      expect(() => assetUrl(id, area, name)).toThrow('names no library file');
    }
    expect(() => assetUrl('../..', 'outputs', 'model.glb')).toThrow('names no library file');
    for (const url of ['https://example.com/x.glb', 'asset://library/', `asset://elsewhere/${id}/outputs/a.glb`, `asset://library/${id}/outputs`, `file:///etc/passwd`]) expect(parseAssetUrl(url)).toBeNull();
  });

  it('lets the app page use the scheme and sends the harness page to its own origin', () => {
    const url = assetUrl(id, 'outputs', 'textures/wood.png');
    expect(assetSrc(url, 'app://studio')).toBe(url);
    expect(assetSrc(url, 'http://127.0.0.1:5799')).toBe(`http://127.0.0.1:5799/__asset/library/${id}/outputs/textures/wood.png`);
    expect(assetSrc('blob:http://127.0.0.1:5799/abc', 'http://127.0.0.1:5799')).toBe('blob:http://127.0.0.1:5799/abc');
    expect(assetSrc('asset://library/../../etc/passwd', 'http://127.0.0.1:5799')).toBe('asset://library/../../etc/passwd');
  });
});
