/**
 * Reading an OBJ with its MTL and textures (Vtrix's result, unpacked) into a document. Textures
 * are looked up only among the job's own files, by relative name and then by base name: an MTL
 * cannot make the converter read anything else.
 */
import type { Document, Material } from '@gltf-transform/core';
import { addMesh, Grow, imageMime, newDocument, type RawPrimitive } from './build';
import { ConvertError, type ModelFile } from './errors';

interface MtlEntry {
  color: [number, number, number];
  alpha: number;
  texture: string | null;
}

function parseMtl(text: string): Map<string, MtlEntry> {
  const out = new Map<string, MtlEntry>();
  let current: MtlEntry | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [key = '', ...rest] = line.split(/\s+/);
    const k = key.toLowerCase();
    if (k === 'newmtl') {
      current = { color: [1, 1, 1], alpha: 1, texture: null };
      out.set(rest.join(' '), current);
    } else if (!current) {
      continue;
    } else if (k === 'kd') {
      const [r = 1, g = 1, b = 1] = rest.map(Number);
      if ([r, g, b].every(Number.isFinite)) current.color = [r, g, b];
    } else if (k === 'd') {
      const d = Number(rest[0]);
      if (Number.isFinite(d)) current.alpha = Math.min(1, Math.max(0, d));
    } else if (k === 'tr') {
      const tr = Number(rest[0]);
      if (Number.isFinite(tr)) current.alpha = Math.min(1, Math.max(0, 1 - tr));
    } else if (k === 'map_kd') {
      // Options (-s 1 1 1, -bm 0.5…) come first; the file name is what is left at the end.
      current.texture = rest.at(-1) ?? null;
    }
  }
  return out;
}

function dirOf(name: string): string {
  const i = name.lastIndexOf('/');
  return i < 0 ? '' : name.slice(0, i + 1);
}

