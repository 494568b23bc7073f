import { z } from 'zod';

import { endpointProblem, maxEndpointLength } from './endpoints';
import { providerIds, type ProviderId } from './providers';

export { providerIds, type ProviderId } from './providers';

/**
 * Provider addresses: each must pass `endpointProblem` (https for keyed providers, no query,
 * fragment or credentials). A keyed provider's address is changed only with the artist's say-so in
 * main; the schema only keeps impossible values out.
 */
const endpointsSchema = z.partialRecord(z.enum(providerIds), z.string().max(maxEndpointLength)).superRefine((endpoints, ctx) => {
  for (const [provider, value] of Object.entries(endpoints) as [ProviderId, string | undefined][]) {
    const problem = value === undefined ? null : endpointProblem(provider, value);
    if (problem) ctx.addIssue({ code: 'custom', path: [provider], message: problem });
  }
});

/** Sizes of the resizable areas, in CSS pixels; kept so the layout persists. */
export const layoutSchema = z.object({
  leftWidth: z.number().int().min(200).max(800),
  rightWidth: z.number().int().min(200).max(800),
  bottomHeight: z.number().int().min(120).max(800),
});

/** Where the window was when it last closed, so it opens there again. */
export const windowPlacementSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowPlacement = z.infer<typeof windowPlacementSchema>;

export const settingsSchema = z.object({
  /** Overrides for provider base URLs; empty means the provider's public endpoint. */
  endpoints: endpointsSchema,
  layout: layoutSchema,
  /** The model last chosen in the header, so the app opens where the artist left it. */
  lastModelId: z.string().max(200).nullable(),
  window: windowPlacementSchema.nullable(),
  /** The artist pressed "Not now" on the first-run welcome: it stays away even with no key saved. */
  welcomeDismissed: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update; each field replaces the stored one. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const defaultSettings: Settings = {
  endpoints: {},
  layout: { leftWidth: 300, rightWidth: 280, bottomHeight: 220 },
  lastModelId: null,
  window: null,
  welcomeDismissed: false,
};
