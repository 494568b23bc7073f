/**
 * The 3D preview: one WebGL canvas showing a model (or two, side by side, through one shared camera
 * when comparing). Plain TypeScript; the React wrapper only mounts it and mirrors its state.
 */
import { Box3, NeutralToneMapping, Scene, Sphere, Vector2, WebGLRenderer, type Object3D, type WebGLRenderTarget } from 'three';
import { BlenderControls } from './BlenderControls';
import { CameraRig } from './CameraRig';
import { canvasToBlob, type Capture } from './capture';
import { disposeModel } from './disposal';
import { isSoftwareRenderer } from './gpu';
import type { ViewportCommand } from './keymap';
import { Backdrop, createClayMatcap, createLights, createNeutralEnvironment } from './look';
import { loadModel, ModelLoadError, type ModelSource } from './ModelLoader';
import { Overlays } from './Overlays';
import { Shading } from './Shading';
import { nextShading, type BackgroundKind, type ShadingMode } from './shading-modes';
import { computeStats, type ModelStats } from './stats';

export type Slot = 'a' | 'b';

export interface ShownModel {
  name: string;
  stats: ModelStats;
}

export interface ViewportState {
  loading: boolean;
  /** The sentence shown over the view when the last file could not be opened. */
  message: string | null;
  /** A sentence shown with the model about what it refers to but was left out. */
  notice: string | null;
  model: ShownModel | null;
  comparing: boolean;
  other: ShownModel | null;
  shading: ShadingMode;
  grid: boolean;
  axes: boolean;
  wireframeOverlay: boolean;
  exposure: number;
  turntable: boolean;
  background: BackgroundKind;
  orthographic: boolean;
  /** Milliseconds from load() to the first finished frame showing the model. */
  firstFrameMs: number | null;
}

export class Viewport {
  readonly canvas = document.createElement('canvas');
  readonly renderer: WebGLRenderer;
  readonly scene = new Scene();
  readonly rig = new CameraRig();
  private readonly controls: BlenderControls;
  private readonly shading: Shading;
  private readonly overlays = new Overlays();
  private readonly backdrop = new Backdrop();
  private readonly resizeObserver: ResizeObserver;
  private environment: WebGLRenderTarget | null = null;
  /** The GPU is the CPU (SwiftShader, llvmpipe…): no prefiltered environment, see ensureEnvironment. */
  private readonly softwareGpu: boolean;
  private readonly roots: Partial<Record<Slot, Object3D>> = {};
  private readonly loadTokens: Record<Slot, number> = { a: 0, b: 0 };
  /** Slots with a load still wanted; "loading" is true while any is, whatever order loads end in. */
  private readonly loadingSlots = new Set<Slot>();
  private state: ViewportState = {
    loading: false, message: null, notice: null, model: null, comparing: false, other: null, shading: 'solid', grid: true, axes: true,
    wireframeOverlay: false, exposure: 1, turntable: false, background: 'gradient', orthographic: false, firstFrameMs: null,
  };
  private readonly listeners = new Set<(state: ViewportState) => void>();
  private frameRequest = 0;
  private lastSpin = 0;

  constructor(private readonly host: HTMLElement) {
    this.canvas.className = 'viewport-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute('aria-roledescription', '3D view');
    this.canvas.setAttribute('aria-label', 'Model view. Middle-drag or Alt+drag to orbit, Shift to pan, wheel to zoom, numpad 1, 3, 7 for views, Home to frame, Z for shading.');
    host.append(this.canvas);
    // alpha: the gradient backdrop is CSS behind the canvas (see Backdrop).
    this.renderer = new WebGLRenderer({ canvas: this.canvas, antialias: true, alpha: true, powerPreference: 'high-performance' });
    this.renderer.setClearColor(0x000000, 0);
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.renderer.toneMapping = NeutralToneMapping;
    this.softwareGpu = isSoftwareRenderer(this.renderer.getContext());
    this.shading = new Shading(createClayMatcap());
    this.scene.add(createLights(), this.overlays.group);
    this.backdrop.apply(this.scene, this.canvas, this.state.background);
    this.controls = new BlenderControls(this.canvas, {
      rig: this.rig,
      toNdc: (x, y) => this.toNdc(x, y),
      command: (c) => this.command(c),
      changed: () => this.requestRender(),
    });
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(host);
    this.resize();
  }

