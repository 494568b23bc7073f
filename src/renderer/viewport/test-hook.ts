/**
 * `window.__viewport`: a few read-mostly handles for end-to-end tests and the bench. It exposes
 * nothing the page could not already do: the viewport holds no secrets, only what the user opened.
 */
import type { ShadingMode } from './shading-modes';
import type { Viewport, ViewportState } from './Viewport';

export interface ViewportTestHook {
  load(bytes: ArrayBuffer | Uint8Array, name: string, slot?: 'a' | 'b'): Promise<ViewportState>;
  loadFiles(files: { name: string; bytes: ArrayBuffer | Uint8Array }[]): Promise<ViewportState>;
  state(): ViewportState;
  memory(): { geometries: number; textures: number; programs: number };
  setShading(mode: ShadingMode): void;
  camera(): { position: [number, number, number]; orthographic: boolean; distance: number };
  thumbnail(): Promise<{ type: string; width: number; height: number; bytes: number }>;
  screenshot(): Promise<{ type: string; bytes: number }>;
  /** The view as 64×64 RGB levels (0–255, r,g,b,…), for "is it blank?" and "do modes differ?" checks. */
  pixels(): Promise<number[]>;
  clear(): void;
  readonly firstFrame: number | null;
}

declare global {
  interface Window {
    __viewport?: ViewportTestHook;
  }
}

export function installTestHook(viewport: Viewport): () => void {
  const hook: ViewportTestHook = {
    load: async (bytes, name, slot = 'a') => {
      await viewport.load({ bytes, name }, slot);
      return viewport.getState();
    },
    loadFiles: async ([main, ...rest]) => {
      if (main) await viewport.load({ bytes: main.bytes, name: main.name, siblings: rest.map((f) => [f.name, new Uint8Array(f.bytes)]) });
      return viewport.getState();
    },
    state: () => viewport.getState(),
    memory: () => viewport.memory(),
    setShading: (mode) => viewport.setShading(mode),
    camera: () => {
      const p = viewport.rig.camera.position;
      return { position: [p.x, p.y, p.z], orthographic: viewport.rig.isOrthographic, distance: viewport.rig.distance };
    },
    thumbnail: async () => {
      const blob = await viewport.makeThumbnail();
      const bitmap = await createImageBitmap(blob);
      const size = { type: blob.type, width: bitmap.width, height: bitmap.height, bytes: blob.size };
      bitmap.close();
      return size;
    },
    screenshot: async () => {
      const blob = await viewport.screenshot();
      return { type: blob.type, bytes: blob.size };
    },
    pixels: async () => {
      const bitmap = await createImageBitmap(await viewport.screenshot());
      const canvas = new OffscreenCanvas(64, 64);
      const g = canvas.getContext('2d');
      if (!g) return [];
      g.drawImage(bitmap, 0, 0, 64, 64);
      bitmap.close();
      const { data } = g.getImageData(0, 0, 64, 64);
      return [...data].filter((_, i) => i % 4 !== 3);
    },
    clear: () => viewport.clear(),
    get firstFrame() {
      return viewport.getState().firstFrameMs;
    },
  };
  window.__viewport = hook;
  return () => {
    if (window.__viewport === hook) delete window.__viewport;
  };
}
