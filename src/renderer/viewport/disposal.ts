/** Releases everything a model put on the GPU and in memory: geometries, materials, textures, bitmaps. */
import type { BufferGeometry, Material, Object3D, Skeleton, Texture } from 'three';
import { texturesOf } from './stats';

export function disposeModel(root: Object3D, materialsOf: (o: Object3D) => Material[]): void {
  const geometries = new Set<BufferGeometry>();
  const materials = new Set<Material>();
  const textures = new Set<Texture>();
  const skeletons = new Set<Skeleton>();
  const instanced: { dispose(): void }[] = [];
  root.traverse((object) => {
    const geometry = (object as { geometry?: BufferGeometry }).geometry;
    if (geometry) geometries.add(geometry);
    // A skinned mesh's bone texture, an instanced mesh's instanceMatrix/instanceColor buffers.
    const { skeleton, isInstancedMesh } = object as { skeleton?: Skeleton; isInstancedMesh?: boolean };
    if (skeleton) skeletons.add(skeleton);
    if (isInstancedMesh) instanced.push(object as unknown as { dispose(): void });
    for (const material of materialsOf(object)) materials.add(material);
  });
  for (const material of materials) for (const texture of texturesOf(material)) textures.add(texture);
  for (const geometry of geometries) geometry.dispose();
  for (const skeleton of skeletons) skeleton.dispose();
  for (const mesh of instanced) mesh.dispose();
  for (const material of materials) material.dispose();
  for (const texture of textures) {
    texture.dispose();
    // GLTFLoader decodes to ImageBitmaps, which hold decoded pixels until closed.
    const image = texture.image as { close?: () => void } | null;
    if (image && typeof ImageBitmap !== 'undefined' && image instanceof ImageBitmap) image.close?.();
  }
  root.removeFromParent();
}
