/**
 * WaveSpeedAI: envelope `{code,message,data}`, submit + result, HTTP-200 failures, unknown fields
 * silently dropped, the list of recent predictions, the two-step media upload and the older
 * `upload/binary` (PROVIDERS.md §2, §6).
 */
import { randomUUID } from 'node:crypto';
import { isDanglingInput, resultUrl, storeInput } from './files';
import { callerKey, newJob, ownerOf } from './jobs';
import type { Route, SimCall } from './route';
import type { SimJob } from './state';
import { checkBody, type Rules } from './validate';

const single: Rules = { image: { type: 'uri', required: true } };
const multiView: Rules = {
  front_image_url: { type: 'uri', required: true },
  back_image_url: { type: 'uri', required: true },
  left_image_url: { type: 'uri', required: true },
  seed: { type: 'int' },
  num_inference_steps: { type: 'int', min: 1, max: 50 },
  guidance_scale: { type: 'number', min: 0, max: 20 },
  octree_resolution: { type: 'int' },
  textured_mesh: { type: 'bool' },
};

const models: Record<string, Rules> = {
  'wavespeed-ai/hunyuan3d/v2-mini': single,
  'wavespeed-ai/hunyuan3d/v2-base': single,
  'wavespeed-ai/hunyuan3d/v2.1': single,
  'wavespeed-ai/hunyuan3d/v2-multi-view': multiView,
};

const envelope = (data: unknown): { code: number; message: string; data: unknown } => ({ code: 200, message: 'success', data });

function statusOf(call: SimCall, job: SimJob): string {
  const phase = call.state.jobPhase(job);
  if (phase === 'done') return job.outcome === 'fail' ? call.state.config.wavespeedFailStatus : 'completed';
  return phase === 'queued' ? 'created' : 'processing';
}

function prediction(call: SimCall, job: SimJob): Record<string, unknown> {
  const status = statusOf(call, job);
  return {
    id: job.id,
    model: job.model,
    outputs: status === 'completed' ? [resultUrl(call.base, job)] : [],
    // Seen in the wild with a double slash; clients must build the URL themselves.
    urls: { get: `${call.base}//api/v3/predictions/${job.id}/result` },
    has_nsfw_contents: status === 'completed' ? [false] : [],
    status,
    created_at: new Date(job.createdAt).toISOString(),
    error: status === 'failed' ? job.failMessage : '',  // cancelled/timeout/deleted come without text
    // Documented as integer milliseconds; a scaled duration can be fractional.
    executionTime: status === 'completed' ? Math.round(job.durationMs) : 0,
    timings: { inference: status === 'completed' ? Math.round(job.durationMs) : 0 },
  };
}

function submit(call: SimCall): void {
  const model = call.match[1] ?? '';
  const rules = models[model];
  if (!rules) return call.error(404, `model ${model} not found`);
  const checked = checkBody(call.body ?? {}, rules);
  if (!checked.ok) return call.error(400, checked.error ?? 'invalid input');
  for (const v of Object.values(checked.known)) {
    if (typeof v === 'string' && isDanglingInput(call.state, call.base, v)) return call.error(400, `failed to download ${v}`);
  }
  // Unknown fields are dropped without a word, as documented: only `known` reaches the job.
  const job = newJob(call, 'wavespeed', model, 'glb', checked.known);
  call.json(200, envelope(prediction(call, job)));
}

/** Predictions and their outputs are deleted after 7 days (docs: "Data Retention"). */
const kept = (call: SimCall, job: SimJob): boolean => Date.now() - job.createdAt <= call.state.config.wavespeedRetentionMs;

function result(call: SimCall): void {
  const job = call.state.jobs.get(call.match[1] ?? '');
  if (!job || job.provider !== 'wavespeed' || !kept(call, job)) return call.error(404, 'prediction not found');
  call.json(200, envelope(prediction(call, job)));
}

const listRules: Rules = {
  page: { type: 'int', min: 1 },
  page_size: { type: 'int', min: 1, max: 100 },
  model: { type: 'string', nullable: true },
  status: { type: 'string', nullable: true },
  created_after: { type: 'string', nullable: true },
  created_before: { type: 'string', nullable: true },
};

/** An ISO 8601 time as ms, null when absent, NaN when unreadable. */
function when(v: unknown): number | null {
  if (v === undefined || v === null) return null;
  return /^\d{4}-\d{2}-\d{2}T/.test(String(v)) ? Date.parse(String(v)) : NaN;
}

