/**
 * Turns bytes or a URL plus a file name into a three.js object. Each format's loader is imported
 * only when a file of that format arrives, so none of them weighs on the app's first start.
 */
import type { Object3D } from 'three';
import { sniffFormat, type ModelFormat } from './formats';
import { explain, ModelFileError } from './model-file-error';
import { MAX_FILE_BYTES, preflight } from './preflight';
import { ModelResources, offlineNotice } from './resources';

export type ModelSource =
  | { bytes: ArrayBuffer | Uint8Array; name: string; siblings?: Iterable<[string, Uint8Array]> }
  | { url: string; name: string };

export interface LoadedModel {
  root: Object3D;
  format: ModelFormat;
  name: string;
  /** A sentence about something left out (textures on the internet), shown with the model. */
  notice: string | null;
}

/** A file that could not be turned into a model, with the sentence to show. */
export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
}

// Inside a zip, the first of these found is the model; the rest are its textures and sidecars.
const zipPriority: ModelFormat[] = ['glb', 'gltf', 'obj', 'fbx', 'usdz', 'ply', 'stl'];

/**
 * Fetches the glTF loader (what every provider returns by default) once the app is idle, so the
 * first result opens without waiting for it; the initial bundle stays small.
 */
export function prefetchCommonLoader(): void {
  void import('./loaders/gltf').catch(() => undefined);
}

export async function loadModel(source: ModelSource): Promise<LoadedModel> {
  let format: ModelFormat | null = null;
  try {
    const { bytes, siblings, basePath } = 'url' in source ? await fetchSource(source.url) : { bytes: asBytes(source.bytes), siblings: source.siblings, basePath: '' };
    format = sniffFormat(bytes, source.name);
    if (!format) throw new ModelFileError(`"${source.name}" is not a 3D model the preview can open. Try GLB, OBJ, PLY, STL, FBX or a zip of an OBJ.`);
    if (format === 'zip') return await loadZip(bytes, source.name);
    preflight(format, bytes);
    return await parseWith(new ModelResources(siblings), format, bytes, basePath, source.name);
  } catch (error) {
    throw new ModelLoadError(explain(error, format));
  }
}

async function loadZip(bytes: Uint8Array, zipName: string): Promise<LoadedModel> {
  preflight('zip', bytes);
  const { unzipModel } = await import('./loaders/zip');
  const files = await unzipModel(bytes);
  const candidates = [...files.keys()].filter((name) => sniffFormat(new Uint8Array(0), name) !== 'zip');
  for (const wanted of zipPriority) {
    const name = candidates.find((n) => sniffFormat(new Uint8Array(0), n) === wanted);
    const inner = name ? files.get(name) : undefined;
    if (!name || !inner) continue;
    const format = sniffFormat(inner, name) ?? wanted;
    preflight(format, inner);
    return await parseWith(new ModelResources(files), format, inner, '', zipName);
  }
  throw new ModelFileError(`The zip "${zipName}" holds no model the preview can open (looked for ${zipPriority.join(', ').toUpperCase()}).`);
}

async function parseWith(resources: ModelResources, format: ModelFormat, bytes: Uint8Array, basePath: string, name: string): Promise<LoadedModel> {
  try {
    const root = await parseAs(format, bytes, resources, basePath);
    return { root, format, name, notice: offlineNotice(resources.remote.size) };
  } finally {
    resources.dispose();
  }
}

async function parseAs(format: ModelFormat, bytes: Uint8Array, resources: ModelResources, basePath: string): Promise<Object3D> {
  switch (format) {
    case 'glb':
    case 'gltf':
      return (await import('./loaders/gltf')).parseGltf(bytes, resources, basePath);
    case 'obj':
      return (await import('./loaders/obj')).parseObj(bytes, resources, basePath);
    case 'fbx':
      return (await import('./loaders/fbx')).parseFbx(bytes, resources, basePath);
    case 'usdz':
      return (await import('./loaders/usdz')).parseUsdz(bytes, resources);
    case 'ply':
    case 'stl':
      return (await import('./loaders/geometry')).parseGeometryFile(format, bytes);
    case 'zip':
      throw new ModelFileError('A zip inside a zip is not opened.');
  }
}

function asBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/** Library files arrive as asset:// URLs; relative references (textures, MTL) resolve next to them. */
async function fetchSource(url: string): Promise<{ bytes: Uint8Array; siblings: undefined; basePath: string }> {
  const response = await fetch(url);
  if (!response.ok) throw new ModelFileError(`The model file could not be read (${response.status}).`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_FILE_BYTES) throw new ModelFileError(`This file is larger than ${MAX_FILE_BYTES / 2 ** 20} MB; the preview will not open it.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { bytes, siblings: undefined, basePath: url.slice(0, url.lastIndexOf('/') + 1) };
}


