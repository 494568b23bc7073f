/**
 * Answers one `asset://` request, for the app's protocol handler and the harness's `/__asset` route
 * alike: the request names a job, an area and a file (`parseAssetPath` has already refused anything
 * else), and the bytes come only through the library's confined `readJobFile` — real path checked,
 * `O_NOFOLLOW` — so no `..`, encoded `..`, absolute path or symlink leads out of the job's folder.
 * Read-only: GET and HEAD, nothing else.
 */
import type { AssetRef } from '../../../shared/asset-url';
import { StudioError } from '../../../shared/errors';
import type { Library } from '../library';
import type { Log } from '../log';
import { assetContentType } from './content-type';

export interface AssetReply {
  status: 200 | 400 | 403 | 404 | 405 | 500 | 503;
  headers: Record<string, string>;
  /** Null for HEAD. */
  body: Uint8Array | string | null;
}

export interface AssetRequest {
  method: string;
  /** What `parseAssetPath` / `parseAssetUrl` made of the URL; null when it named no library file. */
  ref: AssetRef | null;
}

export interface AssetOptions {
  /** The library, opened on first use. */
  library: () => Promise<Pick<Library, 'readJobFile'>>;
  log: Log;
  /** The page's origin when it differs from the asset's (the app: `app://studio` reads `asset://library`). */
  allowOrigin?: string;
}

const sentences = {
  400: 'That address names no file of a job in the library.',
  403: 'That file is outside its job’s folder, so Studio does not serve it.',
  404: 'That file is not in the library (any more).',
  405: 'Library files can only be read.',
  500: 'Studio could not read that file.',
  503: 'The library is not open right now. Try again in a moment.',
} as const;

const statusFor: Record<string, Exclude<AssetReply['status'], 200>> = { 'invalid-input': 400, forbidden: 403, 'not-found': 404, unavailable: 503 };

export async function serveAsset(request: AssetRequest, options: AssetOptions): Promise<AssetReply> {
  const base: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    // Should anything navigate to a file, it is inert: no script, no subresources, a unique origin.
    'content-security-policy': "default-src 'none'; sandbox",
    ...(options.allowOrigin ? { 'access-control-allow-origin': options.allowOrigin, vary: 'origin' } : {}),
  };
  const refuse = (status: Exclude<AssetReply['status'], 200>): AssetReply => ({
    status,
    // A missing file may appear later (a download finishing, a thumbnail stored): never remember its absence.
    headers: { ...base, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: request.method === 'HEAD' ? null : sentences[status],
  });
  if (request.method !== 'GET' && request.method !== 'HEAD') return { ...refuse(405), headers: { ...refuse(405).headers, allow: 'GET, HEAD' } };
  const { ref } = request;
  if (!ref) return refuse(400);
  let bytes: Uint8Array;
  try {
    bytes = await (await options.library()).readJobFile(ref.jobId, ref.area, ref.name);
  } catch (error) {
    const status = error instanceof StudioError ? statusFor[error.code] : undefined;
    if (status === 403) options.log.warn('asset: refused a file that leads outside its job folder', { jobId: ref.jobId, area: ref.area });
    if (!status) options.log.error('asset: a library file could not be read', { jobId: ref.jobId, area: ref.area, error });
    return refuse(status ?? 500);
  }
  return {
    status: 200,
    headers: {
      ...base,
      'content-type': assetContentType(ref.name),
      'content-length': String(bytes.byteLength),
      // A thumbnail can be replaced; the page asks again rather than trusting a stale copy.
      'cache-control': 'no-cache',
    },
    body: request.method === 'HEAD' ? null : bytes,
  };
}
