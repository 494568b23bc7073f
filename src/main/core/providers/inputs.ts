/** Checks before the network: the inputs a model takes, its parameters with defaults. */
import { checkParams, inputsProblem, type CatalogModel, type ParamValues, type ProvidedInputs, type ViewName } from '../../../shared/catalog';
import { isOutputFormat, type OutputFormat } from '../../../shared/model-formats';
import type { ProviderId } from '../../../shared/providers';
import { ProviderError } from './errors';
import type { JobInputs, NormalisedImage } from './types';

export function describeInputs(inputs: JobInputs): ProvidedInputs {
  if (inputs.kind === 'image') return { image: true };
  if (inputs.kind === 'text') return { text: inputs.text };
  return { views: presentViews(inputs.views).map(([view]) => view) };
}

/** The views a job really has: `{ front, back: undefined }` is legal and means "no back view". */
export function presentViews(views: Extract<JobInputs, { kind: 'views' }>['views']): [ViewName, NormalisedImage][] {
  return (Object.entries(views) as [ViewName, NormalisedImage | undefined][]).filter((e): e is [ViewName, NormalisedImage] => e[1] !== undefined);
}

export function invalid(provider: ProviderId, message: string): ProviderError {
  return new ProviderError({ provider, kind: 'invalid', message });
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

/** Parameter keys that choose the result's format (Segmind `file_type`, Vtrix `result_format`). */
const formatKeys = ['file_type', 'result_format'];

/**
 * The format the job asked for: a format parameter when the model has one, else the model's first
 * output. It names an extension-less result URL later, so it is kept in the job's RemoteRef.
 */
export function requestedFormat(model: CatalogModel, values: ParamValues): OutputFormat {
  for (const key of formatKeys) {
    const v = values[key];
    const format = typeof v === 'string' ? v.toLowerCase() : undefined;
    if (isOutputFormat(format)) return format;
  }
  return model.outputs[0] ?? 'glb';
}
