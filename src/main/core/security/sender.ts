/** Who sent an IPC message: the frame's URL and whether it is the window's top frame. */
export interface Sender {
  url: string;
  isMainFrame: boolean;
}

/**
 * Only our own top frame, served from our own origin, may call the core. A subframe or a page
 * that somehow navigated elsewhere is refused even if it can reach the IPC pipe. Anything that is
 * not exactly a Sender (a url that is not a string, a truthy non-boolean flag) is refused too.
 */
export function isTrustedSender(sender: unknown, trustedOrigin: string): boolean {
  if (typeof sender !== 'object' || sender === null) return false;
  const { url, isMainFrame } = sender as { url?: unknown; isMainFrame?: unknown };
  if (isMainFrame !== true || typeof url !== 'string' || url.length > 8192) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return originOf(parsed) === trustedOrigin;
}

/** `new URL('app://studio/x').origin` is "null" for non-special schemes, so build it by hand. */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
