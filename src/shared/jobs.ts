/**
 * Jobs as the page knows them: the `jobs:*` channels' halves and the `jobs:changed` event.
 * A job is money: the page can ask for one, watch it, cancel it and retry it, and read back the
 * files it made — never a path, never a key, never a provider's raw answer.
 */
import { z } from 'zod';
import { viewNames } from './catalog/types';
import { providerIds } from './providers';

/**
 * Engine states (ARCHITECTURE.md, Job lifecycle). `unknown-submission`: the app stopped between
 * sending a paid submit and storing the provider's answer, so it cannot know whether the job
 * exists; it is never sent again without the artist saying so ("Needs attention").
 */
export const jobStates = [
  'submitting',
  'queued',
  'running',
  'downloading',
  'completed',
  'failed',
  'cancelled',
  'expired',
  'unknown-submission',
] as const;
export type JobState = (typeof jobStates)[number];

export const terminalJobStates = ['completed', 'failed', 'cancelled', 'expired', 'unknown-submission'] as const satisfies readonly JobState[];
export function isTerminal(state: JobState): boolean {
  return (terminalJobStates as readonly JobState[]).includes(state);
}

/** The state word the Jobs list shows (UX.md). */
export const jobStateWords: Record<JobState, string> = {
  submitting: 'Queued',
  queued: 'Queued',
  running: 'Running',
  downloading: 'Downloading',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
  'unknown-submission': 'Needs attention',
};

/** Job ids are made by the app (`randomUUID`), so the page can only name ones that look like that. */
export const jobIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'is not a job id');
export type JobId = z.infer<typeof jobIdSchema>;

/** Largest picture the page may send for one slot (the image step refuses bigger ones with a sentence). */
export const maxPictureBytes = 40 * 1024 * 1024;

/** A dropped picture as it crosses to main: its name (for sentences only) and its bytes. */
export const pictureSchema = z.object({
  name: z.string().max(260),
  bytes: z.instanceof(Uint8Array),
}).strict();

export const jobInputsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), image: pictureSchema }).strict(),
  z.object({ kind: z.literal('views'), views: z.partialRecord(z.enum(viewNames), pictureSchema) }).strict(),
  z.object({ kind: z.literal('text'), text: z.string().max(4000) }).strict(),
]);
export type JobInputsFromPage = z.infer<typeof jobInputsSchema>;

export const jobSubmitInputSchema = z.object({
  modelId: z.string().max(200),
  params: z.record(z.string().max(100), z.union([z.string().max(4000), z.number(), z.boolean()])),
  inputs: jobInputsSchema,
}).strict();
export type JobSubmitInput = z.infer<typeof jobSubmitInputSchema>;

/** What the artist can be sent to do about a job's problem. */
export const jobRemedies = ['open-settings', 'retry', 'check-provider', 'none'] as const;

export const jobOutputSchema = z.object({
  /** The file's name inside the job's outputs (never a path). */
  name: z.string().max(260),
  format: z.string().max(10),
  bytes: z.number().int().nonnegative(),
});

export const jobSummarySchema = z.object({
  id: jobIdSchema,
  modelId: z.string().max(200),
  modelLabel: z.string().max(200),
  provider: z.enum(providerIds),
  state: z.enum(jobStates),
  createdAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** 0–1; estimated from the learned ETA when the provider says nothing. Null before the job runs. */
  progress: z.number().min(0).max(1).nullable(),
  /** True when `progress` is our estimate, not the provider's figure. */
  progressEstimated: z.boolean(),
  /** Milliseconds until the job is expected to finish, when known. */
  etaMs: z.number().nonnegative().nullable(),
  /** A sentence for the artist: why it failed, what the app is waiting for, what to do. */
  message: z.string().max(1000).nullable(),
  remedy: z.enum(jobRemedies),
  canCancel: z.boolean(),
  canRetry: z.boolean(),
  /** Retrying may start (and bill) a second job: the page must ask and send `confirmPaidTwice`. */
  retryMayPayTwice: z.boolean(),
  outputs: z.array(jobOutputSchema).max(200),
  costUsd: z.number().nullable(),
  /** What the image step changed in the pictures, in words. */
  notes: z.array(z.string().max(400)).max(20),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobRefSchema = z.object({ id: jobIdSchema }).strict();
export const jobRetryInputSchema = z.object({ id: jobIdSchema, confirmPaidTwice: z.boolean().optional() }).strict();
export const jobListSchema = z.array(jobSummarySchema).max(500);
export const jobCancelResultSchema = z.object({
  job: jobSummarySchema,
  /** Whether the provider was asked to stop too (most cannot be; the job may still be billed). */
  providerTold: z.boolean(),
  message: z.string().max(1000),
});

/** A finished job's model: the main file and its siblings (MTL, textures), bytes only. */
export const jobModelInputSchema = z.object({ id: jobIdSchema }).strict();
export const jobModelSchema = z.object({
  primary: z.string().max(260),
  files: z.array(z.object({ name: z.string().max(260), bytes: z.instanceof(Uint8Array) })).max(200),
});
export type JobModel = z.infer<typeof jobModelSchema>;

/** The input picture's thumbnail (WebP), for the Jobs list. */
export const jobThumbnailSchema = z.object({ mime: z.string().max(40), bytes: z.instanceof(Uint8Array) }).nullable();
