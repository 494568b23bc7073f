/** Which WebGL renderers the viewport treats as drawn by the CPU (Material shading without the prefiltered room there). */
import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from '../../src/renderer/viewport/gpu';

const UNMASKED_RENDERER_WEBGL = 0x9246;
const RENDERER = 0x1f01;

/** A context answering what a browser on that GPU reports; `masked`: no WEBGL_debug_renderer_info (only RENDERER). */
function context(name: string, masked = false): WebGL2RenderingContext {
  return {
    RENDERER,
    getExtension: (extension: string) => (!masked && extension === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL } : null),
    getParameter: (parameter: number) => (parameter === (masked ? RENDERER : UNMASKED_RENDERER_WEBGL) ? name : 'WebKit WebGL'),
  } as unknown as WebGL2RenderingContext;
}

describe('software renderers', () => {
  it.each([
    'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    'llvmpipe (LLVM 15.0.6, 256 bits)',
    'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'Mesa lavapipe',
  ])('treats %s as software', (name) => {
    expect(isSoftwareRenderer(context(name))).toBe(true);
  });

  it.each([
    'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)',
    'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
  ])('treats %s as a real GPU', (name) => {
    expect(isSoftwareRenderer(context(name))).toBe(false);
  });

  it('reads the plain RENDERER where the unmasked name is not offered', () => {
    expect(isSoftwareRenderer(context('SwiftShader', true))).toBe(true);
    expect(isSoftwareRenderer(context('WebKit WebGL', true))).toBe(false);
  });
});
