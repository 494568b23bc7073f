/** Small pieces every adapter needs: checks before the network, retry mapping, auth headers. */
import { checkParams, inputsProblem, type CatalogModel, type OutputFormat, type ParamValues, type ProvidedInputs } from '../../../shared/catalog';
import type { ProviderId } from '../../../shared/providers';
import { registerSecret } from '../log';
import { ProviderError } from './errors';
import type { CheckResult, JobInputs, ProviderContext } from './types';

export function describeInputs(inputs: JobInputs): ProvidedInputs {
  if (inputs.kind === 'image') return { image: true };
  if (inputs.kind === 'text') return { text: inputs.text };
  return { views: Object.keys(inputs.views) as ProvidedInputs['views'] };
}

/** Refuse inputs the model cannot take, before any upload. */
export function requireInputs(provider: ProviderId, model: CatalogModel, inputs: JobInputs): void {
  if (model.provider !== provider) throw invalid(provider, `${model.label} is not a ${provider} model.`);
  const problem = inputsProblem(model, describeInputs(inputs));
  if (problem) throw invalid(provider, problem);
}

/** Parameters with defaults, or an `invalid` error naming the field — before any network call. */
export function requireParams(provider: ProviderId, model: CatalogModel, params: unknown): ParamValues {
  const checked = checkParams(model, params);
  if (!checked.ok) throw invalid(provider, checked.message);
  return checked.value;
}

export function invalid(provider: ProviderId, message: string): ProviderError {
  return new ProviderError({ provider, kind: 'invalid', message });
}

export function requireKey(provider: ProviderId, ctx: ProviderContext): string {
  const key = ctx.key.trim();
  if (!key) throw new ProviderError({ provider, kind: 'auth', message: 'No API key is set for this provider. Add one in Settings → Keys.' });
  registerSecret(key);
  return key;
}

/** During a check, what waiting can fix becomes `retry-after`; the rest is thrown. */
export function retryOrThrow(error: unknown): CheckResult {
  if (error instanceof ProviderError && error.retryable) {
    return { state: 'retry-after', ms: error.retryAfterMs ?? 5_000, reason: error.message, kind: error.kind };
  }
  throw error;
}

const byExtension: Record<string, OutputFormat> = {
  glb: 'glb', gltf: 'glb', obj: 'obj', zip: 'obj', stl: 'stl', ply: 'ply', usdz: 'usdz', fbx: 'fbx', mp4: 'mp4',
};

/** The format a result URL's file name declares, if any. */
export function formatFromUrl(url: string): OutputFormat | undefined {
  try {
    const ext = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? '';
    return byExtension[ext];
  } catch {
    return undefined;
  }
}

export function isHttpUrl(v: unknown): v is string {
  return typeof v === 'string' && /^https?:\/\/\S+$/i.test(v);
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function dataUrl(image: { bytes: Uint8Array; mime: string }): string {
  return `data:${image.mime};base64,${toBase64(image.bytes)}`;
}

export function extensionFor(mime: string): string {
  return mime === 'image/jpeg' ? 'jpg' : mime === 'image/webp' ? 'webp' : 'png';
}

/** Numbers from a loose object (metrics, timings), ignoring anything else. */
export function numbersOf(v: unknown): Record<string, number> | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
    if (typeof n === 'number' && Number.isFinite(n)) out[k] = n;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
