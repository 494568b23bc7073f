/** GLB and glTF, with the Draco and meshopt decoders shipped in our own bundle (never a CDN). */
import type { Object3D } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { DRACO_GLTF_CONFIG, DRACOLoader } from 'three/examples/jsm/loaders/DRACOLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import type { ModelResources } from '../resources';

let draco: DRACOLoader | null = null;

/** One Draco loader for the app's lifetime: its workers and compiled wasm are reused across models. */
function dracoLoader(): DRACOLoader {
  // DRACO_GLTF_CONFIG's files are `new URL(…, import.meta.url)`, which Vite copies into our build.
  draco ??= new DRACOLoader().setDecoderPath(DRACO_GLTF_CONFIG).setWorkerLimit(2);
  return draco;
}

export async function parseGltf(bytes: Uint8Array, resources: ModelResources, basePath: string): Promise<Object3D> {
  const loader = new GLTFLoader(resources.manager).setDRACOLoader(dracoLoader()).setMeshoptDecoder(MeshoptDecoder);
  const data = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
  const gltf = await loader.parseAsync(data as ArrayBuffer, basePath);
  return gltf.scene;
}
