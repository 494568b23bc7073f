/** The part of Khronos' gltf-validator the tests use (the package ships no types). */
declare module 'gltf-validator' {
  export interface ValidationReport {
    issues: { numErrors: number; numWarnings: number; numInfos: number; numHints: number; messages: { code: string; message: string; pointer?: string }[] };
    info?: { version: string; hasTextures: boolean; totalTriangleCount: number; totalVertexCount: number; materialCount: number };
  }
  export function validateBytes(data: Uint8Array, options?: Record<string, unknown>): Promise<ValidationReport>;
}
