/** The viewport's look: the neutral studio environment, the clay matcap, lights and backgrounds. */
import {
  CanvasTexture, Color, DirectionalLight, Group, HemisphereLight, PMREMGenerator, SRGBColorSpace,
  type Scene, type Texture, type WebGLRenderer, type WebGLRenderTarget,
} from 'three';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';
import type { BackgroundKind } from './shading-modes';

/** A neutral grey room prefiltered for PBR: no HDR file to download or ship. */
export function createNeutralEnvironment(renderer: WebGLRenderer): WebGLRenderTarget {
  const pmrem = new PMREMGenerator(renderer);
  const room = new RoomEnvironment();
  const target = pmrem.fromScene(room, 0.04);
  room.dispose();
  pmrem.dispose();
  return target;
}

function paint(width: number, height: number, draw: (g: CanvasRenderingContext2D) => void): CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (g) draw(g);
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  return texture;
}

/** A soft clay matcap painted at start-up, lit from the upper left like Blender's default studio light. */
export function createClayMatcap(): Texture {
  return paint(256, 256, (g) => {
    const body = g.createRadialGradient(98, 82, 4, 128, 128, 132);
    body.addColorStop(0, '#f4f2ee');
    body.addColorStop(0.3, '#c4c2be');
    body.addColorStop(0.72, '#6d6c6a');
    body.addColorStop(1, '#2c2c2e');
    g.fillStyle = body;
    g.fillRect(0, 0, 256, 256);
    const rim = g.createRadialGradient(128, 128, 96, 128, 128, 128);
    rim.addColorStop(0, 'rgba(255,255,255,0)');
    rim.addColorStop(0.85, 'rgba(200,210,230,0.10)');
    rim.addColorStop(1, 'rgba(220,230,255,0.28)');
    g.fillStyle = rim;
    g.fillRect(0, 0, 256, 256);
  });
}

/** Lights for materials that ignore the environment (Phong/Lambert from OBJ and FBX files). */
export function createLights(): Group {
  const lights = new Group();
  lights.name = 'viewport lights';
  lights.add(new HemisphereLight(0xffffff, 0x404048, 1.2));
  const key = new DirectionalLight(0xffffff, 1.2);
  key.position.set(3, 5, 4);
  lights.add(key);
  return lights;
}

const flatBackgrounds: Record<Exclude<BackgroundKind, 'gradient'>, number> = { dark: 0x232326, grey: 0x48484c, light: 0xc4c4c8 };

/**
 * Scene backgrounds. The gradient is CSS behind a transparent canvas, not a textured quad: a
 * full-screen texture pass every frame is a fifth of a small model's first frame on a software
 * GPU. Captures, which have no CSS behind them, paint it into the image instead.
 */
export class Backdrop {
  private gradient: CanvasTexture | null = null;
  private kind: BackgroundKind = 'gradient';

  apply(scene: Scene, canvas: HTMLCanvasElement, kind: BackgroundKind): void {
    this.kind = kind;
    canvas.classList.toggle('backdrop-gradient', kind === 'gradient');
    scene.background = kind === 'gradient' ? null : new Color(flatBackgrounds[kind]);
  }

  /** Puts the background into the rendered image itself for the next render; returns the undo. */
  paintInto(scene: Scene): () => void {
    if (this.kind !== 'gradient') return () => undefined;
    // The same stops as .backdrop-gradient in viewport.css.
    this.gradient ??= paint(4, 256, (g) => {
      const fill = g.createLinearGradient(0, 0, 0, 256);
      fill.addColorStop(0, '#46464c');
      fill.addColorStop(1, '#161618');
      g.fillStyle = fill;
      g.fillRect(0, 0, 4, 256);
    });
    scene.background = this.gradient;
    return () => {
      scene.background = null;
    };
  }

  dispose(): void {
    this.gradient?.dispose();
  }
}
