/** WaveSpeedAI's Hunyuan3D models (seeds 002 and 004; multi-view from WaveSpeed's docs). */
import type { CatalogModel } from './types';

export const wavespeedModels = [
  {
    id: 'wavespeed/hunyuan3d/v2-mini',
    provider: 'wavespeed',
    remoteModel: 'wavespeed-ai/hunyuan3d/v2-mini',
    label: 'Hunyuan3D 2 mini (WaveSpeed)',
    description: 'One picture to a textured mesh, the fastest variant.',
    inputs: { image: true },
    params: [],
    outputs: ['glb'],
    typicalSeconds: 30,
  },
  {
    id: 'wavespeed/hunyuan3d/v2-base',
    provider: 'wavespeed',
    remoteModel: 'wavespeed-ai/hunyuan3d/v2-base',
    label: 'Hunyuan3D 2 base (WaveSpeed)',
    description: 'One picture to a textured mesh.',
    inputs: { image: true },
    params: [],
    outputs: ['glb'],
    typicalSeconds: 45,
  },
  {
    id: 'wavespeed/hunyuan3d/v2.1',
    provider: 'wavespeed',
    remoteModel: 'wavespeed-ai/hunyuan3d/v2.1',
    label: 'Hunyuan3D 2.1 PBR (WaveSpeed)',
    description: 'One picture to a mesh with physically based materials.',
    inputs: { image: true },
    params: [],
    outputs: ['glb'],
    typicalSeconds: 60,
  },
  {
    id: 'wavespeed/hunyuan3d/v2-multi-view',
    provider: 'wavespeed',
    remoteModel: 'wavespeed-ai/hunyuan3d/v2-multi-view',
    label: 'Hunyuan3D 2 multi-view (WaveSpeed)',
    description: 'Front, back and left pictures to a mesh.',
    inputs: {
      views: [
        { view: 'front', required: true },
        { view: 'back', required: true },
        { view: 'left', required: true },
      ],
    },
    params: [
      { key: 'seed', wire: 'seed', label: 'Seed', help: 'The same seed and inputs give the same model; −1 picks one at random.', type: 'seed', min: -1, max: 2_147_483_647, default: -1, random: -1 },
      { key: 'num_inference_steps', wire: 'num_inference_steps', label: 'Inference steps', help: 'More steps refine the shape further and take longer.', type: 'integer', min: 1, max: 50, step: 1, default: 50 },
      { key: 'guidance_scale', wire: 'guidance_scale', label: 'Guidance scale', help: 'How closely the shape follows the pictures.', type: 'number', min: 0, max: 20, step: 0.1, default: 7.5 },
      { key: 'octree_resolution', wire: 'octree_resolution', label: 'Octree resolution', help: 'Higher gives finer detail but takes longer.', type: 'enum', values: [256, 384, 512], default: 256 },
      { key: 'textured_mesh', wire: 'textured_mesh', label: 'Textured mesh', help: 'Paint a texture onto the mesh; costs three times as much.', type: 'boolean', default: false },
    ],
    outputs: ['glb'],
    typicalSeconds: 60,
  },
] as const satisfies readonly CatalogModel[];