/**
 * `POST /api/v3/predictions` (WaveSpeed "List predictions"): the caller's own predictions of the
 * past 7 days, newest first, `{page, total, items}` in the envelope; items are prediction objects
 * (no inputs). Filters: model, status, created_after (at or after), created_before.
 */
function list(call: SimCall): void {
  const checked = checkBody(call.body ?? {}, listRules);
  if (!checked.ok) return call.error(400, checked.error ?? 'invalid list request');
  const q = checked.known as { page?: number; page_size?: number; model?: string | null; status?: string | null };
  const after = when(checked.known.created_after);
  const before = when(checked.known.created_before);
  if (Number.isNaN(after) || Number.isNaN(before)) return call.error(400, 'created_after and created_before must be ISO 8601 date-times');
  const page = q.page ?? 1;
  const size = q.page_size ?? 100;
  const owner = ownerOf(callerKey(call));
  const mine = [...call.state.jobs.values()]
    .filter((j) => j.provider === 'wavespeed' && j.owner === owner && kept(call, j))
    .filter((j) => !q.model || j.model === q.model)
    .filter((j) => !q.status || statusOf(call, j) === q.status)
    .filter((j) => (after === null || j.createdAt >= after) && (before === null || j.createdAt < before))
    .reverse()
    .sort((a, b) => b.createdAt - a.createdAt);
  const items = mine.slice((page - 1) * size, page * size).map((j) => prediction(call, j));
  call.json(200, envelope({ page, total: mine.length, items }));
}

const uploadRules: Rules = {
  filename: { type: 'string', required: true },
  size: { type: 'int', min: 1, max: 100 * 1024 * 1024, required: true },
  content_type: { type: 'string' },
};

function uploadTicket(call: SimCall): void {
  const checked = checkBody(call.body, uploadRules);
  if (!checked.ok) return call.error(400, checked.error ?? 'invalid upload request');
  const { filename, size, content_type: contentType } = checked.known as { filename: string; size: number; content_type?: string };
  const token = randomUUID();
  const path = `/assets/${token}/${encodeURIComponent(filename)}`;
  call.state.tickets.set(token, { filename, size, contentType, path });
  const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
  call.json(200, envelope({ download_url: `${call.base}${path}`, filename, size, upload: { method: 'PUT', url: `${call.base}/__upload/${token}`, headers } }));
}

/** The older one-step route: multipart with a `file` field. */
function uploadBinary(call: SimCall): void {
  const type = call.headers['content-type'] ?? '';
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (!type.startsWith('multipart/form-data') || !boundary) return call.error(400, 'expected multipart/form-data');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = call.raw.indexOf(delimiter);
  while (at >= 0) {
    const next = call.raw.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = call.raw.subarray(at + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    if (/name="file"/.test(head)) {
      const filename = /filename="([^"]*)"/.exec(head)?.[1] ?? 'upload.bin';
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream';
      const bytes = new Uint8Array(part.subarray(split + 4));
      const url = storeInput(call, bytes, contentType, filename);
      return call.json(200, envelope({ type: 'file', download_url: url, filename, size: bytes.length }));
    }
    at = next;
  }
  call.error(400, 'file is required');
}

export const wavespeedRoutes: Route[] = [
  { name: 'wavespeed.upload-ticket', provider: 'wavespeed', method: 'POST', pattern: /^\/api\/v3\/media\/uploads$/, auth: 'bearer', handle: uploadTicket },
  { name: 'wavespeed.upload-binary', provider: 'wavespeed', method: 'POST', pattern: /^\/api\/v3\/media\/upload\/binary$/, auth: 'bearer', handle: uploadBinary },
  { name: 'wavespeed.result', provider: 'wavespeed', method: 'GET', pattern: /^\/api\/v3\/predictions\/([\w-]+)\/result$/, auth: 'bearer', handle: result },
  { name: 'wavespeed.list', provider: 'wavespeed', method: 'POST', pattern: /^\/api\/v3\/predictions$/, auth: 'bearer', handle: list },
  { name: 'wavespeed.submit', provider: 'wavespeed', method: 'POST', pattern: /^\/api\/v3\/([\w-]+\/[\w./-]+)$/, auth: 'bearer', submit: true, handle: submit },
];
