/** OBJ with its MTL and textures, as loose files or straight from a zip. */
import type { Object3D } from 'three';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { MTLLoader } from 'three/examples/jsm/loaders/MTLLoader.js';
import type { ModelResources } from '../resources';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

export async function parseObj(bytes: Uint8Array, resources: ModelResources, basePath: string): Promise<Object3D> {
  const source = text(bytes);
  const loader = new OBJLoader(resources.manager);
  for (const [, library] of source.matchAll(/^mtllib\s+(.+?)\s*$/gm)) {
    const mtl = library ? (resources.get(library) ?? (basePath ? await fetchBytes(basePath + library) : undefined)) : undefined;
    if (!mtl) continue;
    const materials = new MTLLoader(resources.manager).parse(text(mtl), basePath);
    materials.preload();
    loader.setMaterials(materials);
    break;
  }
  const root = loader.parse(source);
  await resources.settled();
  return root;
}

/** A library OBJ (asset:// URL) names its MTL relative to itself. */
async function fetchBytes(url: string): Promise<Uint8Array | undefined> {
  try {
    const response = await fetch(url);
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
}