function normalise(name: string): string {
  const parts: string[] = [];
  for (const p of name.replace(/\\/g, '/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** A file among the job's own, named relative to `from`'s folder, or by its base name. */
function findFile(files: ModelFile[], from: string, ref: string): ModelFile | undefined {
  const wanted = normalise(dirOf(from) + ref).toLowerCase();
  const exact = files.find((f) => normalise(f.name).toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split('/').at(-1);
  return files.find((f) => normalise(f.name).split('/').at(-1)?.toLowerCase() === base);
}

export function readObj(files: ModelFile[], primary: ModelFile): Document {
  const text = new TextDecoder().decode(primary.bytes);
  const doc = newDocument();
  const v = new Grow((n) => new Float32Array(n));
  const vc = new Grow((n) => new Float32Array(n));
  const vt = new Grow((n) => new Float32Array(n));
  const vn = new Grow((n) => new Float32Array(n));
  let hasColors = false;
  let mtl = new Map<string, MtlEntry>();
  let mtlFile: ModelFile | undefined;

  interface Group {
    positions: Grow<Float32Array<ArrayBuffer>>;
    uvs: Grow<Float32Array<ArrayBuffer>>;
    normals: Grow<Float32Array<ArrayBuffer>>;
    colors: Grow<Float32Array<ArrayBuffer>>;
    indices: Grow<Uint32Array<ArrayBuffer>>;
    seen: Map<string, number>;
    anyUv: boolean;
    /** Normals are kept only when every corner has one (a zero normal is not a direction). */
    allNormal: boolean;
  }
  const groups = new Map<string, Group>();
  const groupFor = (name: string): Group => {
    let g = groups.get(name);
    if (!g) {
      const f = (n: number) => new Float32Array(n);
      g = { positions: new Grow(f), uvs: new Grow(f), normals: new Grow(f), colors: new Grow(f), indices: new Grow((n) => new Uint32Array(n)), seen: new Map(), anyUv: false, allNormal: true };
      groups.set(name, g);
    }
    return g;
  };
  let group = groupFor('');

  const vertex = (token: string): number => {
    const found = group.seen.get(token);
    if (found !== undefined) return found;
    const [a = '', b = '', c = ''] = token.split('/');
    const resolve = (s: string, count: number): number | null => {
      if (s === '') return null;
      const n = Number.parseInt(s, 10);
      const i = n < 0 ? count + n : n - 1;
      if (!Number.isFinite(i) || i < 0 || i >= count) throw new ConvertError('The OBJ file refers to a corner it does not define, so it cannot be converted.');
      return i;
    };
    const pi = resolve(a, v.length / 3);
    if (pi === null) throw new ConvertError('The OBJ file has a face without corners, so it cannot be converted.');
    const ti = resolve(b, vt.length / 2);
    const ni = resolve(c, vn.length / 3);
    const index = group.positions.length / 3;
    for (let k = 0; k < 3; k++) group.positions.push(v.at(pi * 3 + k));
    for (let k = 0; k < 3; k++) group.colors.push(hasColors ? vc.at(pi * 3 + k) : 1);
    group.uvs.push(ti === null ? 0 : vt.at(ti * 2));
    // OBJ counts v from the bottom of the picture, glTF from the top.
    group.uvs.push(ti === null ? 0 : 1 - vt.at(ti * 2 + 1));
    for (let k = 0; k < 3; k++) group.normals.push(ni === null ? 0 : vn.at(ni * 3 + k));
    if (ti !== null) group.anyUv = true;
    if (ni === null) group.allNormal = false;
    group.seen.set(token, index);
    return index;
  };

  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.charCodeAt(0) === 35 /* # */) continue;
    const parts = line.split(/\s+/);
    const key = parts[0];
    if (key === 'v') {
      for (let k = 1; k <= 3; k++) {
        const n = Number(parts[k]);
        if (!Number.isFinite(n)) throw new ConvertError('The OBJ file has a corner that is not a number, so it cannot be converted.');
        v.push(n);
      }
      if (parts.length >= 7) {
        hasColors = true;
        for (let k = 4; k <= 6; k++) vc.push(Number(parts[k]));
      } else {
        for (let k = 0; k < 3; k++) vc.push(1);
      }
    } else if (key === 'vt') {
      vt.push(Number(parts[1] ?? 0));
      vt.push(Number(parts[2] ?? 0));
    } else if (key === 'vn') {
      for (let k = 1; k <= 3; k++) vn.push(Number(parts[k] ?? 0));
    } else if (key === 'f') {
      const corners = parts.slice(1).map(vertex);
      // A polygon becomes a fan of triangles, as three's OBJLoader does.
      for (let k = 1; k + 1 < corners.length; k++) {
        group.indices.push(corners[0]!);
        group.indices.push(corners[k]!);
        group.indices.push(corners[k + 1]!);
      }
    } else if (key === 'usemtl') {
      group = groupFor(parts.slice(1).join(' '));
    } else if (key === 'mtllib' && !mtlFile) {
      mtlFile = findFile(files, primary.name, parts.slice(1).join(' '));
      if (mtlFile) mtl = parseMtl(new TextDecoder().decode(mtlFile.bytes));
    }
  }
  if (v.length > 0 && [...groups.values()].every((g) => g.indices.length === 0)) throw new ConvertError('The OBJ file has corners but no faces, so there is no surface to export.');

  const materials = new Map<string, Material>();
  const materialFor = (name: string): Material | undefined => {
    const entry = mtl.get(name);
    if (!entry) return undefined;
    let m = materials.get(name);
    if (m) return m;
    m = doc.createMaterial(name).setBaseColorFactor([...entry.color, entry.alpha]).setMetallicFactor(0).setRoughnessFactor(1);
    if (entry.alpha < 1) m.setAlphaMode('BLEND');
    const file = entry.texture && mtlFile ? findFile(files, mtlFile.name, entry.texture) : undefined;
    const mime = file ? imageMime(file.bytes) : null;
    if (file && mime) m.setBaseColorTexture(doc.createTexture(file.name.split('/').at(-1) ?? 'texture').setImage(file.bytes).setMimeType(mime));
    materials.set(name, m);
    return m;
  };

  const primitives: RawPrimitive[] = [];
  for (const [name, g] of groups) {
    if (g.indices.length === 0) continue;
    primitives.push({
      positions: g.positions.done(),
      uvs: g.anyUv ? g.uvs.done() : undefined,
      normals: g.allNormal ? g.normals.done() : undefined,
      colors: hasColors ? g.colors.done() : undefined,
      indices: g.indices.done(),
      material: materialFor(name),
    });
  }
  addMesh(doc, primary.name.split('/').at(-1)?.replace(/\.obj$/i, '') || 'model', primitives);
  return doc;
}
