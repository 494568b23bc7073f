/** Who sent an IPC message: the frame's URL and whether it is the window's top frame. */
export interface Sender {
  url: string;
  isMainFrame: boolean;
}

/**
 * Only our own top frame, served from our own origin, may call the core. A subframe or a page
 * that somehow navigated elsewhere is refused even if it can reach the IPC pipe.
 */
export function isTrustedSender(sender: Sender | null | undefined, trustedOrigin: string): boolean {
  if (!sender || !sender.isMainFrame || typeof sender.url !== 'string') return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  return originOf(url) === trustedOrigin;
}

/** `new URL('app://studio/x').origin` is "null" for non-special schemes, so build it by hand. */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
