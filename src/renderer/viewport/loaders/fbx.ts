import type { BufferGeometry, Object3D } from 'three';
import { FBXLoader } from 'three/examples/jsm/loaders/FBXLoader.js';
import type { ModelResources } from '../resources';

/**
 * Known limit: binary FBX arrays are zlib streams that FBXLoader inflates with fflate's unzlibSync on
 * this thread, without an output bound, and FBXLoader builds live three.js objects that cannot come
 * back from a worker. A hostile binary FBX with a deflate bomb inside can therefore still stall the
 * page; the file-size cap (MAX_FILE_BYTES) is the only bound today.
 */
export async function parseFbx(bytes: Uint8Array, resources: ModelResources, basePath: string): Promise<Object3D> {
  const root = new FBXLoader(resources.manager).parse(bytes.slice().buffer, basePath);
  // FBX files without normals would otherwise shade as one flat colour in every mode.
  root.traverse((o) => {
    const geometry = (o as { isMesh?: boolean; geometry?: BufferGeometry }).geometry;
    if ((o as { isMesh?: boolean }).isMesh && geometry && !geometry.hasAttribute('normal')) geometry.computeVertexNormals();
  });
  await resources.settled();
  return root;
}
