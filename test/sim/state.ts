/** The simulator's memory: settings tests can change, queued faults, jobs, stored files, and every request. */
import type { IncomingHttpHeaders } from 'node:http';

export type SimProvider = 'segmind' | 'wavespeed' | 'vtrix' | 'local';
export type SimFormat = 'glb' | 'obj' | 'stl' | 'ply' | 'usdz' | 'fbx' | 'mp4';

export interface SimConfig {
  /** How long a job takes from submit to done. */
  durationMs: number;
  /** Accepted keys per provider; absent means any non-empty key is accepted. */
  keys: Partial<Record<SimProvider, string[]>>;
  /** Model slugs Segmind's v2 async route knows; 2mv's v2 route is a guess (PROVIDERS.md §1b). */
  segmindV2Models: string[];
  /** What Segmind's synchronous v1 route answers: the model bytes, or JSON with a URL. */
  segmindV1Answer: 'bytes' | 'json';
  /** Segmind's upload-asset list field; older answers used `file_urls`. */
  segmindUploadField: 'urls' | 'file_urls';
  /** Segmind keeps status and results this long after submission. */
  retentionMs: number;
  /** Which open-source server `/send` imitates: 2.1 adds `/health`, `texturing` and `error`. */
  localVersion: '2.0' | '2.1';
  /** Size of an `oversized` result. */
  oversizeBytes: number;
  /** Jobs created from now on fail the provider's way (Segmind 422 FAILED, WaveSpeed 200 failed …). */
  failJobs: boolean;
  /** The terminal status a failing WaveSpeed task shows; the SDKs treat all four as failures. */
  wavespeedFailStatus: 'failed' | 'cancelled' | 'timeout' | 'deleted';
  /** How long a `stall` holds the connection before dropping it, so nothing hangs forever. */
  stallMs: number;
  /** Failed jobs quote the request's key in their failure text, as a careless service might. */
  echoKeyInFailure: boolean;
  /** Vtrix `usage.cost` on a completed task; documented as a string that may be empty. */
  vtrixCost: string | null;
}

export const defaultConfig = (): SimConfig => ({
  durationMs: 50,
  keys: {},
  segmindV2Models: ['hunyuan-3d-2', 'hunyuan3d-2mv'],
  segmindV1Answer: 'bytes',
  segmindUploadField: 'urls',
  retentionMs: 3_600_000,
  localVersion: '2.1',
  oversizeBytes: 4 * 1024 * 1024,
  stallMs: 30_000,
  failJobs: false,
  wavespeedFailStatus: 'failed',
  echoKeyInFailure: false,
  vtrixCost: '0.2000',
});

export interface QueuedFault {
  /** A route name (`segmind.status`), a prefix with `*` (`segmind.*`), or `*`. */
  route: string;
  fault: string;
  /** How many matching requests it hits (a 502 burst is `times: 3`). */
  times: number;
}

export interface RecordedRequest {
  route: string;
  method: string;
  path: string;
  /** Lower-cased, keys included: only tests read these. */
  headers: Record<string, string>;
  /** Parsed JSON, a multipart summary, or `{ bytes }` for raw uploads. */
  body: unknown;
  at: number;
}

export interface SimJob {
  id: string;
  provider: SimProvider;
  model: string;
  createdAt: number;
  durationMs: number;
  outcome: 'complete' | 'fail';
  format: SimFormat;
  failMessage: string;
  /** Fields the provider saw, after dropping unknown ones. */
  input: Record<string, unknown>;
}

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

export class SimState {
  config: SimConfig = defaultConfig();
  faults: QueuedFault[] = [];
  requests: RecordedRequest[] = [];
  jobs = new Map<string, SimJob>();
  /** Uploaded inputs, by path under the simulator's URL. */
  files = new Map<string, StoredFile>();
  /** Pending WaveSpeed two-step uploads: token → what the ticket promised. */
  tickets = new Map<string, { filename: string; size: number; contentType?: string; path: string }>();

  reset(): void {
    this.config = defaultConfig();
    this.faults = [];
    this.requests.length = 0;
    this.jobs.clear();
    this.files.clear();
    this.tickets.clear();
  }

  /** Take the next queued fault for this route, if any. */
  takeFault(route: string): string | undefined {
    const i = this.faults.findIndex((f) => matches(f.route, route));
    const found = this.faults[i];
    if (!found) return undefined;
    found.times -= 1;
    if (found.times <= 0) this.faults.splice(i, 1);
    return found.fault;
  }

  jobPhase(job: SimJob, now = Date.now()): 'queued' | 'running' | 'done' {
    const elapsed = now - job.createdAt;
    if (elapsed >= job.durationMs) return 'done';
    return elapsed < job.durationMs * 0.3 ? 'queued' : 'running';
  }
}

function matches(pattern: string, route: string): boolean {
  if (pattern === '*' || pattern === route) return true;
  return pattern.endsWith('*') && route.startsWith(pattern.slice(0, -1));
}

export function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
