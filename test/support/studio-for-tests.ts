/**
 * `window.studio` over a real core, in process: the same `buildStudioApi` as the preload, and every
 * call through the same validating dispatcher, sent as if from our own main frame.
 */
import type { ChannelName, EventName } from '../../src/shared/ipc';
import { buildStudioApi } from '../../src/shared/studio-client';
import type { Core, CoreDeps } from '../../src/main/core';
import type { Log } from '../../src/main/core/log';
import { createDispatcher } from '../../src/main/core/dispatch';
import { APP_ORIGIN } from '../../src/main/core/security/navigation';
import { createTestCore } from './core';

/** Calls still on their way back to the page, across every studio of this test file. */
const inFlight = new Set<Promise<unknown>>();
/** How many calls were ever made, so a quiet spell can tell that none started. */
let started = 0;

/** Counts a page's call as on its way until it is answered (every test studio sends through this). */
export function tracked<T>(call: Promise<T>): Promise<T> {
  inFlight.add(call);
  started += 1;
  return call.finally(() => inFlight.delete(call));
}

/**
 * Waits (at most `ms`) for every call a page made to be answered. A page test that ends while, say,
 * History's first page is still being read would otherwise get the answer after its window is gone.
 */
export async function studioCallsSettled(ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    while (inFlight.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    }
    // An answer can start the next call a few tasks later (a file read first, say): settled means
    // nothing new started in a short quiet spell.
    const before = started;
    await new Promise((r) => setTimeout(r, 5));
    if ((started === before && inFlight.size === 0) || Date.now() >= deadline) return;
  }
}

export function createStudioForTests(overrides: Partial<CoreDeps> = {}) {
  const { core, log } = createTestCore(overrides);
  return createStudioForCore(core, log);
}

/** `window.studio` for a core built elsewhere (the engine tests build theirs with a library on disk). */
export function createStudioForCore<L extends Log>(core: Core, log: L) {
  const dispatcher = createDispatcher(core.handlers, { trustedOrigin: APP_ORIGIN, log });
  /** Every reply the page received, so tests can assert what did (not) cross the boundary. */
  const replies: unknown[] = [];
  const studio = buildStudioApi({
    async send(channel: ChannelName, input: unknown) {
      // structuredClone: what crosses IPC is a copy, never a shared object.
      const call = dispatcher.dispatch(channel, structuredClone(input), { url: `${APP_ORIGIN}/`, isMainFrame: true });
      const reply = await tracked(call);
      replies.push(reply);
      return structuredClone(reply);
    },
    subscribe(event: EventName, listener: (payload: unknown) => void) {
      return core.onEvent((name, payload) => {
        if (name === event) listener(structuredClone(payload));
      });
    },
  });
  return { studio, core, log, dispatcher, replies };
}
