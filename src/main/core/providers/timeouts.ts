/**
 * How long one HTTP call may take. Idle timeouts alone let a server that drips a byte now and then
 * hold a call for ever, so every call also has an overall deadline.
 */
export interface HttpTimeouts {
  /** TCP + TLS setup. */
  connectMs: number;
  /** From request sent to response headers; long for synchronous generation routes. */
  headersMs: number;
  /** Longest silence while the body streams. */
  bodyMs: number;
  /** The whole call, from sending to the last byte. Unset: see `overallDeadlineMs`. */
  totalMs?: number;
}

export const defaultTimeouts: HttpTimeouts = { connectMs: 10_000, headersMs: 60_000, bodyMs: 60_000 };

/** A status or key check: small answers, so two minutes is generous. */
export const smallAnswerTotalMs = 2 * 60_000;
/** A large answer (a result inline, a model file): 512 MiB at about 300 KB/s. */
export const largeAnswerTotalMs = 30 * 60_000;

/**
 * The overall deadline when the caller set none: the headers wait plus room for the body, sized
 * by how much the call may receive (a call that may take 512 MiB needs longer than a 4 MiB one).
 */
export function overallDeadlineMs(t: HttpTimeouts, maxBytes: number, smallLimit: number): number {
  if (t.totalMs !== undefined) return t.totalMs;
  return t.headersMs + (maxBytes > smallLimit ? largeAnswerTotalMs : smallAnswerTotalMs);
}

/**
 * Headers timeout for a synchronous generation route whose own wait is `routeMs`: unless the
 * caller set `syncHeadersMs` (tests shorten it on purpose), the longer of the polling headers
 * timeout and the route's wait, so a short polling timeout never cuts a generation off.
 */
export function syncHeadersMs(ctx: { syncHeadersMs?: number; timeouts?: Partial<HttpTimeouts> }, routeMs: number): number {
  return ctx.syncHeadersMs ?? Math.max(ctx.timeouts?.headersMs ?? 0, routeMs);
}
