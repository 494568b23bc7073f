/**
 * The `asset://` URLs by which the page names a library file: a job, an area and a name, never a
 * path on disk. `asset://library/<jobId>/<inputs|outputs>/<name>` or `asset://library/<jobId>/thumb/thumb.webp`
 * (the result thumbnail the viewport rendered). The app serves the scheme from main; a browser has
 * no such scheme, so in the harness the page asks its own origin at `/__asset/library/…` instead
 * (`assetSrc` chooses). Both shells parse requests with `parseAssetPath`, so they refuse alike.
 */
import { jobIdSchema } from './jobs';

export const assetScheme = 'asset';
export const assetHost = 'library';
export const assetAreas = ['inputs', 'outputs', 'thumb'] as const;
export type AssetArea = (typeof assetAreas)[number];
/** The only file of the `thumb` area: the result thumbnail, `jobs/<id>/thumb.webp`. */
export const resultThumbnailName = 'thumb.webp';
/** The harness's route for the same paths (same origin as its page). */
export const harnessAssetPrefix = '/__asset';

export interface AssetRef {
  jobId: string;
  area: AssetArea;
  /** A file in the area; `/` separates the folders an unpacked zip made (`textures/wood.png`). */
  name: string;
}

const maxNameLength = 260;
const maxSegments = 8;

/**
 * One folder or file name as the library stores them: no separator, no `..` anywhere, no control
 * character or NUL, no drive or stream colon, and no leading dot (the library's temp files and
 * debris are dot files, and are nobody's asset).
 */
function isPlainSegment(segment: string): boolean {
  if (segment.length === 0 || segment.length > 255 || segment.startsWith('.') || segment.includes('..')) return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return !/[/\\:\u0000-\u001f\u007f]/.test(segment);
}

function isAssetRef(jobId: string, area: string, segments: string[]): area is AssetArea {
  if (!jobIdSchema.safeParse(jobId).success || !(assetAreas as readonly string[]).includes(area)) return false;
  if (segments.length === 0 || segments.length > maxSegments || !segments.every(isPlainSegment)) return false;
  if (segments.join('/').length > maxNameLength) return false;
  return area !== 'thumb' || (segments.length === 1 && segments[0] === resultThumbnailName);
}

/** The URL the page gets for one file. Throws for a name no library file can have (a bug, not input). */
export function assetUrl(jobId: string, area: AssetArea, name: string): string {
  const segments = name.split('/');
  if (!isAssetRef(jobId, area, segments)) throw new Error(`asset-url: ${JSON.stringify([jobId, area, name])} names no library file`);
  return `${assetScheme}://${assetHost}/${jobId}/${area}/${segments.map(encodeURIComponent).join('/')}`;
}

/**
 * A request path, still percent-encoded as it arrived (`/library/<id>/<area>/<name…>`), as the file
 * it names, or null. Each segment is decoded on its own and then judged, so `%2e%2e`, `%2f`, `%5c`
 * and `%00` are refused like their plain spellings; an empty segment (`//etc`) is refused too. A
 * query is ignored (the page may add one to see a thumbnail again), a fragment never reaches us.
 */
export function parseAssetPath(rawPath: string): AssetRef | null {
  if (typeof rawPath !== 'string' || rawPath.length > 4 * maxNameLength) return null;
  const path = rawPath.split(/[?#]/, 1)[0] ?? '';
  const parts = path.split('/');
  if (parts[0] !== '' || parts[1] !== assetHost) return null;
  let decoded: string[];
  try {
    decoded = parts.slice(2).map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
  const [jobId = '', area = '', ...segments] = decoded;
  if (!isAssetRef(jobId, area, segments)) return null;
  return { jobId, area, name: segments.join('/') };
}

/** An `asset://library/…` URL as the file it names, or null for anything else. */
export function parseAssetUrl(url: string): AssetRef | null {
  const prefix = `${assetScheme}://`;
  if (typeof url !== 'string' || !url.startsWith(prefix)) return null;
  return parseAssetPath(`/${url.slice(prefix.length)}`);
}

/**
 * What the page puts in `src` or `fetch`: the asset URL itself in the app (`app://` pages, where
 * main serves the scheme), or the same path on the page's own origin in the harness. Other URLs
 * (blob:, data:) pass unchanged. Relative names (an OBJ's MTL, its textures) resolve against either.
 */
export function assetSrc(url: string, pageOrigin: string): string {
  const ref = parseAssetUrl(url);
  if (!ref || pageOrigin.startsWith('app:')) return url;
  return `${pageOrigin}${harnessAssetPrefix}${url.slice(`${assetScheme}:/`.length)}`;
}
