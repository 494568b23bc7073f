/**
 * `window.__viewport`: a few read-mostly handles for end-to-end tests and the bench. It exposes
 * nothing the page could not already do: the viewport holds no secrets, only what the user opened.
 */
import { Plane, Ray, Vector3 } from 'three';
import type { ShadingMode } from './shading-modes';
import type { Viewport, ViewportState } from './Viewport';

export interface ViewportTestHook {
  load(bytes: ArrayBuffer | Uint8Array, name: string, slot?: 'a' | 'b'): Promise<ViewportState>;
  loadFiles(files: { name: string; bytes: ArrayBuffer | Uint8Array }[]): Promise<ViewportState>;
  state(): ViewportState;
  memory(): { geometries: number; textures: number; programs: number };
  setShading(mode: ShadingMode): void;
  camera(): { position: [number, number, number]; target: [number, number, number]; orthographic: boolean; distance: number };
  /** Where a world point lands in normalised device coordinates. */
  project(point: [number, number, number]): [number, number];
  /** The world point at normalised device coordinates on the plane through the target facing the view. */
  pointAt(ndcX: number, ndcY: number): [number, number, number];
  thumbnail(): Promise<{ type: string; width: number; height: number; bytes: number }>;
  screenshot(): Promise<{ type: string; bytes: number }>;
  /**
   * The view as 64×64 RGB levels (0–255, r,g,b,…), for "is it blank?" and "do modes differ?" checks.
   * `bare`: on a flat grey background without grid and axes, so an empty view is one flat colour.
   */
  pixels(options?: { bare?: boolean }): Promise<number[]>;
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
      const t = viewport.rig.target;
      return { position: [p.x, p.y, p.z], target: [t.x, t.y, t.z], orthographic: viewport.rig.isOrthographic, distance: viewport.rig.distance };
    },
    project: ([x, y, z]) => {
      const p = new Vector3(x, y, z).project(viewport.rig.camera);
      return [p.x, p.y];
    },
    pointAt: (ndcX, ndcY) => {
      const camera = viewport.rig.camera;
      const near = new Vector3(ndcX, ndcY, -1).unproject(camera);
      const far = new Vector3(ndcX, ndcY, 1).unproject(camera);
      const facing = camera.getWorldDirection(new Vector3());
      const hit = new Ray(near, far.sub(near).normalize()).intersectPlane(new Plane().setFromNormalAndCoplanarPoint(facing, viewport.rig.target), new Vector3());
      return hit ? [hit.x, hit.y, hit.z] : [NaN, NaN, NaN];
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
    pixels: async ({ bare = false } = {}) => {
      const before = viewport.getState();
      if (bare) {
        viewport.setOverlay('grid', false);
        viewport.setOverlay('axes', false);
        viewport.setBackground('grey');
      }
      const shot = await viewport.screenshot();
      if (bare) {
        viewport.setOverlay('grid', before.grid);
        viewport.setOverlay('axes', before.axes);
        viewport.setBackground(before.background);
      }
      const bitmap = await createImageBitmap(shot);
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
