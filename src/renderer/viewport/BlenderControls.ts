/**
 * Pointer, wheel and keyboard input on the viewport canvas, mapped by keymap.ts. Keys are read only
 * while the canvas has focus, so typing in a field elsewhere never moves the view.
 */
import { commandForKey, dragModeFor, type DragMode, type ViewportCommand } from './keymap';
import type { CameraRig } from './CameraRig';

export interface ControlsHost {
  rig: CameraRig;
  /** Cursor position in the coordinates of the view under it (compare splits the canvas). */
  toNdc(clientX: number, clientY: number): { x: number; y: number };
  command(command: ViewportCommand): void;
  changed(): void;
}

export class BlenderControls {
  private drag: { mode: DragMode; x: number; y: number; pointer: number } | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly host: ControlsHost,
  ) {
    const options = { signal: this.abort.signal };
    canvas.addEventListener('pointerdown', (e) => this.onPointerDown(e), options);
    canvas.addEventListener('pointermove', (e) => this.onPointerMove(e), options);
    canvas.addEventListener('pointerup', (e) => this.onPointerUp(e), options);
    canvas.addEventListener('pointercancel', (e) => this.onPointerUp(e), options);
    canvas.addEventListener('wheel', (e) => this.onWheel(e), { ...options, passive: false });
    canvas.addEventListener('keydown', (e) => this.onKeyDown(e), options);
    // A middle click would start the browser's autoscroll; Alt+click would open menus on some desktops.
    canvas.addEventListener('mousedown', (e) => e.button === 1 && e.preventDefault(), options);
    canvas.addEventListener('contextmenu', (e) => e.preventDefault(), options);
  }

  dispose(): void {
    this.abort.abort();
  }

  private onPointerDown(event: PointerEvent): void {
    this.canvas.focus({ preventScroll: true });
    const mode = dragModeFor(event.button, event);
    if (!mode) return;
    event.preventDefault();
    this.drag = { mode, x: event.clientX, y: event.clientY, pointer: event.pointerId };
    this.canvas.setPointerCapture(event.pointerId);
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    const dx = event.clientX - this.drag.x;
    const dy = event.clientY - this.drag.y;
    this.drag.x = event.clientX;
    this.drag.y = event.clientY;
    if (this.drag.mode === 'orbit') this.host.rig.orbit(dx, dy);
    else this.host.rig.pan(dx, dy, this.canvas.clientHeight);
    this.host.changed();
  }

  private onPointerUp(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    if (this.canvas.hasPointerCapture(event.pointerId)) this.canvas.releasePointerCapture(event.pointerId);
    this.drag = null;
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    // Lines and pages become pixels so a mouse wheel and a trackpad zoom at similar speeds.
    const pixels = event.deltaY * (event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1);
    const factor = Math.pow(1.0015, Math.max(-400, Math.min(400, pixels)));
    const ndc = this.host.toNdc(event.clientX, event.clientY);
    this.host.rig.zoomAt(ndc.x, ndc.y, factor);
    this.host.changed();
  }

  private onKeyDown(event: KeyboardEvent): void {
    const command = commandForKey(event);
    if (!command) return;
    event.preventDefault();
    this.host.command(command);
  }
}
