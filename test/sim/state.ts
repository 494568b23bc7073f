/** The simulator's memory: settings tests can change, queued faults, jobs, stored files, and every request. */
import type { IncomingHttpHeaders } from 'node:http';

export type SimProvider = 'segmind' | 'wavespeed' | 'vtrix' | 'local';
export type SimFormat = 'glb' | 'obj' | 'stl' | 'ply' | 'usdz' | 'fbx' | 'mp4';

export interface SimConfig {
  /** How long a job takes from submit to done, unless one of the settings below says otherwise. */
  durationMs: number;
  /** Duration per model (the slug in the request: `hunyuan-3d-2`, `wavespeed-ai/hunyuan3d/v2.1` …). */
  durationByModel: Record<string, number>;
  /** When set, a model without its own duration takes its realistic median (durations.ts) × this. */
  durationScale: number | null;
  /** σ of the log of a lognormal around the chosen duration (0 = exactly the chosen duration). */
  durationSigma: number;
  /** Seed of the lognormal draws, so a run can be repeated; reset restarts the sequence. */
  durationSeed: number;
  /** Results (files, Segmind v1 bytes, self-hosted `/generate`) trickle out at this rate; 0 = full speed. */
  downloadBytesPerSec: number;
  /** Accepted keys per provider; absent means any non-empty key is accepted. */
  keys: Partial<Record<SimProvider, string[]>>;
  /**
   * Model slugs Segmind's v2 async route knows. Seed 001 shows 2mv only on v1; the v2 route for it is
   * a guess (PROVIDERS.md §1b), so by default both routes work and `['hunyuan-3d-2']` is the doc-only world.
   */
  segmindV2Models: string[];
  /** Seed 000 labels `mesh` "required" yet defaults it to null "only needed if modifying": strict refuses it absent. */
  segmindMeshRequired: boolean;
  /** Segmind's answer to a field it does not know is undocumented: drop it (default) or refuse with 400. */
  segmindUnknownFields: 'drop' | 'refuse';
  /** Vtrix's answer to a field seed 003 does not list (top level, params or a view) is undocumented. */
  vtrixUnknownFields: 'drop' | 'refuse';
  /**
   * The Vtrix create body. Seed 003 lists `model` beside `prompt` etc. (flat); public clients wrap the
   * params as `input: [{params}]` [seen]. `either` (default) takes both.
   */
  vtrixBody: 'either' | 'input' | 'flat';
  /** Seed 003 gives `progress` no scale: 0–100 (default), 0–1, or left out. */
  vtrixProgress: 'percent' | 'fraction' | 'none';
  /** The word a running Vtrix task shows: seed 003 says `in_progress`; `pending`/`processing` are [seen]. */
  vtrixRunningStatus: 'in_progress' | 'pending' | 'processing';
  /** WaveSpeed keeps predictions (result and list) this long: 7 days (docs, "Data Retention"). */
  wavespeedRetentionMs: number;
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
  durationByModel: {},
  durationScale: null,
  durationSigma: 0,
  durationSeed: 1,
  downloadBytesPerSec: 0,
  keys: {},
  segmindV2Models: ['hunyuan-3d-2', 'hunyuan3d-2mv'],
  segmindMeshRequired: false,
  segmindUnknownFields: 'drop',
  vtrixUnknownFields: 'drop',
  vtrixBody: 'either',
  vtrixProgress: 'percent',
  vtrixRunningStatus: 'in_progress',
  wavespeedRetentionMs: 7 * 24 * 3_600_000,
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

/**
 * Every guessed behaviour at its strictest: the simulator refuses or varies whatever the documents
 * leave open. A test that passes under both this and the defaults does not lean on a guess.
 */
export const strictGuesses: Partial<SimConfig> = {
  segmindV2Models: ['hunyuan-3d-2'],
  segmindMeshRequired: true,
  segmindUnknownFields: 'refuse',
  vtrixUnknownFields: 'refuse',
  vtrixBody: 'input',
};

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
  /** sha256 (hex) of the raw body bytes, when there was a body. */
  bodySha256?: string;
  /** On submit routes: what identifies the job asked for, whatever upload URLs it went through. */
  submit?: SubmitPrint;
  /** The job this request created, if it created one. */
  jobId?: string;
  /** The HTTP status answered; absent while pending or when the connection was dropped. */
  status?: number;
  at: number;
}

export interface SubmitPrint {
  /**
   * sha256 of the route, path and canonical JSON body in which every image or mesh (a simulator upload
   * URL, a data URL, raw base64) is replaced by the sha256 of its bytes: a resubmission of the same job
   * after a fresh upload has the same fingerprint.
   */
  fingerprint: string;
  /** sha256 (hex) of each image or mesh the body carried or pointed at, in body order. */
  inputs: string[];
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
  /** sha256 of the key that created it: WaveSpeed lists only the caller's own predictions. */
  owner: string;
}

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

/** Setting names the patch has that SimConfig has not (a typo would otherwise change nothing, silently). */
export function unknownSettings(patch: object): string[] {
  const known = defaultConfig();
  return Object.keys(patch).filter((k) => !(k in known));
}

export class SimState {
  /** What the simulator was started with; reset returns to it rather than to bare defaults. */
  private readonly initial: Partial<SimConfig>;
  config: SimConfig;

  constructor(initial: Partial<SimConfig> = {}) {
    this.initial = { ...initial };
    this.config = { ...defaultConfig(), ...this.initial };
  }
  faults: QueuedFault[] = [];
  requests: RecordedRequest[] = [];
  jobs = new Map<string, SimJob>();
  /** Uploaded inputs, by path under the simulator's URL. */
  files = new Map<string, StoredFile>();
  /** Pending WaveSpeed two-step uploads: token → what the ticket promised. */
  tickets = new Map<string, { filename: string; size: number; contentType?: string; path: string }>();

  /** Where the lognormal draws are in their seeded sequence. */
  private drawState = 0;
  private drawSeed = 0;

  reset(): void {
    this.config = { ...defaultConfig(), ...this.initial };
    this.drawState = 0;
    this.drawSeed = 0;
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

  /** Next uniform number in (0, 1) from the seeded sequence (mulberry32); a new seed restarts it. */
  nextUniform(): number {
    if (this.drawSeed !== this.config.durationSeed) {
      this.drawSeed = this.config.durationSeed;
      this.drawState = this.config.durationSeed >>> 0;
    }
    this.drawState = (this.drawState + 0x6d2b79f5) >>> 0;
    let t = this.drawState;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4_294_967_296;
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
