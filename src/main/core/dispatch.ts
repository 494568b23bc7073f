/**
 * The one wrapper every channel goes through, in the app and in the harness alike:
 * sender check → shape and size → input parsed by its schema → core handler → output parsed by its
 * schema → plain data. A handler never sees input that failed its schema, errors cross as
 * `{code, message}` only (message capped), and `dispatch` itself never throws.
 */
import { channels, type ChannelName, type ChannelOutput, type Reply } from '../../shared/ipc';
import { StudioError, capMessage } from '../../shared/errors';
import { checkInputShape } from '../../shared/ipc-limits';
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

const fail = (code: StudioError['code'], message: string): Reply<never> => ({ ok: false, error: { code, message: capMessage(message) } });
const internal = (): Reply<never> => fail('internal', 'Something went wrong inside the app. Try again; if it keeps happening, restart Studio.');

/** For log lines only: whatever the sender or channel is, a short string, and never a throw. */
function describeForLog(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : `(${typeof value})`;
}

function senderUrl(sender: unknown): unknown {
  return typeof sender === 'object' && sender !== null ? (sender as { url?: unknown }).url : undefined;
}

export function createDispatcher(handlers: Handlers, options: { trustedOrigin: string; log: Log }): Dispatcher {
  const { trustedOrigin, log } = options;

  async function run(channel: unknown, input: unknown, sender: Sender | null): Promise<Reply<unknown>> {
    if (!isTrustedSender(sender, trustedOrigin)) {
      log.warn('ipc refused: untrusted sender', { channel: describeForLog(channel, 64), url: describeForLog(senderUrl(sender), 200) });
      return fail('forbidden', 'This request did not come from the Studio window.');
    }
    if (typeof channel !== 'string' || !Object.hasOwn(channels, channel)) {
      return fail('invalid-input', 'Unknown request.');
    }
    const name = channel as ChannelName;
    // Before zod: a schema walks whatever it is given, so a huge value must be refused unread.
    const tooBig = checkInputShape(name, input);
    if (tooBig) return fail('invalid-input', tooBig);
    const parsed = channels[name].input.safeParse(input);
    if (!parsed.success) return fail('invalid-input', describeIssues(parsed.error.issues));
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      // Parsing the output too strips anything a handler returned by mistake (a key, a path).
      return { ok: true, value: channels[name].output.parse(value) };
    } catch (error) {
      if (error instanceof StudioError) return { ok: false, error: error.toData() };
      log.error('ipc handler failed', { channel: name, error: error instanceof Error ? { name: error.name, message: capMessage(error.message), stack: capMessage(error.stack ?? '', 4000) } : describeForLog(error, 1000) });
      return internal();
    }
  }

  return {
    async dispatch(channel, input, sender) {
      try {
        return await run(channel, input, sender);
      } catch (error) {
        // Only a hostile value could get here (a getter that throws, a revoked proxy): refuse it, never throw.
        log.error('ipc dispatch failed', { channel: describeForLog(channel, 64), error: error instanceof Error ? capMessage(error.message) : '(not an Error)' });
        return internal();
      }
    },
  };
}
