/**
 * The reference the viewport is measured against: nothing but GLTFLoader and WebGLRenderer, the
 * least any three.js preview must do to show a GLB.
 */
import { DirectionalLight, HemisphereLight, PerspectiveCamera, Scene, WebGLRenderer, type Object3D } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';

const params = new URLSearchParams(location.search);
const width = Number(params.get('w') ?? 800);
const height = Number(params.get('h') ?? 600);
const canvas = document.createElement('canvas');
document.body.append(canvas);
const renderer = new WebGLRenderer({ canvas, antialias: true });
renderer.setSize(width, height);
const scene = new Scene();
scene.add(new HemisphereLight(0xffffff, 0x444444, 1.5), new DirectionalLight(0xffffff, 1.5));
const camera = new PerspectiveCamera(40, width / height, 0.01, 100);
camera.position.set(0, 0, 4);
const loader = new GLTFLoader();
let shown: Object3D | null = null;

async function bareLoad(url: string): Promise<number> {
  const bytes = await (await fetch(url)).arrayBuffer();
  if (shown) {
    scene.remove(shown);
    shown.traverse((o) => (o as { geometry?: { dispose(): void } }).geometry?.dispose());
  }
  const started = performance.now();
  const gltf = await loader.parseAsync(bytes, '');
  shown = gltf.scene;
  scene.add(shown);
  renderer.render(scene, camera);
  const gl = renderer.getContext() as WebGL2RenderingContext;
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  return performance.now() - started;
}

(window as unknown as { bareLoad: typeof bareLoad }).bareLoad = bareLoad;
