/**
 * History as the page knows it: the `library:*` channels' halves. Every result is kept with its
 * inputs and settings in a job folder; the page browses, searches, tags and re-runs them, and reads
 * files only through `asset://` URLs that name a job and a file, never a path on disk.
 */
import { z } from 'zod';
import { jobIdSchema, jobStates, jobSummarySchema } from './jobs';
import { providerIds } from './providers';

export const maxTags = 20;
export const maxTagLength = 40;
export const maxNoteLength = 2000;
/** Largest result thumbnail the page may store (the viewport's 512-px WebP is far smaller). */
export const maxThumbnailBytes = 512 * 1024;

export const libraryQuerySchema = z
  .object({
    /** Words searched in prompt, input file names, model, provider, tags and notes. */
    text: z.string().max(200).optional(),
    providers: z.array(z.enum(providerIds)).max(4).optional(),
    modelIds: z.array(z.string().max(200)).max(50).optional(),
    states: z.array(z.enum(jobStates)).max(jobStates.length).optional(),
    favourite: z.boolean().optional(),
    /** Created at or after / before (ms since the epoch). */
    from: z.number().optional(),
    to: z.number().optional(),
    /** Opaque: the `nextCursor` of the page before. */
    cursor: z.string().max(200).nullable().optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();
export type LibraryQuery = z.infer<typeof libraryQuerySchema>;

/**
 * What a History card shows of a job's summary: no progress, retry flags, outputs or image notes
 * (the Jobs list and Properties have those), so a page of 200 crosses in two thirds of the bytes.
 */
export const libraryItemSchema = jobSummarySchema.pick({
  id: true, modelId: true, modelLabel: true, provider: true, state: true, createdAt: true, updatedAt: true, finishedAt: true, message: true, costUsd: true,
}).extend({
  favourite: z.boolean(),
  tags: z.array(z.string().max(maxTagLength)).max(maxTags),
  note: z.string().max(maxNoteLength),
  /** The names the artist's pictures had when dropped. */
  inputNames: z.array(z.string().max(260)).max(8),
  prompt: z.string().max(4000).nullable(),
  /** `asset://` URLs of the thumbnails, when there are any. */
  inputThumbnail: z.string().max(400).nullable(),
  resultThumbnail: z.string().max(400).nullable(),
  /** The job's folder was deleted behind the app's back: History says so and offers to forget it. */
  missing: z.boolean(),
});
export type LibraryItem = z.infer<typeof libraryItemSchema>;

export const libraryPageSchema = z.object({
  items: z.array(libraryItemSchema).max(200),
  nextCursor: z.string().max(200).nullable(),
  /** How many jobs match the query in all. */
  total: z.number().int().nonnegative(),
});
export type LibraryPage = z.infer<typeof libraryPageSchema>;

export const libraryDetailSchema = z.object({
  item: libraryItemSchema,
  remoteModel: z.string().max(400),
  params: z.record(z.string().max(100), z.union([z.string().max(4000), z.number(), z.boolean()])),
  inputs: z
    .array(z.object({ role: z.string().max(40), name: z.string().max(260), width: z.number(), height: z.number(), bytes: z.number(), url: z.string().max(400) }))
    .max(8),
  times: z.object({ created: z.number(), submitted: z.number().nullable(), started: z.number().nullable(), finished: z.number().nullable() }),
  /** `asset://` URL of each output file, main file first. */
  outputs: z.array(z.object({ name: z.string().max(260), format: z.string().max(10), bytes: z.number(), url: z.string().max(400) })).max(200),
});
export type LibraryDetail = z.infer<typeof libraryDetailSchema>;

export const libraryUpdateSchema = z
  .object({
    id: jobIdSchema,
    favourite: z.boolean().optional(),
    tags: z.array(z.string().trim().min(1).max(maxTagLength)).max(maxTags).optional(),
    note: z.string().max(maxNoteLength).optional(),
  })
  .strict();

/** What "Duplicate & tweak" loads back into the left panels. */
export const libraryDuplicateSchema = z.object({
  modelId: z.string().max(200),
  params: z.record(z.string().max(100), z.union([z.string().max(4000), z.number(), z.boolean()])),
  text: z.string().max(4000).nullable(),
  pictures: z.array(z.object({ role: z.string().max(40), name: z.string().max(260), bytes: z.instanceof(Uint8Array) })).max(4),
});

export const libraryIdSchema = z.object({ id: jobIdSchema }).strict();
export const libraryThumbnailInputSchema = z.object({ id: jobIdSchema, bytes: z.instanceof(Uint8Array) }).strict();
export const libraryDoneSchema = z.object({ ok: z.boolean(), message: z.string().max(1000) });
export const libraryRebuildSchema = z.object({ jobs: z.number().int().nonnegative(), message: z.string().max(1000) });
