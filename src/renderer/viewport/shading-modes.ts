/** The four ways to look at a model, in the order Z cycles through them. */
export const SHADING_MODES = ['solid', 'material', 'wireframe', 'normals'] as const;
export type ShadingMode = (typeof SHADING_MODES)[number];

export const SHADING_LABELS: Record<ShadingMode, string> = {
  solid: 'Solid',
  material: 'Material',
  wireframe: 'Wireframe',
  normals: 'Normals',
};

export function nextShading(mode: ShadingMode): ShadingMode {
  const index = SHADING_MODES.indexOf(mode);
  return SHADING_MODES[(index + 1) % SHADING_MODES.length] ?? 'solid';
}

export const BACKGROUNDS = ['dark', 'grey', 'light', 'gradient'] as const;
export type BackgroundKind = (typeof BACKGROUNDS)[number];
