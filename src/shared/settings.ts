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

/** Jobs at once per provider account (the engine's slots follow this live). */
export const concurrencyBounds: Record<ProviderId, { min: number; max: number }> = {
  segmind: { min: 1, max: 16 },
  wavespeed: { min: 1, max: 16 },
  vtrix: { min: 1, max: 16 },
  local: { min: 1, max: 4 },
};
/** Minutes after which a running job is given up. Segmind keeps a job's status for one hour only. */
export const deadlineBounds: Record<ProviderId, { min: number; max: number }> = {
  segmind: { min: 5, max: 60 },
  wavespeed: { min: 5, max: 720 },
  vtrix: { min: 5, max: 720 },
  local: { min: 5, max: 720 },
};
const perProvider = (bounds: Record<ProviderId, { min: number; max: number }>) =>
  z.object(Object.fromEntries(providerIds.map((p) => [p, z.number().int().min(bounds[p].min).max(bounds[p].max)])) as Record<ProviderId, z.ZodNumber>);

export const jobsSettingsSchema = z.object({
  concurrency: perProvider(concurrencyBounds),
  deadlineMinutes: perProvider(deadlineBounds),
});
export type JobsSettings = z.infer<typeof jobsSettingsSchema>;

export const maxProxyLength = 500;
/** Why `value` cannot be the proxy address, as a sentence; null when it can (empty = none set). */
export function proxyProblem(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  if (text.length > maxProxyLength) return `The proxy address is too long (at most ${maxProxyLength} characters).`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'The proxy address is not a web address. Write it like http://proxy.example.com:8080.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The proxy address must start with http:// or https://.';
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return 'The proxy address is only a host and port, like http://proxy.example.com:8080.';
  return null;
}

export const networkSettingsSchema = z.object({
  /** An HTTPS proxy (CONNECT); empty means HTTPS_PROXY / https_proxy from the environment, if any. */
  proxy: z.string().max(maxProxyLength).refine((v) => proxyProblem(v) === null, { message: 'not a proxy address' }),
});

/** One extra certificate authority the artist chose, kept as its PEM text (added to Node's own). */
export const trustedCertificateSchema = z.object({
  name: z.string().min(1).max(200),
  pem: z.string().min(1).max(64 * 1024),
});
export type TrustedCertificate = z.infer<typeof trustedCertificateSchema>;
export const maxTrustedCertificates = 8;

export const settingsSchema = z.object({
  /** Overrides for provider base URLs; empty means the provider's public endpoint. */
  endpoints: endpointsSchema,
  layout: layoutSchema,
  /** The model last chosen in the header, so the app opens where the artist left it. */
  lastModelId: z.string().max(200).nullable(),
  window: windowPlacementSchema.nullable(),
  /** The artist pressed "Not now" on the first-run welcome: it stays away even with no key saved. */
  welcomeDismissed: z.boolean(),
  jobs: jobsSettingsSchema,
  network: networkSettingsSchema,
  /**
   * Set only in main, after the artist picked the file in a native dialog: a trusted certificate
   * can read provider traffic (keys included), so the page can never add one.
   */
  trustedCertificates: z.array(trustedCertificateSchema).max(maxTrustedCertificates),
  /** The library's folder; null is `<dataDir>/library`. Set only by a move, in main. */
  libraryFolder: z.string().min(1).max(4096).nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** What the page may change; each field replaces the stored one. Main-only fields are left out. */
export const settingsPatchSchema = settingsSchema.omit({ trustedCertificates: true, libraryFolder: true }).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const defaultSettings: Settings = {
  endpoints: {},
  layout: { leftWidth: 300, rightWidth: 280, bottomHeight: 220 },
  lastModelId: null,
  window: null,
  welcomeDismissed: false,
  jobs: {
    concurrency: { segmind: 4, wavespeed: 2, vtrix: 2, local: 1 },
    // Segmind keeps a request's status for one hour; past that there is nothing left to wait for.
    deadlineMinutes: { segmind: 55, wavespeed: 60, vtrix: 60, local: 30 },
  },
  network: { proxy: '' },
  trustedCertificates: [],
  libraryFolder: null,
};

/** Where the library is, as `library:location` and `library:move` answer. */
export const libraryLocationSchema = z.object({
  folder: z.string().max(4096),
  /** True when it is `<dataDir>/library`, where Studio puts it unless moved. */
  isDefault: z.boolean(),
  /** What happened, for `library:move` ("Moved to …", "Not moved: you cancelled"); empty otherwise. */
  message: z.string().max(1000),
});
export type LibraryLocation = z.infer<typeof libraryLocationSchema>;

export const certificateNameSchema = z.object({ name: z.string().min(1).max(200) });
/** What adding a certificate did, in words. */
export const certificateResultSchema = z.object({ added: z.boolean(), message: z.string().max(1000) });
