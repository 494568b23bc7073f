/**
 * Is the WebGL context drawn by the CPU (SwiftShader, llvmpipe, lavapipe, Windows' Basic Render
 * Driver)? Remote desktops, VMs and blocklisted drivers land there, and so do headless tests.
 * There the prefiltered environment costs seconds of a blocked page, so the viewport lights
 * Material shading with its lamps alone (see Viewport.ensureEnvironment).
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render/i;

export function isSoftwareRenderer(gl: WebGLRenderingContext | WebGL2RenderingContext): boolean {
  // Chromium and Firefox answer UNMASKED_RENDERER_WEBGL without the extension (deprecated there); Safari needs it.
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return typeof name === 'string' && SOFTWARE.test(name);
}
