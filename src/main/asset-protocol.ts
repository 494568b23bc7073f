/**
 * The read-only `asset://library/<jobId>/<area>/<name>` scheme: how the page shows thumbnails and
 * loads models from the library without ever holding a path. The core judges and reads each request
 * (`core/assets/serve.ts`); this file only binds it to Electron's protocol API.
 */
import { protocol, type CustomScheme } from 'electron';
import { assetScheme, parseAssetUrl } from '../shared/asset-url';
import type { Core } from './core';
import { APP_ORIGIN } from './core/security/navigation';

/**
 * Registered beside app:// before `ready`. Standard and secure so the URL has a host and the page's
 * CSP (`asset:`) and mixed-content rules treat it like https; fetch and CORS so the viewport's
 * loaders (which ask for images with `crossOrigin`) can read it from `app://studio`. Not
 * `bypassCSP`, not a service-worker scheme: the page's policy still decides where it may look.
 */
export const assetSchemePrivileges: CustomScheme = {
  scheme: assetScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
};

export function serveAssets(core: Pick<Core, 'serveAsset'>): void {
  protocol.handle(assetScheme, async (request) => {
    // Chromium has already normalised the URL (`..` and `%2e%2e` collapsed); parseAssetUrl then
    // judges every segment again, so whatever is left must still name one file of one job.
    const reply = await core.serveAsset({ method: request.method, ref: parseAssetUrl(request.url) }, { allowOrigin: APP_ORIGIN });
    return new Response(reply.body as ConstructorParameters<typeof Response>[0], { status: reply.status, headers: reply.headers });
  });
}
