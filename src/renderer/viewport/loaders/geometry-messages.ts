/** What the main thread and the geometry worker say to each other. */
export interface GeometryRequest {
  format: 'ply' | 'stl';
  buffer: ArrayBuffer;
}

export type GeometryReply =
  | { ok: true; attributes: Record<string, { array: Float32Array | Uint8Array | Uint16Array; itemSize: number; normalized: boolean }>; index: Uint32Array | Uint16Array | null }
  | { ok: false; message: string };
