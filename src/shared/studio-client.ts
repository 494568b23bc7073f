/**
 * Builds `window.studio` from the contract over any transport: Electron's ipcRenderer in the
 * preload, a WebSocket in the browser harness. Both therefore expose exactly the same functions
 * and refuse the same malformed input before it leaves the page.
 */
import {
  channelNames,
  channels,
  eventNames,
  splitChannel,
  type ChannelName,
  type EventName,
  type Reply,
  type StudioApi,
} from './ipc';
import { StudioError, capMessage, isStudioErrorData } from './errors';
import { checkInputShape } from './ipc-limits';

export interface StudioTransport {
  /** Carries one already-validated call to the core; never exposed to the page itself. */
  send(channel: ChannelName, input: unknown): Promise<Reply<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'The request was not understood.';
  const field = first.path.slice(0, 20).map(String).join('.').slice(0, 200);
  return capMessage(field ? `${field}: ${first.message}` : first.message);
}

export function buildStudioApi(transport: StudioTransport): StudioApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of channelNames) {
    const { domain, verb } = splitChannel(name);
    const group = (api[domain] ??= {});
    group[verb] = async (input?: unknown) => {
      // Size before schema here too, so a huge argument is refused at once instead of freezing the page.
      const shape = checkInputShape(name, input);
      if (shape) throw new StudioError('invalid-input', shape);
      const parsed = channels[name].input.safeParse(input);
      if (!parsed.success) throw new StudioError('invalid-input', describeIssues(parsed.error.issues));
      const reply = await transport.send(name, parsed.data);
      if (reply.ok) return reply.value;
      const error = isStudioErrorData(reply.error)
        ? reply.error
        : { code: 'internal' as const, message: 'The app answered in a way this window does not understand.' };
      throw new StudioError(error.code, error.message);
    };
  }
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!(eventNames as string[]).includes(event)) throw new StudioError('invalid-input', `Unknown event ${String(event)}.`);
    if (typeof listener !== 'function') throw new StudioError('invalid-input', 'A listener must be a function.');
    return transport.subscribe(event, listener);
  };
  return { ...api, on } as unknown as StudioApi;
}

type AnyApi = Record<string, Record<string, (input?: unknown) => Promise<unknown>>> & { on: StudioApi['on'] };

function mapCalls(api: StudioApi, wrap: (call: (input?: unknown) => Promise<unknown>) => (input?: unknown) => Promise<unknown>): StudioApi {
  const source = api as unknown as AnyApi;
  const out: Record<string, unknown> = {};
  for (const name of channelNames) {
    const { domain, verb } = splitChannel(name);
    const call = source[domain]?.[verb];
    if (!call) continue;
    const group = (out[domain] ??= {}) as Record<string, unknown>;
    group[verb] = wrap(call);
  }
  return { ...out, on: source.on } as unknown as StudioApi;
}

/**
 * What the preload (and the harness bridge) hand to the page. Electron's contextBridge copies a
 * thrown Error without its custom properties, so `code` would be lost; a plain `{code, message}`
 * object crosses intact. `fromBridge` turns it back into a StudioError on the page's side.
 */
export function forBridge(api: StudioApi): StudioApi {
  return mapCalls(api, (call) => async (input) => {
    try {
      return await call(input);
    } catch (error) {
      throw error instanceof StudioError ? error.toData() : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
    }
  });
}

/** The page's view of `window.studio`: failures are StudioErrors again, with their code. */
export function fromBridge(api: StudioApi): StudioApi {
  return mapCalls(api, (call) => async (input) => {
    try {
      return await call(input);
    } catch (error) {
      if (isStudioErrorData(error)) throw new StudioError(error.code, error.message);
      throw new StudioError('internal', error instanceof Error ? error.message : 'The app answered in a way this window does not understand.');
    }
  });
}
