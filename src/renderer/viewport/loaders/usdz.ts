import type { Object3D } from 'three';
import { USDLoader } from 'three/examples/jsm/loaders/USDLoader.js';
import { zipSync } from 'fflate';
import { ModelFileError } from '../model-file-error';
import type { ModelResources } from '../resources';
import { unzipModel } from './zip';

export const USDZ_UNAVAILABLE = 'Preview not available for USDZ, export still works.';

/** three's USD support covers common files, not all of USD; anything it cannot draw gets one honest sentence. */
export async function parseUsdz(bytes: Uint8Array, resources: ModelResources): Promise<Object3D> {
  let root: Object3D;
  // USDLoader would unzip on this thread with no limits: unpack in the guarded worker first and hand
  // it the same files stored (no inflating left to do), in the same order (the root layer first).
  const usdz = bytes[0] === 0x50 && bytes[1] === 0x4b ? zipSync(Object.fromEntries(await unzipModel(bytes, 'usdz')), { level: 0 }) : bytes.slice();
  try {
    root = new USDLoader(resources.manager).parse(usdz.buffer as ArrayBuffer);
  } catch {
    throw new ModelFileError(USDZ_UNAVAILABLE);
  }
  let drawable = false;
  root.traverse((o) => (drawable ||= (o as { isMesh?: boolean }).isMesh === true));
  if (!drawable) throw new ModelFileError(USDZ_UNAVAILABLE);
  await resources.settled();
  return root;
}
