/**
 * Tencent's open-source Hunyuan3D API server, run by the user. 2.1's ranges come from its
 * pydantic request model; 2.0's server validates nothing, so its ranges are ours, chosen to match.
 */
import type { CatalogModel, ParamSpec } from './types';

const shared = [
  { key: 'seed', wire: 'seed', label: 'Seed', help: 'The same seed and inputs give the same model.', type: 'seed', min: 0, max: 4_294_967_295, default: 1234 },
  { key: 'guidance_scale', wire: 'guidance_scale', label: 'Guidance scale', help: 'How closely the shape follows the picture.', type: 'number', min: 0.1, max: 20, step: 0.1, default: 5 },
  { key: 'texture', wire: 'texture', label: 'Texture', help: 'Paint a texture onto the mesh (needs the paint model on the server).', type: 'boolean', default: false },
  { key: 'face_count', wire: 'face_count', label: 'Face count', help: 'Most faces the textured mesh may have.', type: 'integer', min: 1000, max: 100_000, step: 1000, default: 40_000, advanced: true },
] as const satisfies readonly ParamSpec[];

export const localModels = [
  {
    id: 'local/hunyuan3d-2.0',
    provider: 'local',
    remoteModel: 'hunyuan3d-2.0',
    label: 'Hunyuan3D 2.0 (your server)',
    description: 'Your own Hunyuan3D-2 api_server.py.',
    inputs: { image: true },
    params: [
      ...shared,
      { key: 'octree_resolution', wire: 'octree_resolution', label: 'Octree resolution', help: 'Higher gives finer detail but takes longer.', type: 'integer', min: 64, max: 512, step: 16, default: 128 },
      { key: 'num_inference_steps', wire: 'num_inference_steps', label: 'Inference steps', help: 'More steps refine the shape further and take longer.', type: 'integer', min: 1, max: 50, step: 1, default: 5 },
    ],
    outputs: ['glb'],
    typicalSeconds: 60,
  },
  {
    id: 'local/hunyuan3d-2.1',
    provider: 'local',
    remoteModel: 'hunyuan3d-2.1',
    label: 'Hunyuan3D 2.1 (your server)',
    description: 'Your own Hunyuan3D-2.1 api_server.py, with PBR texturing.',
    inputs: { image: true },
    params: [
      ...shared,
      { key: 'octree_resolution', wire: 'octree_resolution', label: 'Octree resolution', help: 'Higher gives finer detail but takes longer.', type: 'integer', min: 64, max: 512, step: 16, default: 256 },
      { key: 'num_inference_steps', wire: 'num_inference_steps', label: 'Inference steps', help: 'More steps refine the shape further and take longer.', type: 'integer', min: 1, max: 20, step: 1, default: 5 },
      { key: 'remove_background', wire: 'remove_background', label: 'Remove background', help: 'Cut the subject out of its background first.', type: 'boolean', default: true },
      { key: 'num_chunks', wire: 'num_chunks', label: 'Chunks', help: 'Work split for surface extraction; lower uses less GPU memory.', type: 'integer', min: 1000, max: 20_000, step: 1000, default: 8000, advanced: true },
    ],
    outputs: ['glb'],
    typicalSeconds: 90,
  },
] as const satisfies readonly CatalogModel[];
