/**
 * One conversion: a job's files in, the exported files out, all in memory. It runs in a worker
 * thread (see ../worker-pool.ts) so a large model never stalls the main process.
 */
import { NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { ConvertError, type ModelFile } from './errors';
import { flatten } from './parts';
import { readSource, triangleCount } from './read-source';
import { place, simplifyTo, type Units, type UpAxis } from './reshape';
import { writeObj, writePly, writeStl } from './write-mesh';
import { writeUsdz } from './write-usdz';

export type ConvertFormat = 'glb' | 'obj' | 'stl' | 'ply' | 'usdz';

export interface ConvertRequest {
  format: ConvertFormat;
  files: ModelFile[];
  primary: string;
  /** The exported files' name without extension (already made safe). */
  base: string;
  units: Units;
  upAxis: UpAxis;
  simplifyTo?: number;
}

export interface ConvertResult {
  files: ModelFile[];
  sourceTriangles: number;
  triangles: number;
}

export { ConvertError };

export async function convert(req: ConvertRequest): Promise<ConvertResult> {
  const doc = await readSource(req.files, req.primary);
  const sourceTriangles = triangleCount(doc);
  if (req.simplifyTo !== undefined) await simplifyTo(doc, req.simplifyTo);
  const triangles = triangleCount(doc);
  place(doc, req.units, req.upAxis);
  let files: ModelFile[];
  if (req.format === 'glb') {
    const bytes = await new NodeIO().registerExtensions(ALL_EXTENSIONS).writeBinary(doc);
    files = [{ name: `${req.base}.glb`, bytes }];
  } else {
    const parts = flatten(doc);
    if (parts.length === 0) throw new ConvertError('The model has no triangles to export.');
    if (req.format === 'obj') files = writeObj(parts, req.base);
    else if (req.format === 'stl') files = writeStl(parts, req.base);
    else if (req.format === 'ply') files = writePly(parts, req.base);
    else files = writeUsdz(parts, req.base, req.units, req.upAxis);
  }
  return { files, sourceTriangles, triangles };
}
