/** The floor grid and axes, sized to the model so they read the same on a ring and on a house. */
import { AxesHelper, Color, GridHelper, Group, type Box3, type Camera, type LineBasicMaterial, type Material, type Scene, type WebGLRenderer } from 'three';

export class Overlays {
  readonly group = new Group();
  readonly grid = new GridHelper(1, 20, 0x5a5a62, 0x38383e);
  readonly axes = new AxesHelper(0.5);

  constructor() {
    this.group.name = 'overlays';
    const gridMaterial = this.grid.material as LineBasicMaterial;
    gridMaterial.transparent = true;
    gridMaterial.opacity = 0.8;
    // Blender's axis colours, slightly muted so they do not shout over the model.
    this.axes.setColors(new Color(0xd9534f), new Color(0x8cc152), new Color(0x4c8dff));
    this.group.add(this.grid, this.axes);
  }

  /** Second pass: the model's edges alone in `edges`, over the shaded frame, without clearing it. */
  drawEdges(renderer: WebGLRenderer, scene: Scene, camera: Camera, edges: Material): void {
    const background = scene.background;
    scene.background = null;
    scene.overrideMaterial = edges;
    this.group.visible = false;
    renderer.autoClear = false;
    renderer.render(scene, camera);
    renderer.autoClear = true;
    this.group.visible = true;
    scene.overrideMaterial = null;
    scene.background = background;
  }

  /** Scales the unit grid to a round size a few times the model's footprint and sets it at its feet. */
  fit(box: Box3): void {
    const size = box.isEmpty() ? 1 : Math.max(box.max.x - box.min.x, box.max.z - box.min.z, box.max.y - box.min.y);
    const span = Math.pow(10, Math.ceil(Math.log10(Math.max(size, 1e-6) * 2.5)));
    this.grid.scale.setScalar(span);
    this.axes.scale.setScalar(span / 4);
    const floor = box.isEmpty() ? 0 : box.min.y;
    this.group.position.set(0, floor, 0);
  }

  set(which: 'grid' | 'axes', visible: boolean): void {
    this[which].visible = visible;
  }

  dispose(): void {
    this.grid.dispose();
    this.axes.dispose();
  }
}
