/** What export can write, and for what it cannot, why (the page shows the reason beside the format). */
import type { ExportFormat } from '../../../shared/export';

export interface FormatInfo {
  id: ExportFormat;
  label: string;
  available: boolean;
  why: string | null;
  /** Extensions of the files one export writes, for choosing a name that is free ('_*': numbered textures). */
  tails: string[];
}

export const formatInfo: FormatInfo[] = [
  { id: 'glb', label: 'GLB (glTF binary)', available: true, why: null, tails: ['.glb'] },
  { id: 'obj', label: 'OBJ + MTL + textures', available: true, why: null, tails: ['.obj', '.mtl', '_*'] },
  { id: 'stl', label: 'STL (binary, for printing)', available: true, why: null, tails: ['.stl'] },
  { id: 'ply', label: 'PLY (binary)', available: true, why: null, tails: ['.ply'] },
  { id: 'usdz', label: 'USDZ (Apple AR Quick Look)', available: true, why: null, tails: ['.usdz'] },
  {
    id: 'fbx',
    label: 'FBX',
    available: false,
    why: 'Studio has no FBX writer it can vouch for: the open ones write ASCII FBX, which Blender and most tools refuse. Export GLB or OBJ and convert in Blender.',
    tails: ['.fbx'],
  },
];
