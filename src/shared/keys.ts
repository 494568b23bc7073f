/**
 * API keys as the renderer may know them: whether one is set and its last 4 characters, never
 * the key itself (ARCHITECTURE.md, Secrets). The schemas here are the `keys:*` channels' halves.
 */
import { z } from 'zod';
import type { ProviderId } from './providers';

/** Providers that take an API key; the self-hosted server has none. */
export const keyedProviderIds = ['segmind', 'wavespeed', 'vtrix'] as const satisfies readonly ProviderId[];
export type KeyedProviderId = (typeof keyedProviderIds)[number];

/** One provider's key as the renderer sees it. `last4` can never hold more than 4 characters. */
export const keyStateSchema = z.object({ set: z.boolean(), last4: z.string().max(4).nullable() });
export type KeyState = z.infer<typeof keyStateSchema>;

export const keyStatusSchema = z.object({
  segmind: keyStateSchema,
  wavespeed: keyStateSchema,
  vtrix: keyStateSchema,
} satisfies Record<KeyedProviderId, typeof keyStateSchema>);
export type KeyStatus = z.infer<typeof keyStatusSchema>;

const keyedProvider = z.enum(keyedProviderIds);

/** The key is checked properly (printable, length) in the core, which can name the provider. */
export const keySetInputSchema = z.object({ provider: keyedProvider, key: z.string().max(1024) }).strict();
export const keyProviderInputSchema = z.object({ provider: keyedProvider }).strict();

export const keyTestResultSchema = z.object({ ok: z.boolean(), message: z.string().max(1000) });
export type KeyTestResult = z.infer<typeof keyTestResultSchema>;
