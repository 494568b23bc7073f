/**
 * USDZ as Apple's tools read it: an uncompressed zip whose first file is a USDA layer, every file's
 * data starting on a 64-byte boundary, textures PNG or JPEG only. Written here rather than with
 * three's USDZExporter, which draws textures through a DOM canvas that Node does not have.
 */
import { crc32 } from 'node:zlib';
import type { ModelFile } from './errors';
import type { Part, PartMaterial } from './parts';
import { unitScale, type Units, type UpAxis } from './reshape';

const enc = new TextEncoder();

function n(x: number): string {
  return Number.isFinite(x) ? String(Math.fround(x)) : '0';
}

/** Joins many small strings without one huge intermediate array of pieces per value. */
function list(count: number, item: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(item(i));
  return out.join(', ');
}

export function usdaLayer(parts: Part[], units: Units, up: UpAxis, textureName: (m: PartMaterial) => string | null): string {
  const materials = new Map<PartMaterial, string>();
  for (const p of parts) if (!materials.has(p.material)) materials.set(p.material, `M${materials.size}`);
  const lines: string[] = [
    '#usda 1.0',
    '(',
    '    customLayerData = { string creator = "Hunyuan3D Studio" }',
    '    defaultPrim = "Root"',
    // The points are already in the chosen unit; this says which one that is.
    `    metersPerUnit = ${1 / unitScale[units]}`,
    `    upAxis = "${up.toUpperCase()}"`,
    ')',
    '',
    'def Xform "Root" (',
    '    kind = "component"',
    ')',
    '{',
  ];
  parts.forEach((p, i) => {
    const count = p.positions.length / 3;
    const faces = p.indices.length / 3;
    lines.push(`    def Mesh "Mesh${i}" (`, '        prepend apiSchemas = ["MaterialBindingAPI"]', '    )', '    {');
    lines.push(`        int[] faceVertexCounts = [${list(faces, () => '3')}]`);
    lines.push(`        int[] faceVertexIndices = [${list(p.indices.length, (k) => String(p.indices[k]))}]`);
    lines.push(`        point3f[] points = [${list(count, (k) => `(${n(p.positions[k * 3]!)}, ${n(p.positions[k * 3 + 1]!)}, ${n(p.positions[k * 3 + 2]!)})`)}]`);
    if (p.normals) lines.push(`        normal3f[] normals = [${list(count, (k) => `(${n(p.normals![k * 3]!)}, ${n(p.normals![k * 3 + 1]!)}, ${n(p.normals![k * 3 + 2]!)})`)}] (`, '            interpolation = "vertex"', '        )');
    // USD counts t from the bottom of the picture, glTF from the top.
    if (p.uvs) lines.push(`        texCoord2f[] primvars:st = [${list(count, (k) => `(${n(p.uvs![k * 2]!)}, ${n(1 - p.uvs![k * 2 + 1]!)})`)}] (`, '            interpolation = "vertex"', '        )');
    if (p.colors) lines.push(`        color3f[] primvars:displayColor = [${list(count, (k) => `(${n(p.colors![k * 3]!)}, ${n(p.colors![k * 3 + 1]!)}, ${n(p.colors![k * 3 + 2]!)})`)}] (`, '            interpolation = "vertex"', '        )');
    lines.push('        uniform token subdivisionScheme = "none"', `        rel material:binding = </Root/Materials/${materials.get(p.material)}>`, '    }');
  });
  lines.push('    def Scope "Materials"', '    {');
  for (const [m, name] of materials) {
    const path = `/Root/Materials/${name}`;
    const texture = textureName(m);
    lines.push(`        def Material "${name}"`, '        {', `            token outputs:surface.connect = <${path}/Surface.outputs:surface>`);
    lines.push('            def Shader "Surface"', '            {', '                uniform token info:id = "UsdPreviewSurface"');
    if (texture) lines.push(`                color3f inputs:diffuseColor.connect = <${path}/Texture.outputs:rgb>`);
    else lines.push(`                color3f inputs:diffuseColor = (${n(m.color[0])}, ${n(m.color[1])}, ${n(m.color[2])})`);
    if (m.color[3] < 1) lines.push(`                float inputs:opacity = ${n(m.color[3])}`);
    lines.push(`                float inputs:metallic = ${n(m.metallic)}`, `                float inputs:roughness = ${n(m.roughness)}`, '                token outputs:surface', '            }');
    if (texture) {
      lines.push('            def Shader "Texture"', '            {', '                uniform token info:id = "UsdUVTexture"', `                asset inputs:file = @${texture}@`);
      lines.push(`                float2 inputs:st.connect = <${path}/St.outputs:result>`, '                token inputs:wrapS = "repeat"', '                token inputs:wrapT = "repeat"');
      lines.push(`                float4 inputs:scale = (${n(m.color[0])}, ${n(m.color[1])}, ${n(m.color[2])}, 1)`, '                float3 outputs:rgb', '            }');
      lines.push('            def Shader "St"', '            {', '                uniform token info:id = "UsdPrimvarReader_float2"', '                string inputs:varname = "st"', '                float2 outputs:result', '            }');
    }
    lines.push('        }');
  }
  lines.push('    }', '}', '');
  return lines.join('\n');
}

/** A stored (uncompressed) zip whose every file's data starts on a 64-byte boundary. */
export function alignedZip(files: ModelFile[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = enc.encode(file.name);
    const crc = crc32(file.bytes);
    const unpadded = offset + 30 + name.length;
    // The padding goes in an extra field (id 0x1986, as Pixar's own writer does).
    let pad = (64 - (unpadded % 64)) % 64;
    if (pad > 0 && pad < 4) pad += 64;
    const local = new Uint8Array(30 + name.length + pad);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, file.bytes.length, true);
    lv.setUint32(22, file.bytes.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, pad, true);
    local.set(name, 30);
    if (pad > 0) {
      lv.setUint16(30 + name.length, 0x1986, true);
      lv.setUint16(32 + name.length, pad - 4, true);
    }
    const entry = new Uint8Array(46 + name.length);
    const cv = new DataView(entry.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, file.bytes.length, true);
    cv.setUint32(24, file.bytes.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    entry.set(name, 46);
    central.push(entry);
    chunks.push(local, file.bytes);
    offset += local.length + file.bytes.length;
  }
  const size = central.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, files.length, true);
  ev.setUint16(10, files.length, true);
  ev.setUint32(12, size, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function writeUsdz(parts: Part[], base: string, units: Units, up: UpAxis): ModelFile[] {
  const textures: ModelFile[] = [];
  const names = new Map<PartMaterial, string>();
  const textureName = (m: PartMaterial): string | null => {
    // USDZ allows PNG and JPEG only; other pictures leave the material its flat colour.
    if (!m.texture || (m.texture.mime !== 'image/png' && m.texture.mime !== 'image/jpeg')) return null;
    let name = names.get(m);
    if (!name) {
      name = `textures/texture${textures.length}.${m.texture.mime === 'image/png' ? 'png' : 'jpg'}`;
      names.set(m, name);
      textures.push({ name, bytes: m.texture.bytes });
    }
    return name;
  };
  const layer = enc.encode(usdaLayer(parts, units, up, textureName));
  return [{ name: `${base}.usdz`, bytes: alignedZip([{ name: `${base}.usda`, bytes: layer }, ...textures]) }];
}
