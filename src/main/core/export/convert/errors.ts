/** A conversion problem the artist can read: it crosses back from the worker as its sentence. */
export class ConvertError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConvertError';
  }
}

/** The files a conversion reads and writes: names relative to their folder, `/` separated. */
export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}
