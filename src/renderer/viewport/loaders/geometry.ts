/** PLY and STL: parsed in a worker with a time limit, then wrapped as a mesh or a point cloud. */
import { BufferAttribute, BufferGeometry, Mesh, MeshStandardMaterial, Points, PointsMaterial, type Object3D } from 'three';
import { damaged } from '../model-file-error';
import type { GeometryReply, GeometryRequest } from './geometry-messages';

/** Even a 50-million-vertex file parses well inside this on an ordinary laptop. */
const PARSE_TIME_LIMIT_MS = 60_000;

function parseInWorker(format: 'ply' | 'stl', bytes: Uint8Array): Promise<GeometryReply & { ok: true }> {
  const worker = new Worker(new URL('./geometry-worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.terminate();
      reject(damaged(format, 'reading it took longer than a minute'));
    }, PARSE_TIME_LIMIT_MS);
    worker.onmessage = (event: MessageEvent<GeometryReply>) => {
      clearTimeout(timer);
      worker.terminate();
      if (event.data.ok) resolve(event.data);
      else reject(damaged(format, event.data.message.replace(/^THREE\.\w+:\s*/, '')));
    };
    worker.onerror = (event) => {
      clearTimeout(timer);
      worker.terminate();
      reject(damaged(format, event.message || 'it could not be read'));
    };
    const buffer = bytes.slice().buffer;
    worker.postMessage({ format, buffer } satisfies GeometryRequest, [buffer]);
  });
}

export async function parseGeometryFile(format: 'ply' | 'stl', bytes: Uint8Array): Promise<Object3D> {
  const reply = await parseInWorker(format, bytes);
  const geometry = new BufferGeometry();
  for (const [name, { array, itemSize, normalized }] of Object.entries(reply.attributes)) {
    geometry.setAttribute(name, new BufferAttribute(array, itemSize, normalized));
  }
  if (reply.index) geometry.setIndex(new BufferAttribute(reply.index, 1));
  const position = geometry.getAttribute('position');
  if (!position || position.count === 0) throw damaged(format, 'it holds no vertices');
  const colored = geometry.hasAttribute('color');
  // A PLY without faces is a scan's point cloud; drawing it as points is what the artist expects.
  const isCloud = format === 'ply' && !geometry.index;
  if (isCloud) {
    geometry.computeBoundingSphere();
    const radius = geometry.boundingSphere?.radius ?? 1;
    return new Points(geometry, new PointsMaterial({ size: radius / 300, vertexColors: colored, color: colored ? 0xffffff : 0xb8b8b8 }));
  }
  if (!geometry.hasAttribute('normal')) geometry.computeVertexNormals();
  const material = new MeshStandardMaterial({ color: colored ? 0xffffff : 0xb8b8b8, roughness: 0.6, metalness: 0, vertexColors: colored });
  return new Mesh(geometry, material);
}
