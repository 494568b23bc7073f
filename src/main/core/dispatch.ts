/**
 * The one wrapper every channel goes through, in the app and in the harness alike:
 * sender check → input parsed by its schema → core handler → output parsed by its schema → plain data.
 * A handler never sees input that failed its schema, and errors cross as `{code, message}` only.
 */
import { channels, type ChannelName, type ChannelOutput, type Reply } from '../../shared/ipc';
import { StudioError } from '../../shared/errors';
import { describeIssues } from '../../shared/studio-client';
import type { z } from 'zod';
import { isTrustedSender, type Sender } from './security/sender';
import type { Log } from './log';

export type Handlers = {
  [C in ChannelName]: (input: z.output<(typeof channels)[C]['input']>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

export interface Dispatcher {
  dispatch(channel: unknown, input: unknown, sender: Sender | null): Promise<Reply<unknown>>;
}

const fail = (code: StudioError['code'], message: string): Reply<never> => ({ ok: false, error: { code, message } });

export function createDispatcher(handlers: Handlers, options: { trustedOrigin: string; log: Log }): Dispatcher {
  const { trustedOrigin, log } = options;
  return {
    async dispatch(channel, input, sender) {
      if (!isTrustedSender(sender, trustedOrigin)) {
        log.warn('ipc refused: untrusted sender', { channel: String(channel).slice(0, 64), url: sender?.url?.slice(0, 200) });
        return fail('forbidden', 'This request did not come from the Studio window.');
      }
      if (typeof channel !== 'string' || !Object.hasOwn(channels, channel)) {
        return fail('invalid-input', 'Unknown request.');
      }
      const name = channel as ChannelName;
      const parsed = channels[name].input.safeParse(input);
      if (!parsed.success) return fail('invalid-input', describeIssues(parsed.error.issues));
      try {
        const handler = handlers[name] as (input: unknown) => unknown;
        const value = await handler(parsed.data);
        // Parsing the output too strips anything a handler returned by mistake (a key, a path).
        return { ok: true, value: channels[name].output.parse(value) };
      } catch (error) {
        if (error instanceof StudioError) return { ok: false, error: error.toData() };
        log.error('ipc handler failed', { channel: name, error });
        return fail('internal', 'Something went wrong inside the app. Try again; if it keeps happening, restart Studio.');
      }
    },
  };
}
