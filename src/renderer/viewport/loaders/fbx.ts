import type { Object3D } from 'three';
import { FBXLoader } from 'three/examples/jsm/loaders/FBXLoader.js';
import type { ModelResources } from '../resources';

export async function parseFbx(bytes: Uint8Array, resources: ModelResources, basePath: string): Promise<Object3D> {
  const root = new FBXLoader(resources.manager).parse(bytes.slice().buffer, basePath);
  await resources.settled();
  return root;
}
