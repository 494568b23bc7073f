/**
 * A loopback stand-in for every provider in PROVIDERS.md, on one port. It checks auth and bodies as
 * the services do, runs jobs on a clock tests control, serves real model files, injects faults,
 * and records every request. Never imported by src/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyFault, errorBody, isFault, type FaultName } from './faults';
import { fileRoutes } from './files';
import { sha256, submitPrint } from './fingerprint';
import { localRoutes } from './local';
import { sendJson } from './respond';
import type { Route, SimCall } from './route';
import { segmindRoutes } from './segmind';
import { SimState, flatHeaders, unknownSettings, type QueuedFault, type RecordedRequest, type SimConfig, type SimJob } from './state';
import { vtrixRoutes } from './vtrix';
import { wavespeedRoutes } from './wavespeed';

export type { Route, SimCall } from './route';

/** Which submit POSTs to count: all given conditions must hold. */
export interface SubmissionFilter {
  route?: string;
  /** The job fingerprint (`RecordedRequest.submit.fingerprint`). */
  fingerprint?: string;
  /** sha256 (hex) of an image or mesh the submit carried or pointed at. */
  input?: string;
  /** A value the client put in the body (a unique prompt, a seed): matched in the raw JSON text. */
  contains?: string;
}

export interface SimControl {
  /** Change settings (durations, answer variants, accepted keys …). */
  configure(patch: Partial<SimConfig>): void;
  /** Queue a fault for the next `times` requests matching `route`. */
  fault(route: string, fault: FaultName, times?: number): void;
  reset(): void;
  /** Requests so far, optionally only one route's. */
  requestsTo(route: string): RecordedRequest[];
  /** Submit POSTs (every route that starts a job) matching the filter, oldest first. */
  submissions(filter?: SubmissionFilter): RecordedRequest[];
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

/**
 * The route does its work (a job is created and billed) but its answer never arrives: the first
 * attempt to answer drops the connection (`answer-lost`), or holds it silent until the client gives
 * up, at most `stallMs` (`answer-stall`) — a network cut or timeout after the provider accepted.
 */
function loseAnswer(req: IncomingMessage, res: ServerResponse, holdMs: number, timers: Set<NodeJS.Timeout>): void {
  let dropped = false;
  const drop = (): ServerResponse => {
    if (dropped) return res;
    dropped = true;
    if (holdMs <= 0) {
      req.socket.destroy();
      return res;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      req.socket.destroy();
    }, holdMs);
    timers.add(timer);
    req.socket.once('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
    return res;
  };
  res.writeHead = drop as typeof res.writeHead;
  res.write = (() => true) as typeof res.write;
  res.end = drop as typeof res.end;
}

export async function startSimulator(options: { port?: number; config?: Partial<SimConfig> } = {}): Promise<Simulator> {
  const bad = unknownSettings(options.config ?? {});
  if (bad.length > 0) throw new Error(`unknown simulator setting: ${bad.join(', ')}`);
  const state = new SimState(options.config);
  const timers = new Set<NodeJS.Timeout>();
  let base = '';

  const control: SimControl = {
    state,
    configure: (patch) => {
      const unknown = unknownSettings(patch);
      if (unknown.length > 0) throw new Error(`unknown simulator setting: ${unknown.join(', ')}`);
      Object.assign(state.config, patch);
    },
    fault: (route, fault, times = 1) => void state.faults.push({ route, fault, times }),
    reset: () => state.reset(),
    requestsTo: (route) => state.requests.filter((r) => r.route === route),
    submissions: (f = {}) =>
      state.requests.filter(
        (r) =>
          r.submit &&
          (f.route === undefined || r.route === f.route) &&
          (f.fingerprint === undefined || r.submit.fingerprint === f.fingerprint) &&
          (f.input === undefined || r.submit.inputs.includes(f.input)) &&
          (f.contains === undefined || JSON.stringify(r.body ?? null).includes(f.contains)),
      ),
  };

  /** A submission as the control route shows it: no headers, so no keys. */
  const summary = (r: RecordedRequest) => ({ route: r.route, path: r.path, at: r.at, status: r.status, jobId: r.jobId, bodySha256: r.bodySha256, ...r.submit });
  const jobSummary = (j: SimJob) => ({ id: j.id, provider: j.provider, model: j.model, createdAt: j.createdAt, durationMs: j.durationMs, outcome: j.outcome, format: j.format, input: j.input });

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, raw: Buffer): Promise<void> {
    const body = parseJson(raw, 'json') as Record<string, unknown> | undefined;
    if (req.method === 'GET' && path === '/__sim/requests') return sendJson(res, 200, state.requests);
    if (req.method === 'GET' && path === '/__sim/submissions') {
      const q = new URL(req.url ?? '/', 'http://sim').searchParams;
      const filter: SubmissionFilter = {};
      for (const k of ['route', 'fingerprint', 'input', 'contains'] as const) if (q.has(k)) filter[k] = q.get(k)!;
      const found = control.submissions(filter);
      return sendJson(res, 200, { count: found.length, submissions: found.map(summary) });
    }
    if (req.method === 'GET' && path === '/__sim/jobs') return sendJson(res, 200, [...state.jobs.values()].map(jobSummary));
    if (req.method === 'POST' && path === '/__sim/reset') {
      state.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (req.method === 'POST' && path === '/__sim/config' && body && typeof body === 'object' && !Array.isArray(body)) {
      const unknown = unknownSettings(body);
      if (unknown.length > 0) return sendJson(res, 400, { error: `unknown setting: ${unknown.join(', ')}` });
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
      const record: RecordedRequest = { route: route.name, method: req.method ?? '', path: url.pathname + url.search, headers, body: recorded, at: Date.now() };
      if (raw.length > 0) record.bodySha256 = sha256(raw);
      if (route.submit && typeof body !== 'symbol') record.submit = submitPrint(state, base, route.name, path, body);
      state.requests.push(record);
      res.once('finish', () => (record.status = res.statusCode));

      const headerFault = headers['x-sim-fault'];
      const fault = headerFault && isFault(headerFault) ? headerFault : state.takeFault(route.name);
      if (fault && isFault(fault) && applyFault(fault, route.provider, req, res, state, timers)) return;
      if (fault === 'answer-lost' || fault === 'answer-stall') loseAnswer(req, res, fault === 'answer-lost' ? 0 : state.config.stallMs, timers);

      const call: SimCall = {
        req, res, path, query: url.searchParams, match, headers, raw, body, state, base, record,
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
