/** Small pieces every adapter needs: checks before the network, retry mapping, auth headers. */
import { checkParams, inputsProblem, type CatalogModel, type OutputFormat, type ParamValues, type ProvidedInputs, type ViewName } from '../../../shared/catalog';
import type { ProviderId } from '../../../shared/providers';
import { redact, registerSecret } from '../log';
import { ProviderError } from './errors';
import type { CheckResult, JobInputs, NormalisedImage, ProviderContext } from './types';

export function describeInputs(inputs: JobInputs): ProvidedInputs {
  if (inputs.kind === 'image') return { image: true };
  if (inputs.kind === 'text') return { text: inputs.text };
  return { views: presentViews(inputs.views).map(([view]) => view) };
}

/** The views a job really has: `{ front, back: undefined }` is legal and means "no back view". */
export function presentViews(views: Extract<JobInputs, { kind: 'views' }>['views']): [ViewName, NormalisedImage][] {
  return (Object.entries(views) as [ViewName, NormalisedImage | undefined][]).filter((e): e is [ViewName, NormalisedImage] => e[1] !== undefined);
}

/** The longest message a check may show (the `keys:test` / `server:test` output schema's bound). */
export const checkMessageMax = 999;

/** Longest stretch of a provider's own words we pass on. */
export const providerTextMax = 300;

/** A provider's own words (failure reasons, error bodies) made safe to show: keys removed first, then cut short. */
export function providerText(text: string, max = providerTextMax): string {
  const safe = redact(text.trim());
  return safe.length > max ? `${safe.slice(0, max).trimEnd()}…` : safe;
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

/** The extension of a URL's file name, lower-case; '' when the name has none (or the URL is not one). */
export function urlExtension(url: string): string {
  try {
    const name = new URL(url).pathname.split('/').pop() ?? '';
    const dot = name.lastIndexOf('.');
    return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  } catch {
    return '';
  }
}

/** The format a result URL's file name declares, if any. */
export function formatFromUrl(url: string): OutputFormat | undefined {
  return byExtension[urlExtension(url)];
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

/** Headers timeout for a synchronous generation route whose own wait is `routeMs` (see `ProviderContext.syncHeadersMs`). */
export function syncHeadersMs(ctx: ProviderContext, routeMs: number): number {
  return ctx.syncHeadersMs ?? Math.max(ctx.timeouts?.headersMs ?? 0, routeMs);
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
