/** Vtrix's wrapper over Tencent Cloud's Hunyuan3D job API (seed 003). */
import type { CatalogModel } from './types';

export const vtrixModels = [
  {
    id: 'vtrix/tencent_hunyuan_3d',
    provider: 'vtrix',
    remoteModel: 'tencent_hunyuan_3d',
    label: 'Hunyuan3D (Tencent Cloud via Vtrix)',
    description: 'A prompt, one picture, or a picture plus back, left and right views; PBR and six formats.',
    inputs: {
      image: true,
      views: [
        { view: 'front', required: true },
        { view: 'back', required: false },
        { view: 'left', required: false },
        { view: 'right', required: false },
      ],
      text: { maxLength: 1024 },
    },
    params: [
      {
        key: 'result_format', wire: 'result_format', label: 'Result format', help: 'File format of the model; OBJ arrives as a zip with its textures.',
        type: 'enum', values: ['GLB', 'OBJ', 'STL', 'USDZ', 'FBX', 'MP4'], default: 'GLB',
        valueLabels: { MP4: 'MP4 (turntable video)' },
      },
      { key: 'enable_pbr', wire: 'enable_pbr', label: 'PBR materials', help: 'Generate physically based materials (metal, roughness, normals).', type: 'boolean', default: false },
    ],
    outputs: ['glb', 'obj', 'stl', 'usdz', 'fbx', 'mp4'],
    typicalSeconds: 90,
  },
] as const satisfies readonly CatalogModel[];
