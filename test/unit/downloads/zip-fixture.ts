/**
 * Zips written byte by byte, so tests can make the hostile ones no zip tool would: lying sizes,
 * symlink attributes, `../` names, overlapping entries.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface FixtureEntry {
  name: string;
  data?: Uint8Array | string;
  /** 0 stored, 8 deflate (default). */
  method?: number;
  /** Unix mode for the external attributes (made-by host = Unix); e.g. 0o120777 for a symlink. */
  mode?: number;
  /** Override what the headers declare. */
  declaredSize?: number;
  declaredCrc?: number;
  flags?: number;
  /** Point this entry's central record at another entry's local header (overlap bombs). */
  sameDataAs?: number;
}

export function makeZip(entries: FixtureEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  const sizes: { compressed: number; size: number; crc: number; method: number }[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data ?? new Uint8Array());
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name, 'utf8');
    const crc = e.declaredCrc ?? crc32(raw);
    const size = e.declaredSize ?? raw.length;
    const flags = (e.flags ?? 0) | 0x800;
    if (e.sameDataAs !== undefined) {
      offsets.push(offsets[e.sameDataAs]!);
      sizes.push(sizes[e.sameDataAs]!);
    } else {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(flags, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(name.length, 26);
      locals.push(local, name, body);
      offsets.push(offset);
      sizes.push({ compressed: body.length, size, crc, method });
      offset += 30 + name.length + body.length;
    }
    const s = sizes[i]!;
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(s.method, 10);
    central.writeUInt32LE(s.crc >>> 0, 16);
    central.writeUInt32LE(s.compressed, 20);
    central.writeUInt32LE(e.sameDataAs === undefined ? size : s.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offsets[i]!, 42);
    centrals.push(central, name);
  });
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

export const objText = 'mtllib model.mtl\no cube\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl m\nf 1 2 3\n';
export const mtlText = 'newmtl m\nmap_Kd texture.png\n';
