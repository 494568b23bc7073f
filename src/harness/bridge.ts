/**
 * Runs in the browser page the harness serves: defines `window.studio` over a WebSocket, built
 * by the same `buildStudioApi` as the preload, so the page cannot tell the difference.
 */
import type { ChannelName, EventName, Reply } from '../shared/ipc';
import { buildStudioApi, forBridge } from '../shared/studio-client';
import { largestInputSize } from '../shared/ipc-limits';
import { decodeWire, encodeWire, maxFrameFor } from '../shared/wire';

/** Mirrors the server's frame limit (server.ts `maxFrameBytes`), so a too-large call is refused here with a sentence. */
const maxFrameChars = maxFrameFor(largestInputSize);
/** Replies come from our own harness: a finished job's model may be many files and a long list. */
const replyLimits = { maxJsonBytes: 64 * 1024 * 1024, maxBlobs: 10_000 };

/**
 * Browser mode opens the page at `#token=<secret>`: a fragment never travels in a request or a
 * Referer. The bridge keeps it for this tab (a reload still connects), takes it out of the address
 * bar, and hands it to the WebSocket, which the harness refuses without it. The test harness has none.
 */
function tokenQuery(): string {
  const key = 'hy3d-token';
  const fromUrl = /^#token=([A-Za-z0-9_-]{16,128})$/.exec(location.hash)?.[1];
  if (fromUrl) {
    sessionStorage.setItem(key, fromUrl);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = fromUrl ?? sessionStorage.getItem(key);
  return token ? `?token=${encodeURIComponent(token)}` : '';
}

const socket = new WebSocket(`ws://${location.host}/__harness/ws${tokenQuery()}`);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true });
  socket.addEventListener('error', () => reject(new Error('The harness connection failed.')), { once: true });
});
const pending = new Map<number, (reply: Reply<unknown>) => void>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let nextId = 1;
let closedBecause = 'The harness closed the connection.';

const unavailable = (message: string): Reply<never> => ({ ok: false, error: { code: 'unavailable', message } });

socket.addEventListener('message', (message: MessageEvent<string>) => {
  void decodeWire(message.data, { limits: replyLimits }).then(
    (decoded) => {
      const data = decoded as { id?: number; reply?: Reply<unknown>; event?: EventName; payload?: unknown };
      if (typeof data.id === 'number' && data.reply) {
        pending.get(data.id)?.(data.reply);
        pending.delete(data.id);
      } else if (data.event) {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      }
    },
    (error: unknown) => console.error('The harness sent a message this page could not read:', error),
  );
});
socket.addEventListener('close', (event) => {
  // 1009: the server refused a message larger than its limit and closed this connection.
  if (event.code === 1009) closedBecause = 'The harness closed the connection because a request was too large. Reload the page to reconnect.';
  for (const resolve of pending.values()) resolve(unavailable(closedBecause));
  pending.clear();
});

const studio = buildStudioApi({
  async send(channel: ChannelName, input: unknown) {
    await opened;
    if (socket.readyState !== WebSocket.OPEN) return unavailable(closedBecause);
    const id = nextId++;
    const frame = encodeWire({ id, channel, input });
    if (frame.length > maxFrameChars) {
      return { ok: false, error: { code: 'invalid-input', message: `This request is too large to send (over ${Math.round(maxFrameChars / 2 ** 20)} MB).` } };
    }
    return new Promise<Reply<unknown>>((resolve) => {
      pending.set(id, resolve);
      socket.send(frame);
    });
  },
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  },
});

// Handed over exactly as the preload does, so the page meets the same shape in both shells.
Object.defineProperty(window, 'studio', { value: Object.freeze(forBridge(studio)), writable: false, configurable: false });
