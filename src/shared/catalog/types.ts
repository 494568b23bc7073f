/**
 * The shape of the model catalog: plain data the renderer reads to draw parameter panels and the
 * main process reads to validate a job and speak each provider's field names.
 */
import type { OutputFormat } from '../model-formats';
import type { ProviderId } from '../providers';

/** A picture's role in a multi-view job. `front` is the main image. */
export type ViewName = 'front' | 'back' | 'left' | 'right';
export const viewNames = ['front', 'back', 'left', 'right'] as const satisfies readonly ViewName[];

/** What the provider can hand back (one vocabulary: ../model-formats). OBJ results usually arrive as a zip with MTL and textures. */
export type { OutputFormat };

export interface ViewSpec {
  readonly view: ViewName;
  readonly required: boolean;
}

/** The ways a model accepts its subject; a job uses exactly one. */
export interface InputSpec {
  /** One picture of the subject. */
  readonly image?: true;
  /** Several named pictures of the same subject. */
  readonly views?: readonly ViewSpec[];
  /** A text prompt instead of a picture. */
  readonly text?: { readonly maxLength: number };
}

interface ParamBase {
  /** Stable id the app uses (saved jobs, panels). */
  readonly key: string;
  /** The provider's field name on the wire. */
  readonly wire: string;
  /** Display name, as the panel shows it and validation messages name it. */
  readonly label: string;
  /** One line for a tooltip. */
  readonly help: string;
  /** Shown only under "advanced"; still validated. */
  readonly advanced?: boolean;
}

export interface NumberParam extends ParamBase {
  readonly type: 'number' | 'integer';
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly default: number;
}

/** An integer seed where `random` (usually −1) asks the provider to pick one. */
export interface SeedParam extends ParamBase {
  readonly type: 'seed';
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly random?: number;
}

export interface EnumParam extends ParamBase {
  readonly type: 'enum';
  readonly values: readonly (string | number)[];
  readonly default: string | number;
  /** What the panel shows for each value, where it differs from the value. */
  readonly valueLabels?: Readonly<Record<string, string>>;
}

export interface BooleanParam extends ParamBase {
  readonly type: 'boolean';
  readonly default: boolean;
}

export interface StringParam extends ParamBase {
  readonly type: 'string';
  readonly maxLength: number;
  readonly default?: string;
}

export type ParamSpec = NumberParam | SeedParam | EnumParam | BooleanParam | StringParam;

export interface CatalogModel {
  /** `<provider>/<provider's model id>`, e.g. `segmind/hunyuan-3d-2`. */
  readonly id: string;
  readonly provider: ProviderId;
  /** The provider's own model id as it appears in URLs and bodies. */
  readonly remoteModel: string;
  readonly label: string;
  readonly description: string;
  readonly inputs: InputSpec;
  readonly params: readonly ParamSpec[];
  readonly outputs: readonly OutputFormat[];
  /** The provider's median run time, seeding ETAs before the app has its own history. */
  readonly typicalSeconds: number;
  readonly costUsd?: number;
}

/** What values a job carries: one per parameter key. */
export type ParamValues = Record<string, string | number | boolean>;
