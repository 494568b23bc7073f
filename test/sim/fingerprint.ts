/**
 * Identifies the job a submit asked for, so a test can count "how many times was this job paid for"
 * even when each attempt uploaded its picture again under a new URL: every image or mesh in the body
 * is replaced by the sha256 of its bytes before the body is hashed.
 */
import { createHash } from 'node:crypto';
import type { SimState, SubmitPrint } from './state';

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** Long enough that it cannot be a prompt or an enum: raw base64 image/mesh bytes. */
const rawBase64 = /^[A-Za-z0-9+/]{64,}={0,2}$/;
const dataUrl = /^data:[\w.+/-]+;base64,([A-Za-z0-9+/]+={0,2})$/;

function bytesOf(state: SimState, base: string, v: string): Uint8Array | undefined {
  const data = dataUrl.exec(v);
  if (data) return Buffer.from(data[1]!, 'base64');
  if (v.startsWith(`${base}/assets/`)) return state.files.get(v.slice(base.length))?.bytes;
  if (rawBase64.test(v)) return Buffer.from(v, 'base64');
  return undefined;
}

/** The body with inputs replaced by their hashes and object keys sorted, so equal jobs print equal. */
function canonical(v: unknown, see: (s: string) => string): unknown {
  if (typeof v === 'string') return see(v);
  if (Array.isArray(v)) return v.map((x) => canonical(x, see));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, canonical(o[k], see)]));
  }
  return v;
}

export function submitPrint(state: SimState, base: string, route: string, path: string, body: unknown): SubmitPrint {
  const inputs: string[] = [];
  const see = (s: string): string => {
    const bytes = bytesOf(state, base, s);
    if (!bytes) return s;
    const h = sha256(bytes);
    inputs.push(h);
    return `sha256:${h}`;
  };
  const text = JSON.stringify([route, path, canonical(body ?? null, see)]);
  return { fingerprint: sha256(text), inputs };
}
