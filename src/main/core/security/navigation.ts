import { originOf } from './sender';

/** The renderer's own origin in the app. */
export const APP_ORIGIN = 'app://studio';

/**
 * In-app navigation is never allowed: the single page never leaves itself. A reload of our own
 * origin is the only URL `will-navigate` may let through.
 */
export function isAllowedNavigation(target: string, appOrigin: string = APP_ORIGIN): boolean {
  try {
    return originOf(new URL(target)) === appOrigin;
  } catch {
    return false;
  }
}

/** Hosts the app may open in the user's browser: provider sign-up, key and docs pages. */
export const EXTERNAL_HOSTS: readonly string[] = [
  'segmind.com',
  'www.segmind.com',
  'cloud.segmind.com',
  'wavespeed.ai',
  'www.wavespeed.ai',
  'vtrix.ai',
  'www.vtrix.ai',
  'cloud.vtrix.ai',
  'github.com',
  'huggingface.co',
];

/**
 * `shell.openExternal` hands a URL to the OS, which will run any registered scheme handler, so
 * only plain https to a known host passes. Parsed, not prefix-matched: `https://segmind.com.evil`
 * and `https://segmind.com@evil.example` must both fail.
 */
export function isAllowedExternalUrl(target: unknown, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  if (typeof target !== 'string' || target.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username || url.password || url.port) return false;
  return hosts.includes(url.hostname);
}

/**
 * What to do when the page asks for a new window (window.open, target=_blank): never an Electron
 * window; an allow-listed https link goes to the user's browser instead.
 */
export function decideWindowOpen(target: string): { action: 'deny'; openInBrowser: boolean } {
  return { action: 'deny', openInBrowser: isAllowedExternalUrl(target) };
}

/** Every permission (camera, notifications, geolocation, …) is refused; the app needs none from Chromium. */
export function isAllowedPermission(_permission: string): boolean {
  return false;
}

/** A download the page may start: only a blob: URL our own origin made (a screenshot, an export preview). */
export function isOwnBlobDownload(url: string, appOrigin: string = APP_ORIGIN): boolean {
  return typeof url === 'string' && url.startsWith(`blob:${appOrigin}/`);
}
