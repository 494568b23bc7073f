/**
 * Export as the page knows it: the `export:*` channels' halves. The destination folder is chosen in
 * main (a native dialog; the harness's --export-dir) and never set by the page, so page script cannot
 * make Studio write files where it likes.
 */
import { z } from 'zod';
import { jobIdSchema } from './jobs';

export const exportFormats = ['glb', 'obj', 'stl', 'ply', 'usdz', 'fbx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportFormatInfoSchema = z.array(
  z.object({ id: z.enum(exportFormats), label: z.string().max(80), available: z.boolean(), why: z.string().max(300).nullable() }),
);

export const exportUnits = ['m', 'cm', 'mm'] as const;
export const exportUpAxes = ['y', 'z'] as const;
/** Placeholders a name template may use. */
export const nameTemplateFields = ['{model}', '{date}', '{time}', '{seed}', '{provider}', '{id}'] as const;
export const defaultNameTemplate = '{model}-{date}-{seed}';

export const exportRunSchema = z
  .object({
    ids: z.array(jobIdSchema).min(1).max(100),
    format: z.enum(exportFormats),
    nameTemplate: z.string().trim().min(1).max(120).optional(),
    /** A JSON file beside each export: provider, model, parameters, seed, dates, input hashes — never keys. */
    sidecar: z.boolean().optional(),
    units: z.enum(exportUnits).optional(),
    upAxis: z.enum(exportUpAxes).optional(),
    /** Simplify to about this many triangles (only ever fewer than the model has). */
    simplifyTo: z.number().int().min(100).max(10_000_000).optional(),
  })
  .strict();
export type ExportRun = z.infer<typeof exportRunSchema>;

export const exportResultSchema = z.object({
  /** The folder as the artist would read it (for the status line), or null when none is chosen yet. */
  folder: z.string().max(1000).nullable(),
  results: z
    .array(z.object({ id: jobIdSchema, ok: z.boolean(), files: z.array(z.string().max(260)).max(50), message: z.string().max(1000) }))
    .max(100),
  /** One sentence for the status line: "Exported 2 models to …", or what went wrong. */
  message: z.string().max(1000),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

export const exportFolderSchema = z.object({ folder: z.string().max(1000).nullable() });
