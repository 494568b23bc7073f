/**
 * THE contract between the renderer and the main process.
 *
 * Every channel is declared once here, named `domain:verb`, with a zod schema for its input and its
 * output; every main→renderer event likewise. The preload, the main-side binding and the browser
 * harness are all generated from this table, and a type-level test keeps them from drifting.
 */
import { z } from 'zod';
import { certificateNameSchema, certificateResultSchema, libraryLocationSchema, settingsPatchSchema, settingsSchema } from './settings';
import { keyProviderInputSchema, keySetInputSchema, keyStatusSchema, keyTestResultSchema } from './keys';
import {
  jobCancelResultSchema, jobListSchema, jobModelInputSchema, jobModelSchema, jobRefSchema, jobRetryInputSchema,
  jobSubmitInputSchema, jobSummarySchema, jobThumbnailSchema,
} from './jobs';
import {
  libraryDetailSchema, libraryDoneSchema, libraryDuplicateSchema, libraryIdSchema, libraryItemSchema, libraryPageSchema,
  libraryQuerySchema, libraryRebuildSchema, libraryThumbnailInputSchema, libraryUpdateSchema,
} from './library';
import { exportFolderSchema, exportFormatInfoSchema, exportResultSchema, exportRunSchema } from './export';
import { imageCheckInputSchema, imageCheckSchema } from './images';
import { presetListSchema, presetRefSchema, presetSaveSchema } from './presets';

const noInput = z.undefined();

/**
 * What the app menu can ask the page to do: the page's own shortcuts plus opening a model in the
 * viewport. A menu item with an accelerator takes its key before the page sees it, so it sends the
 * very action the page's shortcut would run.
 */
export const appCommandNames = ['open-model', 'generate', 'export', 'settings', 'shortcuts'] as const;
export type AppCommand = (typeof appCommandNames)[number];
export const appCommandSchema = z.object({ command: z.enum(appCommandNames) });

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' in the app, 'harness' in the browser test harness. */
  shell: z.enum(['electron', 'harness']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const channels = {
  'app:info': { input: noInput, output: appInfoSchema },
  'settings:get': { input: noInput, output: settingsSchema },
  'settings:set': { input: settingsPatchSchema, output: settingsSchema },
  /** Main asks for a PEM file (a native dialog) and trusts its certificates; the page cannot name one. */
  'network:add-certificate': { input: noInput, output: certificateResultSchema },
  'network:remove-certificate': { input: certificateNameSchema, output: settingsSchema },
  'keys:status': { input: noInput, output: keyStatusSchema },
  'keys:set': { input: keySetInputSchema, output: keyStatusSchema },
  'keys:delete': { input: keyProviderInputSchema, output: keyStatusSchema },
  'keys:test': { input: keyProviderInputSchema, output: keyTestResultSchema },
  /** Whether the self-hosted Hunyuan3D server at the saved address answers. */
  'server:test': { input: noInput, output: keyTestResultSchema },
  /** Start a job: pictures go through main's image step, then to the provider once. */
  'jobs:submit': { input: jobSubmitInputSchema, output: jobSummarySchema },
  /** Every job, newest first. */
  'jobs:list': { input: noInput, output: jobListSchema },
  'jobs:get': { input: jobRefSchema, output: jobSummarySchema },
  'jobs:cancel': { input: jobRefSchema, output: jobCancelResultSchema },
  /** Run a failed job again; an `unknown-submission` one only with `confirmPaidTwice`. */
  'jobs:retry': { input: jobRetryInputSchema, output: jobSummarySchema },
  /** A completed job's model files, read-only from the library. */
  'jobs:model': { input: jobModelInputSchema, output: jobModelSchema },
  /** The job's input picture, small, for the Jobs list. */
  'jobs:thumbnail': { input: jobRefSchema, output: jobThumbnailSchema },
  /** History: a page of jobs, newest first, matching the query. */
  'library:list': { input: libraryQuerySchema, output: libraryPageSchema },
  'library:get': { input: libraryIdSchema, output: libraryDetailSchema },
  /** Favourite, tags, note: kept in the job's manifest too. */
  'library:update': { input: libraryUpdateSchema, output: libraryItemSchema },
  /** A new job with the same inputs and parameters. */
  'library:rerun': { input: libraryIdSchema, output: jobSummarySchema },
  /** The inputs and parameters, to load back into the left panels. */
  'library:duplicate': { input: libraryIdSchema, output: libraryDuplicateSchema },
  /** The job's folder to the system trash. */
  'library:trash': { input: libraryIdSchema, output: libraryDoneSchema },
  /** Drop a job whose folder is gone. */
  'library:forget': { input: libraryIdSchema, output: libraryDoneSchema },
  'library:reveal': { input: libraryIdSchema, output: libraryDoneSchema },
  /** The result thumbnail the viewport rendered (WebP). */
  'library:set-thumbnail': { input: libraryThumbnailInputSchema, output: libraryDoneSchema },
  /** Rebuild the index from the job folders. */
  'library:rebuild': { input: noInput, output: libraryRebuildSchema },
  /** Where the library is. */
  'library:location': { input: noInput, output: libraryLocationSchema },
  /** Main asks for a folder (a native dialog) and moves the library there; jobs pause and resume. */
  'library:move': { input: noInput, output: libraryLocationSchema },
  'export:formats': { input: noInput, output: exportFormatInfoSchema },
  /** The remembered destination; `choose` asks in main (a native dialog). */
  'export:folder': { input: noInput, output: exportFolderSchema },
  'export:choose-folder': { input: noInput, output: exportFolderSchema },
  'export:run': { input: exportRunSchema, output: exportResultSchema },
  'export:reveal': { input: noInput, output: libraryDoneSchema },
  /** Main's image step on a picture as it arrives: what it will fix, or why it is refused. Sends nothing. */
  'images:check': { input: imageCheckInputSchema, output: imageCheckSchema },
  /** Named parameter presets, each for one model, kept in the data dir. */
  'presets:list': { input: noInput, output: presetListSchema },
  'presets:save': { input: presetSaveSchema, output: presetListSchema },
  'presets:delete': { input: presetRefSchema, output: presetListSchema },
} as const satisfies Record<`${string}:${string}`, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  'settings:changed': settingsSchema,
  'keys:changed': keyStatusSchema,
  'jobs:changed': jobSummarySchema,
  /** A History item changed (favourite, tags, thumbnail, trashed…); the page refetches. */
  'library:changed': libraryItemSchema.pick({ id: true }),
  /** A menu item was chosen (the app only; the harness has no menu): the page runs that action. */
  'app:command': appCommandSchema,
} as const satisfies Record<`${string}:${string}`, z.ZodType>;

export type ChannelName = keyof typeof channels;
export type EventName = keyof typeof events;
export type ChannelInput<C extends ChannelName> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<(typeof channels)[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;
type Domain = DomainOf<ChannelName>;

/** One call: no argument where the channel takes none. */
type Call<C extends ChannelName> = undefined extends ChannelInput<C>
  ? (input?: ChannelInput<C>) => Promise<ChannelOutput<C>>
  : (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

/** `window.studio`: one named function per channel, grouped by domain, plus `on` for events. */
export type StudioApi = {
  [D in Domain]: { [V in VerbOf<ChannelName, D>]: Call<`${D}:${V}` & ChannelName> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What every channel answers on the wire: the value, or an error as plain data. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Split `domain:verb`. */
export function splitChannel(name: ChannelName): { domain: string; verb: string } {
  const [domain = '', verb = ''] = name.split(':');
  return { domain, verb };
}
