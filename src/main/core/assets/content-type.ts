/**
 * The Content-Type of a library file, from its extension. Only types the page reads as data are
 * named; anything else (an SVG, an HTML file a zip carried) is `application/octet-stream`, which,
 * with `nosniff`, no page renders or runs.
 */
const types: Record<string, string> = {
  glb: 'model/gltf-binary',
  gltf: 'model/gltf+json',
  bin: 'application/octet-stream',
  obj: 'model/obj',
  mtl: 'model/mtl',
  stl: 'model/stl',
  ply: 'application/ply',
  fbx: 'application/octet-stream',
  usdz: 'model/vnd.usdz+zip',
  zip: 'application/zip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  ktx2: 'image/ktx2',
  json: 'application/json',
};

export function assetContentType(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > name.lastIndexOf('/') ? name.slice(dot + 1).toLowerCase() : '';
  return types[ext] ?? 'application/octet-stream';
}
