/** Writers for the formats without a scene graph: OBJ + MTL + textures, binary STL, binary PLY. */
import type { ModelFile } from './errors';
import type { Part, PartMaterial } from './parts';

const enc = new TextEncoder();

export function textureExtension(mime: string): string {
  return mime === 'image/jpeg' ? 'jpg' : mime === 'image/webp' ? 'webp' : mime === 'image/ktx2' ? 'ktx2' : 'png';
}

/** Numbers as short text that reads back to the same float32. */
function num(x: number): string {
  return Number.isFinite(x) ? String(Math.fround(x)) : '0';
}

/** Text built in pieces: one string per line would not fit a large model in memory twice. */
class Lines {
  private chunks: Uint8Array[] = [];
  private pending: string[] = [];
  add(line: string): void {
    this.pending.push(line);
    if (this.pending.length >= 8192) this.flush();
  }
  private flush(): void {
    this.chunks.push(enc.encode(this.pending.join('\n') + '\n'));
    this.pending = [];
  }
  bytes(): Uint8Array {
    this.flush();
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

export function writeObj(parts: Part[], base: string): ModelFile[] {
  const materials = new Map<PartMaterial, string>();
  const textures: ModelFile[] = [];
  const mtl = new Lines();
  mtl.add('# Exported by Hunyuan3D Studio');
  for (const part of parts) {
    if (materials.has(part.material)) continue;
    const name = `m${materials.size}_${part.material.name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}`;
    materials.set(part.material, name);
    const [r, g, b, a] = part.material.color;
    mtl.add(`newmtl ${name}`);
    mtl.add(`Kd ${num(r)} ${num(g)} ${num(b)}`);
    mtl.add('Ka 0 0 0');
    mtl.add('Ks 0 0 0');
    if (a < 1) mtl.add(`d ${num(a)}`);
    if (part.material.texture) {
      const file = `${base}_${textures.length}.${textureExtension(part.material.texture.mime)}`;
      textures.push({ name: file, bytes: part.material.texture.bytes });
      mtl.add(`map_Kd ${file}`);
    }
  }
  const obj = new Lines();
  obj.add('# Exported by Hunyuan3D Studio');
  obj.add(`mtllib ${base}.mtl`);
  let v = 1, vt = 1, vn = 1;
  parts.forEach((part, p) => {
    obj.add(`o part${p}`);
    const count = part.positions.length / 3;
    for (let i = 0; i < count; i++) obj.add(`v ${num(part.positions[i * 3]!)} ${num(part.positions[i * 3 + 1]!)} ${num(part.positions[i * 3 + 2]!)}`);
    if (part.uvs) for (let i = 0; i < count; i++) obj.add(`vt ${num(part.uvs[i * 2]!)} ${num(1 - part.uvs[i * 2 + 1]!)}`);
    if (part.normals) for (let i = 0; i < count; i++) obj.add(`vn ${num(part.normals[i * 3]!)} ${num(part.normals[i * 3 + 1]!)} ${num(part.normals[i * 3 + 2]!)}`);
    obj.add(`usemtl ${materials.get(part.material)}`);
    const corner = (i: number): string => {
      const a = v + i, b = vt + i, c = vn + i;
      if (part.uvs && part.normals) return `${a}/${b}/${c}`;
      if (part.uvs) return `${a}/${b}`;
      if (part.normals) return `${a}//${c}`;
      return String(a);
    };
    for (let t = 0; t < part.indices.length; t += 3) obj.add(`f ${corner(part.indices[t]!)} ${corner(part.indices[t + 1]!)} ${corner(part.indices[t + 2]!)}`);
    v += count;
    if (part.uvs) vt += count;
    if (part.normals) vn += count;
  });
  return [{ name: `${base}.obj`, bytes: obj.bytes() }, { name: `${base}.mtl`, bytes: mtl.bytes() }, ...textures];
}

export function writeStl(parts: Part[], base: string): ModelFile[] {
  const triangles = parts.reduce((n, p) => n + p.indices.length / 3, 0);
  const out = new Uint8Array(84 + triangles * 50);
  const view = new DataView(out.buffer);
  out.set(enc.encode('Exported by Hunyuan3D Studio').subarray(0, 80));
  view.setUint32(80, triangles, true);
  let at = 84;
  for (const part of parts) {
    const p = part.positions;
    for (let t = 0; t < part.indices.length; t += 3) {
      const [a, b, c] = [part.indices[t]! * 3, part.indices[t + 1]! * 3, part.indices[t + 2]! * 3];
      const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
      const vx = p[c]! - p[a]!, vy = p[c + 1]! - p[a + 1]!, vz = p[c + 2]! - p[a + 2]!;
      const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
      const len = Math.hypot(nx, ny, nz) || 1;
      for (const n of [nx / len, ny / len, nz / len]) {
        view.setFloat32(at, n, true);
        at += 4;
      }
      for (const i of [a, b, c]) for (let k = 0; k < 3; k++) {
        view.setFloat32(at, p[i + k]!, true);
        at += 4;
      }
      at += 2;
    }
  }
  return [{ name: `${base}.stl`, bytes: out }];
}

/** Binary little-endian PLY: positions, and normals, texture coordinates and colours when every part has them. */
export function writePly(parts: Part[], base: string): ModelFile[] {
  const vertices = parts.reduce((n, p) => n + p.positions.length / 3, 0);
  const faces = parts.reduce((n, p) => n + p.indices.length / 3, 0);
  const normals = parts.every((p) => p.normals);
  const uvs = parts.every((p) => p.uvs);
  // Colour is what PLY carries instead of a material: vertex colours, or each part's base colour.
  const colors = parts.some((p) => p.colors) || new Set(parts.map((p) => p.material.color.slice(0, 3).join())).size > 1;
  const header = [
    'ply', 'format binary_little_endian 1.0', 'comment Exported by Hunyuan3D Studio', `element vertex ${vertices}`,
    'property float x', 'property float y', 'property float z',
    ...(normals ? ['property float nx', 'property float ny', 'property float nz'] : []),
    ...(uvs ? ['property float s', 'property float t'] : []),
    ...(colors ? ['property uchar red', 'property uchar green', 'property uchar blue'] : []),
    `element face ${faces}`, 'property list uchar uint vertex_indices', 'end_header', '',
  ].join('\n');
  const head = enc.encode(header);
  const stride = 12 + (normals ? 12 : 0) + (uvs ? 8 : 0) + (colors ? 3 : 0);
  const out = new Uint8Array(head.length + vertices * stride + faces * 13);
  out.set(head);
  const view = new DataView(out.buffer);
  let at = head.length;
  const byte = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 255);
  for (const part of parts) {
    const count = part.positions.length / 3;
    const [mr, mg, mb] = part.material.color;
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < 3; k++) {
        view.setFloat32(at, part.positions[i * 3 + k]!, true);
        at += 4;
      }
      if (normals) for (let k = 0; k < 3; k++) {
        view.setFloat32(at, part.normals![i * 3 + k]!, true);
        at += 4;
      }
      if (uvs) {
        view.setFloat32(at, part.uvs![i * 2]!, true);
        // PLY counts t from the bottom of the picture.
        view.setFloat32(at + 4, 1 - part.uvs![i * 2 + 1]!, true);
        at += 8;
      }
      if (colors) {
        const c = part.colors;
        out[at++] = byte((c ? c[i * 3]! : 1) * mr);
        out[at++] = byte((c ? c[i * 3 + 1]! : 1) * mg);
        out[at++] = byte((c ? c[i * 3 + 2]! : 1) * mb);
      }
    }
  }
  let offset = 0;
  for (const part of parts) {
    for (let t = 0; t < part.indices.length; t += 3) {
      out[at++] = 3;
      for (let k = 0; k < 3; k++) {
        view.setUint32(at, part.indices[t + k]! + offset, true);
        at += 4;
      }
    }
    offset += part.positions.length / 3;
  }
  return [{ name: `${base}.ply`, bytes: out }];
}
