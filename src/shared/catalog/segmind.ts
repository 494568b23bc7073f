/** Segmind's Hunyuan3D models (seeds 000 and 001). */
import type { CatalogModel } from './types';

export const segmindModels = [
  {
    id: 'segmind/hunyuan-3d-2',
    provider: 'segmind',
    remoteModel: 'hunyuan-3d-2',
    label: 'Hunyuan3D 2.0 (Segmind)',
    description: 'One picture or a prompt to a mesh, optionally textured.',
    inputs: { image: true, text: { maxLength: 1000 } },
    params: [
      { key: 'octree_resolution', wire: 'octree_resolution', label: 'Octree resolution', help: 'Higher gives finer detail but takes longer.', type: 'enum', values: [256, 384, 512], default: 256 },
      { key: 'num_inference_steps', wire: 'num_inference_steps', label: 'Inference steps', help: 'More steps refine the shape further and take longer.', type: 'integer', min: 20, max: 50, step: 1, default: 30 },
      { key: 'guidance_scale', wire: 'guidance_scale', label: 'Guidance scale', help: 'How closely the shape follows the picture.', type: 'number', min: 1, max: 15, step: 0.1, default: 5.5 },
      { key: 'seed', wire: 'seed', label: 'Seed', help: 'The same seed and inputs give the same model; −1 picks one at random.', type: 'seed', min: -1, max: 999_999_999_999_999, default: -1, random: -1 },
      { key: 'texture', wire: 'texture', label: 'Texture', help: 'Paint a texture onto the mesh (slower).', type: 'boolean', default: false },
      { key: 'face_count', wire: 'face_count', label: 'Face count', help: 'Most faces the textured mesh may have; used only with Texture on.', type: 'integer', min: 5000, max: 100_000, step: 1000, default: 40_000, advanced: true },
    ],
    outputs: ['glb'],
    typicalSeconds: 37,
  },
  {
    id: 'segmind/hunyuan3d-2mv',
    provider: 'segmind',
    remoteModel: 'hunyuan3d-2mv',
    label: 'Hunyuan3D 2mv multi-view (Segmind)',
    description: 'Front picture plus optional back, left and right views to a mesh.',
    inputs: {
      views: [
        { view: 'front', required: true },
        { view: 'back', required: false },
        { view: 'left', required: false },
        { view: 'right', required: false },
      ],
    },
    params: [
      { key: 'file_type', wire: 'file_type', label: 'File type', help: 'Format of the model file Segmind returns.', type: 'enum', values: ['glb', 'obj', 'ply', 'stl'], default: 'glb' },
      { key: 'steps', wire: 'steps', label: 'Inference steps', help: 'More steps refine the shape further and take longer.', type: 'integer', min: 1, max: 100, step: 1, default: 30 },
      // Seed 001 documents only the default (5), no range: 0–30 is our guess, kept wide so no plausible value is refused.
      { key: 'guidance_scale', wire: 'guidance_scale', label: 'Guidance scale', help: 'How closely the shape follows the pictures.', type: 'number', min: 0, max: 30, step: 0.1, default: 5 },
      { key: 'octree_resolution', wire: 'octree_resolution', label: 'Octree resolution', help: 'Higher gives finer detail but takes longer.', type: 'integer', min: 16, max: 512, step: 16, default: 256 },
      { key: 'seed', wire: 'seed', label: 'Seed', help: 'The same seed and inputs give the same model.', type: 'seed', min: -1, max: 2_147_483_647, default: -1, random: -1 },
      { key: 'randomize_seed', wire: 'randomize_seed', label: 'Randomize', help: 'Ignore the seed and let Segmind pick a new one each run.', type: 'boolean', default: false },
      { key: 'remove_background', wire: 'remove_background', label: 'Remove background', help: 'Cut the subject out of its background first.', type: 'boolean', default: true },
      { key: 'target_face_num', wire: 'target_face_num', label: 'Target faces', help: 'Faces the mesh is simplified to.', type: 'integer', min: 100, max: 1_000_000, step: 100, default: 10_000, advanced: true },
      { key: 'num_chunks', wire: 'num_chunks', label: 'Chunks', help: 'Work split for surface extraction; lower uses less GPU memory.', type: 'integer', min: 1000, max: 5_000_000, step: 1000, default: 200_000, advanced: true },
    ],
    outputs: ['glb', 'obj', 'ply', 'stl'],
    typicalSeconds: 101,
    costUsd: 0.31,
  },
] as const satisfies readonly CatalogModel[];
