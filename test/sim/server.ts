/**
 * A loopback stand-in for every provider in PROVIDERS.md, on one port. It checks auth and bodies as
 * the services do, runs jobs on a clock tests control, serves real model files, injects faults,
 * and records every request. Never imported by src/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyFault, errorBody, isFault, sendJson, type FaultName } from './faults';
import { fileRoutes } from './files';
import { localRoutes } from './local';
import { segmindRoutes } from './segmind';
import { SimState, flatHeaders, type QueuedFault, type RecordedRequest, type SimConfig, type SimProvider } from './state';
import { vtrixRoutes } from './vtrix';
import { wavespeedRoutes } from './wavespeed';

export interface SimCall {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  query: URLSearchParams;
  match: RegExpMatchArray;
  headers: Record<string, string>;
  raw: Buffer;
  /** Parsed JSON when the body was JSON. */
  body: unknown;
  state: SimState;
  /** `http://127.0.0.1:<port>`, for URLs the simulator hands out. */
  base: string;
  /** A fault the route handles itself (`output-403`, `oversized`). */
  fault?: FaultName;
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  /** An error in this provider's own body shape. */
  error(status: number, message: string): void;
  /** Run later; cleared when the simulator closes. */
  later(ms: number, fn: () => void): void;
}

export interface Route {
  name: string;
  provider: SimProvider | 'files';
  method: string;
  pattern: RegExp;
  auth?: 'x-api-key' | 'bearer';
  handle(call: SimCall): void | Promise<void>;
}

export interface SimControl {
  /** Change settings (durations, answer variants, accepted keys …). */
  configure(patch: Partial<SimConfig>): void;
  /** Queue a fault for the next `times` requests matching `route`. */
  fault(route: string, fault: FaultName, times?: number): void;
  reset(): void;
  /** Requests so far, optionally only one route's. */
  requestsTo(route: string): RecordedRequest[];
  readonly state: SimState;
}

export interface Simulator {
  url: string;
  port: number;
  control: SimControl;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const routes: Route[] = [...segmindRoutes, ...wavespeedRoutes, ...vtrixRoutes, ...localRoutes, ...fileRoutes];
const maxBodyBytes = 64 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (c: Buffer) => {
      total += c.length;
      if (total > maxBodyBytes) {
        req.socket.destroy();
        resolve(undefined);
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(raw: Buffer, contentType: string): unknown {
  if (!contentType.includes('json') || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return Symbol.for('sim.bad-json');
  }
}

function authorised(route: Route, headers: Record<string, string>, state: SimState): boolean {
  if (!route.auth || route.provider === 'files') return true;
  const key = route.auth === 'x-api-key' ? headers['x-api-key']?.trim() : /^Bearer\s+(\S+)$/.exec(headers.authorization ?? '')?.[1];
  if (!key) return false;
  const allowed = state.config.keys[route.provider];
  return !allowed || allowed.includes(key);
}

export async function startSimulator(options: { port?: number; config?: Partial<SimConfig> } = {}): Promise<Simulator> {
  const state = new SimState();
  Object.assign(state.config, options.config);
  const timers = new Set<NodeJS.Timeout>();
  let base = '';

  const control: SimControl = {
    state,
    configure: (patch) => void Object.assign(state.config, patch),
    fault: (route, fault, times = 1) => void state.faults.push({ route, fault, times }),
    reset: () => state.reset(),
    requestsTo: (route) => state.requests.filter((r) => r.route === route),
  };

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, raw: Buffer): Promise<void> {
    const body = parseJson(raw, 'json') as Record<string, unknown> | undefined;
    if (req.method === 'GET' && path === '/__sim/requests') return sendJson(res, 200, state.requests);
    if (req.method === 'POST' && path === '/__sim/reset') {
      state.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (req.method === 'POST' && path === '/__sim/config' && body && typeof body === 'object') {
      control.configure(body as Partial<SimConfig>);
      return sendJson(res, 200, state.config);
    }
    if (req.method === 'POST' && path === '/__sim/faults' && body && typeof body === 'object') {
      const list = (Array.isArray(body) ? body : [body]) as Partial<QueuedFault>[];
      for (const f of list) {
        if (typeof f.route !== 'string' || typeof f.fault !== 'string' || !isFault(f.fault)) {
          return sendJson(res, 400, { error: 'each fault needs route and a known fault name' });
        }
      }
      for (const f of list) control.fault(f.route!, f.fault as FaultName, f.times ?? 1);
      return sendJson(res, 200, { queued: state.faults });
    }
    if (req.method === 'GET' && path === '/__sim/health') return sendJson(res, 200, { ok: true });
    sendJson(res, 404, { error: 'unknown control route' });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      // Tolerate the double slash WaveSpeed's own `urls.get` has been seen with.
      const path = url.pathname.replace(/\/{2,}/g, '/');
      const raw = await readBody(req);
      if (raw === undefined) return;
      if (path.startsWith('/__sim/')) return handleControl(req, res, path, raw);

      const found = routes.map((r) => ({ r, m: r.method === req.method ? path.match(r.pattern) : null })).find((x) => x.m);
      const headers = flatHeaders(req.headers);
      if (!found || !found.m) return sendJson(res, 404, { detail: 'Not Found' });
      const { r: route, m: match } = found;
      const body = parseJson(raw, headers['content-type'] ?? '');
      const recorded: unknown = body ?? (raw.length > 0 ? { bytes: raw.length, contentType: headers['content-type'] ?? '' } : undefined);
      state.requests.push({ route: route.name, method: req.method ?? '', path: url.pathname + url.search, headers, body: recorded, at: Date.now() });

      const headerFault = headers['x-sim-fault'];
      const fault = headerFault && isFault(headerFault) ? headerFault : state.takeFault(route.name);
      if (fault && isFault(fault) && applyFault(fault, route.provider, req, res, state, timers)) return;

      const call: SimCall = {
        req, res, path, query: url.searchParams, match, headers, raw, body, state, base,
        fault: fault && isFault(fault) ? fault : undefined,
        json: (status, b, h) => sendJson(res, status, b, h),
        error: (status, message) => sendJson(res, status, errorBody(route.provider, status, message)),
        later: (ms, fn) => {
          const t = setTimeout(() => {
            timers.delete(t);
            fn();
          }, ms);
          timers.add(t);
        },
      };
      if (body === Symbol.for('sim.bad-json')) return call.error(400, 'Request body is not valid JSON');
      if (!authorised(route, headers, state)) return call.error(401, 'Unauthorized: missing or invalid API key');
      await route.handle(call);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `simulator bug: ${String(error)}` });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/`,
    port,
    control,
    requests: state.requests,
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
