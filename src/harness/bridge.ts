/**
 * Runs in the browser page the harness serves: defines `window.studio` over a WebSocket, built
 * by the same `buildStudioApi` as the preload, so the page cannot tell the difference.
 */
import type { ChannelName, EventName, Reply } from '../shared/ipc';
import { buildStudioApi, forBridge } from '../shared/studio-client';
import { decodeWire, encodeWire } from '../shared/wire';

const socket = new WebSocket(`ws://${location.host}/__harness/ws`);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true });
  socket.addEventListener('error', () => reject(new Error('The harness connection failed.')), { once: true });
});
const pending = new Map<number, (reply: Reply<unknown>) => void>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = decodeWire(message.data) as { id?: number; reply?: Reply<unknown>; event?: EventName; payload?: unknown };
  if (typeof data.id === 'number' && data.reply) {
    pending.get(data.id)?.(data.reply);
    pending.delete(data.id);
  } else if (data.event) {
    for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
  }
});
socket.addEventListener('close', () => {
  for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'unavailable', message: 'The harness closed the connection.' } });
  pending.clear();
});

const studio = buildStudioApi({
  async send(channel: ChannelName, input: unknown) {
    await opened;
    if (socket.readyState !== WebSocket.OPEN) return { ok: false, error: { code: 'unavailable', message: 'The harness closed the connection.' } };
    const id = nextId++;
    return new Promise<Reply<unknown>>((resolve) => {
      pending.set(id, resolve);
      socket.send(encodeWire({ id, channel, input }));
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
