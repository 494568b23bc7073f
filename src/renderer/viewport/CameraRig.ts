/**
 * One viewpoint shown through either a perspective or an orthographic camera, orbiting a target
 * the way Blender's turntable orbit does. The orthographic frustum follows the view distance, so
 * numpad 5 swaps projection without the model jumping in size.
 */
import { MathUtils, OrthographicCamera, PerspectiveCamera, Spherical, Vector3, type Camera, type Sphere } from 'three';
import type { ViewName } from './keymap';

const EPSILON = 1e-4;

const views: Record<ViewName, { theta: number; phi: number }> = {
  front: { theta: 0, phi: Math.PI / 2 },
  back: { theta: Math.PI, phi: Math.PI / 2 },
  right: { theta: Math.PI / 2, phi: Math.PI / 2 },
  left: { theta: -Math.PI / 2, phi: Math.PI / 2 },
  top: { theta: 0, phi: EPSILON },
  bottom: { theta: 0, phi: Math.PI - EPSILON },
};

export class CameraRig {
  readonly perspective = new PerspectiveCamera(40, 1, 0.01, 1000);
  readonly orthographic = new OrthographicCamera(-1, 1, 1, -1, 0.01, 1000);
  readonly target = new Vector3();
  private readonly spherical = new Spherical(4, 1.15, 0.6);
  private aspect = 1;
  isOrthographic = false;

  constructor() {
    this.update();
  }

  get camera(): PerspectiveCamera | OrthographicCamera {
    return this.isOrthographic ? this.orthographic : this.perspective;
  }

  get distance(): number {
    return this.spherical.radius;
  }

  setAspect(aspect: number): void {
    this.aspect = aspect > 0 && Number.isFinite(aspect) ? aspect : 1;
    this.update();
  }

  /** Drag by pixels: horizontal spins around the up axis, vertical tilts over the top. */
  orbit(dx: number, dy: number): void {
    this.spherical.theta -= dx * 0.008;
    this.spherical.phi = MathUtils.clamp(this.spherical.phi - dy * 0.008, EPSILON, Math.PI - EPSILON);
    this.update();
  }

  /** Spins the view around the model; the turntable calls it every frame. */
  spin(radians: number): void {
    this.spherical.theta += radians;
    this.update();
  }

  /** Moves the view so the point under the cursor follows it. */
  pan(dx: number, dy: number, heightPx: number): void {
    const perPixel = this.visibleHeight() / Math.max(1, heightPx);
    const camera = this.camera;
    const right = new Vector3().setFromMatrixColumn(camera.matrix, 0);
    const up = new Vector3().setFromMatrixColumn(camera.matrix, 1);
    this.target.addScaledVector(right, -dx * perPixel).addScaledVector(up, dy * perPixel);
    this.update();
  }

  /**
   * Zooms by `factor` (<1 closer) towards the point under the cursor, given in normalised device
   * coordinates: that point stays where it is on screen, as in Blender with "Zoom to Mouse Position".
   */
  zoomAt(ndcX: number, ndcY: number, factor: number): void {
    const halfHeight = this.visibleHeight() / 2;
    const camera = this.camera;
    const right = new Vector3().setFromMatrixColumn(camera.matrix, 0);
    const up = new Vector3().setFromMatrixColumn(camera.matrix, 1);
    const under = this.target.clone().addScaledVector(right, ndcX * halfHeight * this.aspect).addScaledVector(up, ndcY * halfHeight);
    const radius = MathUtils.clamp(this.spherical.radius * factor, 1e-4, 1e6);
    const applied = radius / this.spherical.radius;
    this.target.sub(under).multiplyScalar(applied).add(under);
    this.spherical.radius = radius;
    this.update();
  }

  setView(name: ViewName): void {
    const view = views[name];
    this.spherical.theta = view.theta;
    this.spherical.phi = view.phi;
    this.update();
  }

  toggleProjection(): void {
    this.isOrthographic = !this.isOrthographic;
    this.update();
  }

  /** Fits a bounding sphere in view with a little room around it. */
  frame(sphere: Sphere): void {
    const radius = sphere.radius > 0 ? sphere.radius : 1;
    const halfFov = MathUtils.degToRad(this.perspective.fov / 2);
    const fitHeight = radius / Math.sin(halfFov);
    const fitWidth = radius / Math.sin(Math.atan(Math.tan(halfFov) * this.aspect));
    this.target.copy(sphere.center);
    this.spherical.radius = Math.max(fitHeight, fitWidth) * 1.3;
    this.update();
  }

  /** A pleasing three-quarter view from the front right, above. */
  setHomeAngle(): void {
    this.spherical.theta = 0.6;
    this.spherical.phi = 1.15;
    this.update();
  }

  /** Height of the view in world units at the target's distance. */
  visibleHeight(): number {
    return 2 * this.spherical.radius * Math.tan(MathUtils.degToRad(this.perspective.fov / 2));
  }

  copyTo(camera: Camera): void {
    camera.position.copy(this.camera.position);
    camera.quaternion.copy(this.camera.quaternion);
  }

  private update(): void {
    const offset = new Vector3().setFromSpherical(this.spherical);
    const radius = this.spherical.radius;
    for (const camera of [this.perspective, this.orthographic]) {
      camera.position.copy(this.target).add(offset);
      camera.lookAt(this.target);
    }
    this.perspective.aspect = this.aspect;
    this.perspective.near = radius / 500;
    this.perspective.far = radius * 500;
    const halfHeight = this.visibleHeight() / 2;
    Object.assign(this.orthographic, { top: halfHeight, bottom: -halfHeight, left: -halfHeight * this.aspect, right: halfHeight * this.aspect });
    // An orthographic view may look "through" the camera plane into the model, as Blender's does.
    this.orthographic.near = -radius * 50;
    this.orthographic.far = radius * 50;
    this.perspective.updateProjectionMatrix();
    this.orthographic.updateProjectionMatrix();
    this.perspective.updateMatrixWorld();
    this.orthographic.updateMatrixWorld();
  }
}
