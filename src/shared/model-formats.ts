/**
 * The one vocabulary of model formats, for every process: what a provider may hand back (the
 * catalog's OutputFormat), how a file of each is named, and which file endings mean which format.
 * Two containers need a rule rather than a name: a `.zip` result is an OBJ archive (OBJ + MTL +
 * textures, as Vtrix and Segmind ship them), and a `.gltf` is the text form of glTF, a format of its
 * own (it may point at loose buffers), never a GLB.
 */

/** Formats a provider can deliver as a job's result. */
export const outputFormats = ['glb', 'obj', 'stl', 'ply', 'usdz', 'fbx', 'mp4'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** Formats the app can open: the results plus the containers a person may drop in. */
export const modelFormats = ['glb', 'gltf', 'obj', 'zip', 'stl', 'ply', 'usdz', 'fbx'] as const;
export type ModelFormat = (typeof modelFormats)[number];

/** The file ending (no dot, lower case) → the format a file with it holds. */
export const formatByExtension: Readonly<Record<string, ModelFormat>> = {
  glb: 'glb',
  gltf: 'gltf',
  obj: 'obj',
  zip: 'zip',
  stl: 'stl',
  ply: 'ply',
  usdz: 'usdz',
  usda: 'usdz',
  usdc: 'usdz',
  fbx: 'fbx',
};

/** What a result URL's ending declares as an OutputFormat: a zip is an OBJ archive; glTF text is none of ours. */
export const outputFormatByExtension: Readonly<Record<string, OutputFormat>> = {
  glb: 'glb',
  obj: 'obj',
  zip: 'obj',
  stl: 'stl',
  ply: 'ply',
  usdz: 'usdz',
  fbx: 'fbx',
  mp4: 'mp4',
};

/** Endings the "Open model…" picker offers, with their dot. */
export const modelExtensions: readonly string[] = Object.keys(formatByExtension).map((e) => `.${e}`);

export function isOutputFormat(v: unknown): v is OutputFormat {
  return typeof v === 'string' && (outputFormats as readonly string[]).includes(v);
}

/** The ending of a file name, lower case, without the dot; '' when it has none. */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
