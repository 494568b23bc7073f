/**
 * The Content-Security-Policy the renderer is served with, as a header (a <meta> tag could be
 * removed by the page it protects). Each source beyond 'self' carries its reason.
 */
export function contentSecurityPolicy(options: { connect?: readonly string[] } = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // 'wasm-unsafe-eval': the Draco and meshopt decoders are WebAssembly; it allows compiling wasm
    // and nothing else (no eval, no inline script).
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    // blob: and data: are previews of images the user dropped and textures inside model files.
    'img-src': ["'self'", 'blob:', 'data:', 'asset:'],
    // blob: lets three.js loaders read files the user dropped; asset: is the read-only library.
    'connect-src': ["'self'", 'blob:', 'data:', 'asset:', ...(options.connect ?? [])],
    // Model parsing runs in workers built from our own bundle or blob URLs of it.
    'worker-src': ["'self'", 'blob:'],
    'font-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
