/**
 * Type-level drift check, compiled by `npm run typecheck` and by test/unit/contract-drift.test.ts.
 * If a channel is added to the contract but the API shape, the handlers or a transport do not
 * follow, one of these lines stops compiling.
 */
import type { ChannelInput, ChannelName, ChannelOutput, StudioApi } from '../../src/shared/ipc';
import type { Handlers } from '../../src/main/core/dispatch';
import type { buildStudioApi } from '../../src/shared/studio-client';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

/** `domain:verb` for every function `window.studio` has. */
type ApiChannels = {
  [D in Exclude<keyof StudioApi, 'on'> & string]: `${D}:${keyof StudioApi[D] & string}`;
}[Exclude<keyof StudioApi, 'on'> & string];

type Call<C extends ChannelName> = C extends `${infer D}:${infer V}`
  ? D extends keyof StudioApi
    ? V extends keyof StudioApi[D]
      ? StudioApi[D][V]
      : never
    : never
  : never;

export type DriftChecks = [
  // The page's API has exactly one function per channel, no more, no fewer.
  Assert<Equal<ApiChannels, ChannelName>>,
  // The core answers exactly the channels of the contract.
  Assert<Equal<keyof Handlers, ChannelName>>,
  // The preload and the harness bridge are both built by buildStudioApi, which yields StudioApi.
  Assert<Equal<ReturnType<typeof buildStudioApi>, StudioApi>>,
  // Each function takes the channel's input and resolves to its output.
  Assert<Equal<Awaited<ReturnType<Call<'settings:set'>>>, ChannelOutput<'settings:set'>>>,
  Assert<Equal<Parameters<Call<'settings:set'>>[0], ChannelInput<'settings:set'>>>,
];
