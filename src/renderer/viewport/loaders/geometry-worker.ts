/// <reference lib="webworker" />
/**
 * Parses PLY and STL off the main thread: the page stays responsive on a huge file, and the viewport
 * can terminate a parse that runs too long. Only plain arrays cross back, transferred without copies.
 */
import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';
import { STLLoader } from 'three/examples/jsm/loaders/STLLoader.js';
import type { GeometryReply, GeometryRequest } from './geometry-messages';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<GeometryRequest>) => {
  const { format, buffer } = event.data;
  try {
    const geometry = format === 'ply' ? new PLYLoader().parse(buffer) : new STLLoader().parse(buffer);
    const attributes: GeometryReply & { ok: true } = { ok: true, attributes: {}, index: null };
    const transfer: ArrayBuffer[] = [];
    for (const [name, attribute] of Object.entries(geometry.attributes)) {
      const array = attribute.array as Float32Array;
      attributes.attributes[name] = { array, itemSize: attribute.itemSize, normalized: attribute.normalized };
      transfer.push(array.buffer as ArrayBuffer);
    }
    if (geometry.index) {
      attributes.index = geometry.index.array as Uint32Array;
      transfer.push(attributes.index.buffer as ArrayBuffer);
    }
    scope.postMessage(attributes, transfer);
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies GeometryReply);
  }
};
