/**
 * Named parameter presets. A preset belongs to one model (its parameters mean nothing to another),
 * is kept by main in `<dataDir>/presets.json`, and is bounded: names, count and values.
 */
import { z } from 'zod';

export const maxPresets = 200;
export const maxPresetNameLength = 60;

const paramValue = z.union([z.string().max(4000), z.number(), z.boolean()]);

export const presetSchema = z.object({
  name: z.string().trim().min(1, 'Give the preset a name.').max(maxPresetNameLength, `A preset name can be at most ${maxPresetNameLength} characters.`),
  modelId: z.string().max(200),
  params: z.record(z.string().max(100), paramValue),
  /** Seeds that roll anew each run (the dice), by parameter key; a locked seed is kept as saved. */
  dice: z.record(z.string().max(100), z.boolean()),
  savedAt: z.number().int().nonnegative(),
}).strict();
export type Preset = z.infer<typeof presetSchema>;

export const presetSaveSchema = presetSchema.omit({ savedAt: true });
export type PresetSave = z.infer<typeof presetSaveSchema>;

export const presetRefSchema = presetSchema.pick({ name: true, modelId: true }).strict();

export const presetListSchema = z.object({ presets: z.array(presetSchema).max(maxPresets) }).strict();
export type PresetList = z.infer<typeof presetListSchema>;
