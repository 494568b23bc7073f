import { LoadingManager } from 'three';

/** A 1×1 transparent PNG: what a texture on the internet becomes, so nothing leaves the app. */
const PLACEHOLDER = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The sentence shown over a model whose textures point at the internet. */
export function offlineNotice(count: number): string | null {
  if (count === 0) return null;
  return count === 1 ? '1 texture refers to the internet and was not loaded.' : `${count} textures refer to the internet and were not loaded.`;
}

/**
 * Files that travel with a model (an OBJ's MTL and textures, a glTF's .bin) when they came from a
 * zip or were dropped together. Loaders ask for them by URL; the manager hands back blob URLs.
 */
export class ModelResources {
  readonly manager = new LoadingManager();
  private readonly byName = new Map<string, Uint8Array>();
  /** One blob URL per sibling file, however often loaders ask for it. */
  private readonly blobUrls = new Map<string, string>();
  /** blob: URLs loaders made themselves (FBXLoader's embedded textures) and never revoke. */
  private readonly foreignBlobUrls = new Set<string>();
  /** URLs on other machines that the model asked for; they were never requested. */
  readonly remote = new Set<string>();
  private pending = 0;
  private idle: (() => void)[] = [];

  constructor(files: Iterable<[string, Uint8Array]> = []) {
    for (const [name, bytes] of files) this.byName.set(normalise(name), bytes);
    this.manager.setURLModifier((url) => this.urlFor(url));
    this.manager.itemStart = () => void this.pending++;
    const done = () => {
      this.pending--;
      if (this.pending <= 0) for (const resolve of this.idle.splice(0)) resolve();
    };
    this.manager.itemEnd = done;
    this.manager.itemError = () => undefined;
  }

  /** The bytes of a file by name, matching the way model files refer to each other (paths, case, %20). */
  get(name: string): Uint8Array | undefined {
    const key = this.keyOf(name);
    return key === undefined ? undefined : this.byName.get(key);
  }

  private keyOf(name: string): string | undefined {
    const wanted = normalise(name);
    if (this.byName.has(wanted)) return wanted;
    // Zips nest files in folders ("cube/textures/a.png" for "textures/a.png"); exporters also write absolute paths.
    const keys = [...this.byName.keys()];
    return keys.find((k) => k.endsWith('/' + wanted)) ?? keys.find((k) => basename(k) === basename(wanted));
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Resolves once every texture the loaders started has arrived or failed, or after `ms`. */
  settled(ms = 15_000): Promise<void> {
    if (this.pending <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle.push(resolve);
      setTimeout(resolve, ms);
    });
  }

  dispose(): void {
    for (const url of [...this.blobUrls.values(), ...this.foreignBlobUrls]) URL.revokeObjectURL(url);
    this.blobUrls.clear();
    this.foreignBlobUrls.clear();
  }

  private urlFor(url: string): string {
    if (/^blob:/i.test(url)) this.foreignBlobUrls.add(url);
    if (/^(blob|data):/i.test(url)) return url;
    const key = this.keyOf(url);
    const bytes = key === undefined ? undefined : this.byName.get(key);
    if (key === undefined || !bytes) {
      if (!isRemote(url)) return url;
      this.remote.add(url);
      return PLACEHOLDER;
    }
    let blobUrl = this.blobUrls.get(key);
    if (!blobUrl) {
      blobUrl = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeFor(url) }));
      this.blobUrls.set(key, blobUrl);
    }
    return blobUrl;
  }
}

/** A URL with a scheme of its own (https:, ftp:, …) that is not this app's: the internet, to a model file. */
function isRemote(url: string): boolean {
  if (!/^[a-z][a-z0-9+.-]+:/i.test(url) || /^(blob|data|asset):/i.test(url)) return false;
  try {
    return new URL(url).origin !== globalThis.location?.origin;
  } catch {
    return true;
  }
}

function normalise(name: string): string {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // A stray % in a file name is a character, not an escape.
  }
  return decoded.replace(/\\/g, '/').replace(/^([a-z]+:\/\/[^/]*)?\/*(\.\/)*/i, '').toLowerCase();
}

function basename(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function mimeFor(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return ({ png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' } as Record<string, string>)[ext] ?? 'application/octet-stream';
}