  getState(): ViewportState {
    return this.state;
  }

  /** Calls `listener` on every change of state; returns the function that stops it. */
  subscribe(listener: (state: ViewportState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens a model into the view (slot 'b' is the right-hand side while comparing). */
  async load(source: ModelSource, slot: Slot = 'a'): Promise<ShownModel | null> {
    const token = ++this.loadTokens[slot];
    const started = performance.now();
    this.loadingSlots.add(slot);
    this.setState({ loading: true, message: null, notice: null });
    try {
      const { root, notice } = await loadModel(source);
      if (token !== this.loadTokens[slot]) {
        disposeModel(root, (o) => this.shading.originalMaterials(o));
        return null;
      }
      this.replace(slot, root);
      const shown = { name: source.name, stats: computeStats(root, (o) => this.shading.originalMaterials(o)) };
      this.frameAll(slot === 'a');
      // New shaders (the first model of a page, a new kind of material) link in the background
      // where the GPU can (KHR_parallel_shader_compile) instead of blocking the page in the first frame.
      // The frame replace() and frameAll() asked for would link them synchronously: it waits.
      this.cancelFrame();
      await this.renderer.compileAsync(this.scene, this.rig.camera);
      if (token !== this.loadTokens[slot]) return null;
      this.setState(slot === 'a' ? { model: shown, notice } : { other: shown, comparing: true, notice });
      this.renderNow();
      this.finishGpuWork();
      this.setState({ firstFrameMs: performance.now() - started });
      return shown;
    } catch (error) {
      if (token !== this.loadTokens[slot]) return null;
      const message = error instanceof ModelLoadError ? error.message : 'The model could not be shown. Try opening the file again.';
      this.setState({ message });
      if (!(error instanceof ModelLoadError)) console.error(error);
      return null;
    } finally {
      if (token === this.loadTokens[slot]) this.loadingSlots.delete(slot);
      this.setState({ loading: this.loadingSlots.size > 0 });
    }
  }

  /** Shows a sentence in the view about a file that never reached the loader. */
  report(message: string): void {
    this.setState({ loading: false, message });
  }

  /** Removes the model(s) and frees everything they held. */
  clear(slot?: Slot): void {
    for (const s of slot ? [slot] : (['a', 'b'] as Slot[])) {
      this.loadTokens[s]++;
      this.loadingSlots.delete(s);
      this.replace(s, null);
    }
    const loading = this.loadingSlots.size > 0;
    this.setState(slot === 'b' ? { other: null, loading } : slot === 'a' ? { model: null, loading } : { model: null, other: null, message: null, notice: null, loading });
  }

  setShading(mode: ShadingMode): void {
    if (mode === 'material') this.ensureEnvironment();
    for (const root of Object.values(this.roots)) this.shading.apply(root, mode);
    this.setState({ shading: mode });
    this.requestRender();
  }

  setOverlay(which: 'grid' | 'axes' | 'wireframeOverlay', on: boolean): void {
    if (which !== 'wireframeOverlay') this.overlays.set(which, on);
    this.setState({ [which]: on });
    this.requestRender();
  }

  setExposure(exposure: number): void {
    this.renderer.toneMappingExposure = exposure;
    this.setState({ exposure });
    this.requestRender();
  }

  setBackground(background: BackgroundKind): void {
    this.backdrop.apply(this.scene, this.canvas, background);
    this.setState({ background });
    this.requestRender();
  }

  setTurntable(on: boolean): void {
    this.lastSpin = performance.now();
    this.setState({ turntable: on });
    this.requestRender();
  }

  /** Side by side with linked cameras; leaving compare releases the second model. */
  setComparing(on: boolean): void {
    if (!on) this.clear('b');
    this.setState({ comparing: on });
    this.resize();
  }

  command(command: ViewportCommand): void {
    if (command.kind === 'view') this.rig.setView(command.view);
    else if (command.kind === 'toggle-projection') this.rig.toggleProjection();
    else if (command.kind === 'frame') this.frameAll(false);
    else this.setShading(nextShading(this.state.shading));
    this.setState({ orthographic: this.rig.isOrthographic });
    this.requestRender();
  }

  /** Fits everything loaded in view; a fresh model also gets the home angle and a fitted grid. */
  frameAll(home: boolean): void {
    const box = new Box3();
    for (const root of Object.values(this.roots)) box.expandByObject(root);
    if (box.isEmpty()) return;
    this.overlays.fit(box);
    if (home) this.rig.setHomeAngle();
    this.rig.frame(box.getBoundingSphere(new Sphere()));
    this.requestRender();
  }

  /** The view as a PNG, at the canvas's size. */
  screenshot(): Promise<Blob> {
    const unpaint = this.backdrop.paintInto(this.scene);
    this.renderNow();
    // toBlob copies the canvas now, in this task, before anything else draws on it.
    const blob = canvasToBlob(this.canvas, 'image/png');
    unpaint();
    this.requestRender();
    return blob;
  }

  /**
   * A square 512-px WebP of the model in Material shading from the home angle, for the library.
   * Made when the page is idle, after its shaders compiled in the background (parallel compile
   * where the GPU offers it), so a job's model on screen and the Jobs list never wait for it.
   */
  async makeThumbnail(): Promise<Blob> {
    const root = this.roots.a;
    if (!root) throw new Error('Open a model before making its thumbnail.');
    await idle();
    const camera = this.thumbnailRig(root).perspective;
    this.ensureEnvironment();
    // Material shading only for the compile, undone in the same task, so no frame ever shows it.
    for (const r of Object.values(this.roots)) this.shading.apply(r, 'material');
    const compiling = this.renderer.compileAsync(this.scene, camera);
    for (const r of Object.values(this.roots)) this.shading.apply(r, this.state.shading);
    await compiling;
    await idle();
    if (this.roots.a !== root) throw new Error('The model changed before its thumbnail was made.');
    return this.capture({ width: 512, height: 512, type: 'image/webp', quality: 0.9 }, root);
  }

  /** Numbers the memory test watches: what three.js holds on the GPU. */
  memory(): { geometries: number; textures: number; programs: number } {
    const info = this.renderer.info;
    return { geometries: info.memory.geometries, textures: info.memory.textures, programs: info.programs?.length ?? 0 };
  }

  requestRender(): void {
    if (this.frameRequest) return;
    this.frameRequest = requestAnimationFrame((now) => {
      this.frameRequest = 0;
      if (this.state.turntable) {
        this.rig.spin(((now - this.lastSpin) / 1000) * 0.6);
        this.lastSpin = now;
        this.requestRender();
      }
      this.renderNow();
    });
  }

  renderNow(): void {
    const { renderer } = this;
    // A frame drawn now makes a pending one redundant (the turntable keeps its own loop going).
    this.cancelFrame();
    if (!this.state.comparing) {
      this.draw();
      return;
    }
    const { x: width, y: height } = renderer.getSize(new Vector2());
    const b = this.roots.b;
    const half = Math.floor(width / 2);
    const a = this.roots.a;
    renderer.setScissorTest(true);
    for (const [x, w, showA] of [[0, half, true], [half, width - half, false]] as const) {
      renderer.setViewport(x, 0, w, height);
      renderer.setScissor(x, 0, w, height);
      if (a) a.visible = showA;
      if (b) b.visible = !showA;
      this.draw();
    }
    if (a) a.visible = true;
    if (b) b.visible = true;
    renderer.setScissorTest(false);
    renderer.setViewport(0, 0, width, height);
  }

  private cancelFrame(): void {
    if (this.frameRequest && !this.state.turntable) {
      cancelAnimationFrame(this.frameRequest);
      this.frameRequest = 0;
    }
  }

  dispose(): void {
    cancelAnimationFrame(this.frameRequest);
    this.resizeObserver.disconnect();
    this.controls.dispose();
    this.clear();
    this.shading.dispose();
    this.shading.solid.matcap?.dispose();
    this.overlays.dispose();
    this.backdrop.dispose();
    this.environment?.dispose();
    this.renderer.dispose();
    // Gives the WebGL context back now rather than when the canvas is collected (browsers cap live contexts).
    this.renderer.forceContextLoss();
    this.listeners.clear();
    this.canvas.remove();
  }

  private draw(): void {
    this.renderer.render(this.scene, this.rig.camera);
    if (this.state.wireframeOverlay && (this.roots.a || this.roots.b)) this.overlays.drawEdges(this.renderer, this.scene, this.rig.camera, this.shading.overlay);
  }

  private replace(slot: Slot, root: Object3D | null): void {
    const old = this.roots[slot];
    if (old) disposeModel(old, (o) => this.shading.originalMaterials(o));
    delete this.roots[slot];
    if (root) {
      this.shading.adopt(root);
      this.shading.apply(root, this.state.shading);
      this.roots[slot] = root;
      this.scene.add(root);
    }
    this.requestRender();
  }

  /**
   * Material shading's light. On a software GPU the prefiltered room (three's PMREM: 256 GGX
   * samples for every texel of a 256-px cube, ~12 s of a blocked page in SwiftShader) is left
   * out and the lamps of createLights alone light the model: flatter, no reflections, but instant.
   */
  private ensureEnvironment(): void {
    if (this.softwareGpu) return;
    this.environment ??= createNeutralEnvironment(this.renderer);
    this.scene.environment = this.environment.texture;
  }

  private thumbnailRig(root: Object3D): CameraRig {
    const rig = new CameraRig();
    rig.setAspect(1);
    rig.setHomeAngle();
    rig.frame(new Box3().setFromObject(root).getBoundingSphere(new Sphere()));
    return rig;
  }

  private capture(capture: Capture, root: Object3D): Promise<Blob> {
    const { renderer } = this;
    const previous = { ratio: renderer.getPixelRatio(), width: this.canvas.clientWidth, height: this.canvas.clientHeight, shading: this.state.shading };
    const rig = this.thumbnailRig(root);
    rig.setAspect(capture.width / capture.height);
    const hidden = [this.overlays.group, ...Object.values(this.roots).filter((r) => r !== root)];
    for (const o of hidden) o.visible = false;
    this.setShading('material');
    renderer.setPixelRatio(1);
    renderer.setSize(capture.width, capture.height, false);
    const unpaint = this.backdrop.paintInto(this.scene);
    renderer.render(this.scene, rig.perspective);
    unpaint();
    // toBlob copies the canvas now, in this task, before anything else draws on it.
    const blob = canvasToBlob(this.canvas, capture.type, capture.quality);
    for (const o of hidden) o.visible = true;
    this.setShading(previous.shading);
    renderer.setPixelRatio(previous.ratio);
    renderer.setSize(previous.width, previous.height, false);
    this.renderNow();
    return blob;
  }

  /** Waits for the GPU to finish the frame, so "first frame" timings mean a frame on screen. */
  private finishGpuWork(): void {
    const gl = this.renderer.getContext();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  }

  private resize(): void {
    const width = Math.max(1, this.host.clientWidth);
    const height = Math.max(1, this.host.clientHeight);
    this.renderer.setSize(width, height, false);
    this.rig.setAspect((this.state.comparing ? width / 2 : width) / height);
    this.renderNow();
  }

  private toNdc(clientX: number, clientY: number): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    let x = (clientX - rect.left) / Math.max(1, rect.width);
    if (this.state.comparing) x = (x * 2) % 1;
    return { x: x * 2 - 1, y: 1 - ((clientY - rect.top) / Math.max(1, rect.height)) * 2 };
  }

  /** Tells the wrapper; never draws, so "loading…" does not cost a frame in the middle of a load. */
  private setState(patch: Partial<ViewportState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

/** Resolves when the page has nothing more urgent to do (input, React commits, events), or after 2 s. */
function idle(): Promise<void> {
  return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 }));
}
