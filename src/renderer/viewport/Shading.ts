/**
 * Swaps a model's materials for the chosen shading mode and back. The model's own materials are
 * remembered per mesh, so Material mode, stats and disposal always see the originals.
 */
import {
  MeshBasicMaterial, MeshMatcapMaterial, MeshNormalMaterial, type Material, type Mesh, type Object3D, type Texture,
} from 'three';
import type { ShadingMode } from './shading-modes';
import { materialsOf } from './stats';

type Materials = Material | Material[];

export class Shading {
  private readonly originals = new WeakMap<Object3D, Materials>();
  readonly solid: MeshMatcapMaterial;
  private readonly wire = new MeshBasicMaterial({ color: 0xd4d4da, wireframe: true });
  private readonly normals = new MeshNormalMaterial();
  /** Drawn over the shaded model when the wireframe overlay is on. */
  readonly overlay = new MeshBasicMaterial({ color: 0x0a0a0c, wireframe: true, transparent: true, opacity: 0.45, depthWrite: false });

  constructor(matcap: Texture) {
    this.solid = new MeshMatcapMaterial({ matcap, color: 0xffffff });
  }

  /** Takes note of a freshly loaded model's own materials. */
  adopt(root: Object3D): void {
    root.traverse((o) => {
      if ((o as Mesh).isMesh) this.originals.set(o, (o as Mesh).material);
    });
  }

  apply(root: Object3D, mode: ShadingMode): void {
    const replacement = mode === 'solid' ? this.solid : mode === 'wireframe' ? this.wire : mode === 'normals' ? this.normals : null;
    root.traverse((o) => {
      const original = this.originals.get(o);
      if (original) (o as Mesh).material = replacement ?? original;
    });
  }

  /** The model's own materials for an object, whatever it is drawn with now. */
  originalMaterials(object: Object3D): Material[] {
    const original = this.originals.get(object);
    if (!original) return materialsOf(object);
    return Array.isArray(original) ? original : [original];
  }

  dispose(): void {
    for (const m of [this.solid, this.wire, this.normals, this.overlay]) m.dispose();
  }
}
