/** What the main thread and the unzip worker say to each other. */
export interface ZipRequest {
  format: 'zip' | 'usdz';
  buffer: ArrayBuffer;
}

export type ZipReply = { ok: true; entries: [string, Uint8Array][] } | { ok: false; refused: boolean; message: string };
