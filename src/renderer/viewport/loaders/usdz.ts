import type { Object3D } from 'three';
import { USDLoader } from 'three/examples/jsm/loaders/USDLoader.js';
import { ModelFileError } from '../model-file-error';
import type { ModelResources } from '../resources';

export const USDZ_UNAVAILABLE = 'Preview not available for USDZ, export still works.';

/** three's USD support covers common files, not all of USD; anything it cannot draw gets one honest sentence. */
export async function parseUsdz(bytes: Uint8Array, resources: ModelResources): Promise<Object3D> {
  let root: Object3D;
  try {
    root = new USDLoader(resources.manager).parse(bytes.slice().buffer);
  } catch {
    throw new ModelFileError(USDZ_UNAVAILABLE);
  }
  let drawable = false;
  root.traverse((o) => (drawable ||= (o as { isMesh?: boolean }).isMesh === true));
  if (!drawable) throw new ModelFileError(USDZ_UNAVAILABLE);
  await resources.settled();
  return root;
}
