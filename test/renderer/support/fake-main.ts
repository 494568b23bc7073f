/** What the page fakes share with main's dispatcher: a reply made the same way, and a slow main. */
import { channels, type ChannelName, type Reply } from '../../../src/shared/ipc';
import { StudioError } from '../../../src/shared/errors';

/** `answer`'s value checked against the channel's output schema, or its StudioError, as a reply. */
export async function replyOf(channel: ChannelName, answer: () => unknown): Promise<Reply<unknown>> {
  try {
    const value = channels[channel].output.parse(await answer());
    return structuredClone({ ok: true as const, value });
  } catch (error) {
    if (error instanceof StudioError) return { ok: false, error: error.toData() };
    throw error;
  }
}

/** While held, every call waits at `pass()` until released. */
export function callGate() {
  let held: Promise<void> | null = null;
  return {
    async pass(): Promise<void> {
      if (held) await held;
    },
    /** Holds every call from now until the returned function is called. */
    hold(): () => void {
      let release = () => {};
      held = new Promise<void>((r) => (release = r));
      return () => {
        held = null;
        release();
      };
    },
  };
}
