/** The app:// scheme that serves the built renderer; never file://. */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from './core/security/csp';
import { contentTypeFor, resolveRendererFile } from './core/security/renderer-files';
import { assetSchemePrivileges } from './asset-protocol';

export const APP_SCHEME = 'app';

/**
 * Must run before `app` is ready, once for every scheme (a second call would replace the first):
 * app:// as a secure, standard origin with fetch support, and the library's read-only asset://.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    assetSchemePrivileges,
  ]);
}

export function serveRenderer(rendererRoot: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'studio' ? resolveRendererFile(rendererRoot, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeFor(file),
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
