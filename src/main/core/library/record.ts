/**
 * What the library keeps about one job: the record written to `job.json` and indexed in the
 * database. The schema parses records read back from disk, so a damaged or hand-edited manifest is
 * refused instead of trusted.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { jobIdSchema, jobRemedies, jobStates } from '../../../shared/jobs';
import { maxNoteLength, maxTagLength, maxTags } from '../../../shared/library';
import { providerIds } from '../../../shared/providers';

const paramValue = z.union([z.string(), z.number(), z.boolean()]);

export const storedInputSchema = z.object({
  role: z.string().min(1).max(100),
  /** The file's name inside the job's `inputs/` (never a path). */
  file: z.string().min(1).max(260),
  mime: z.string().max(100),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The name the artist's file had when dropped (History searches it); absent for older jobs. */
  originalName: z.string().max(260).optional(),
}).strict();
export type StoredInput = z.infer<typeof storedInputSchema>;

export const storedOutputSchema = z.object({
  /** The file's name inside the job's `outputs/` (never a path). */
  name: z.string().min(1).max(260),
  format: z.string().max(20),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
}).strict();
export type StoredOutput = z.infer<typeof storedOutputSchema>;

const time = z.number().finite();

export const jobRecordSchema = z.object({
  id: jobIdSchema,
  provider: z.enum(providerIds),
  modelId: z.string().min(1).max(200),
  modelLabel: z.string().max(200),
  /** The provider's own name for the model (slug, path or version) as submitted. */
  remoteModel: z.string().max(400),
  /** What else decides the job's duration (texture/PBR on or off…), for the learned ETA. */
  variant: z.string().max(200),
  state: z.enum(jobStates),
  createdAt: time,
  updatedAt: time,
  finishedAt: time.nullable(),
  params: z.record(z.string(), paramValue),
  text: z.string().nullable(),
  inputs: z.array(storedInputSchema),
  notes: z.array(z.string()),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** The adapter's serialisable reference to the provider's job (JSON). */
  remote: z.unknown().nullable(),
  /** What `prepareInputs` produced (upload URLs), kept so a retried submit does not upload again. */
  prepared: z.unknown().nullable(),
  attempt: z.number().int().nonnegative(),
  message: z.string().nullable(),
  remedy: z.enum(jobRemedies),
  outputs: z.array(storedOutputSchema),
  primaryOutput: z.string().nullable(),
  costUsd: z.number().finite().nullable(),
  deadlineAt: time.nullable(),
  submittedAt: time.nullable(),
  startedAt: time.nullable(),
  /** The artist's own marks, kept here (job.json is the truth) so a rebuilt index keeps them. */
  favourite: z.boolean().default(false),
  tags: z.array(z.string().max(maxTagLength)).max(maxTags).default([]),
  note: z.string().max(maxNoteLength).default(''),
  /** `thumb.webp` (the viewport's render of the result) is in the job's folder. */
  resultThumbnail: z.boolean().default(false),
  /** +1 on every update; the newer of job.json and the database row wins on open. */
  revision: z.number().int().positive(),
}).strict();
export type JobRecord = z.infer<typeof jobRecordSchema>;

type Fixed = 'id' | 'createdAt' | 'provider' | 'modelId' | 'inputs' | 'fingerprint';
export const fixedJobFields: readonly Fixed[] = ['id', 'createdAt', 'provider', 'modelId', 'inputs', 'fingerprint'];

/** What `updateJob` may change. `revision` and `updatedAt` are set by the library itself. */
export type MutableJobFields = Omit<JobRecord, Fixed>;

/** What the engine says when it creates a job; the rest starts empty (state `submitting`). */
export type NewJob = Pick<JobRecord, 'provider' | 'modelId' | 'modelLabel' | 'remoteModel' | 'variant' | 'params'> &
  Partial<Omit<MutableJobFields, 'revision' | 'updatedAt' | 'finishedAt'>>;

/** The thumbnail of a job's result, directly in its folder (not among inputs or outputs). */
export const resultThumbnailFile = 'thumb.webp';

/** A picture to keep with a new job: already normalised by the image step. */
export interface NewJobInput {
  role: string;
  fileName: string;
  /** The dropped file's name, for search and sentences only (never a path on disk). */
  originalName?: string;
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
}

/**
 * The same request gives the same fingerprint: model, parameters (in any key order), text and the
 * pictures' hashes by role. It is what finds a job among a provider's recent ones after a crash.
 */
export function jobFingerprint(job: Pick<JobRecord, 'provider' | 'modelId' | 'remoteModel' | 'params' | 'text'>, inputs: Pick<StoredInput, 'role' | 'sha256'>[]): string {
  const params = Object.fromEntries(Object.entries(job.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const pictures = inputs.map((i) => [i.role, i.sha256]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  const canonical = JSON.stringify([job.provider, job.modelId, job.remoteModel, params, job.text, pictures]);
  return createHash('sha256').update(canonical).digest('hex');
}
