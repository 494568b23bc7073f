/**
 * A job's result as one document, whatever the provider delivered: GLB/glTF through
 * glTF-Transform (meshopt-compressed included), OBJ + MTL + textures, PLY and STL through our readers.
 */
import { Logger, NodeIO, type Document } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { convertPrimitiveToTriangles, dequantize, uninstance } from '@gltf-transform/functions';
import { MeshoptDecoder } from 'meshoptimizer';
import { ConvertError, type ModelFile } from './errors';
import { readObj } from './read-obj';
import { readPly } from './read-ply';
import { readStl } from './read-stl';

const compression = new Set(['EXT_meshopt_compression', 'KHR_meshopt_compression', 'KHR_draco_mesh_compression']);

async function readGltf(primary: ModelFile): Promise<Document> {
  await MeshoptDecoder.ready;
  const io = new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
  try {
    return await io.readBinary(primary.bytes);
  } catch (error) {
    const text = error instanceof Error ? error.message : '';
    if (/draco/i.test(text)) throw new ConvertError('This model is compressed with Draco, which export cannot unpack yet. Open it in Blender and export from there.');
    throw new ConvertError('The model file could not be read as GLB, so it cannot be converted. It may be damaged; run the job again to get a fresh copy.');
  }
}

export async function readSource(files: ModelFile[], primaryName: string): Promise<Document> {
  const primary = files.find((f) => f.name === primaryName);
  if (!primary) throw new ConvertError('The job’s main model file is missing from its folder. Run the job again to get it back.');
  const ext = primaryName.split('.').at(-1)?.toLowerCase();
  let doc: Document;
  if (ext === 'glb') doc = await readGltf(primary);
  else if (ext === 'obj') doc = readObj(files, primary);
  else if (ext === 'ply') doc = readPly(primary.bytes);
  else if (ext === 'stl') doc = readStl(primary.bytes);
  else throw new ConvertError(`Studio cannot convert ${ext ? `.${ext}` : 'these'} files yet; export works from GLB, OBJ, PLY and STL results.`);

  // Its progress notes ("prune: removed…") are not for the artist, and the worker has no log.
  doc.setLogger(new Logger(Logger.Verbosity.ERROR));
  // One plain shape for every writer: no quantised or instanced data, triangles only, and no
  // compression extension left to demand a decoder of whoever opens the GLB.
  await doc.transform(dequantize(), uninstance());
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      const mode = prim.getMode();
      if (mode === 5 || mode === 6) convertPrimitiveToTriangles(prim);
    }
  }
  for (const ext of doc.getRoot().listExtensionsUsed()) if (compression.has(ext.extensionName)) ext.dispose();
  if (triangleCount(doc) === 0) throw new ConvertError('The model has no triangles (only points or lines), so there is no surface to export.');
  return doc;
}

/** Triangles drawn by the default scene, each mesh counted once per node that shows it. */
export function triangleCount(doc: Document): number {
  let total = 0;
  const scene = doc.getRoot().getDefaultScene() ?? doc.getRoot().listScenes()[0];
  scene?.traverse((node) => {
    for (const prim of node.getMesh()?.listPrimitives() ?? []) {
      if (prim.getMode() !== 4) continue;
      total += Math.floor((prim.getIndices()?.getCount() ?? prim.getAttribute('POSITION')?.getCount() ?? 0) / 3);
    }
  });
  return total;
}
