/** Segmind: v2 async submit/status/result, v1 synchronous 2mv, upload-asset (PROVIDERS.md §1). */
import { isDanglingInput, resultUrl, sendBytes, storeInput } from './files';
import { newJob } from './jobs';
import { modelFile, fileNames } from './models';
import type { Route, SimCall } from './route';
import type { SimFormat, SimJob } from './state';
import { checkBody, isUri, type Rules } from './validate';

const hunyuan2: Rules = {
  image: { type: 'uri' },
  // Seed 000 labels mesh "required" but gives it default null, "only needed if modifying existing mesh",
  // and its own sample sends `mesh=None`: absent or null is accepted unless segmindMeshRequired is set.
  mesh: { type: 'uri', nullable: true },
  text: { type: 'string', nullable: true },
  // The official sample sends it as a string, the docs say integer; both are accepted.
  octree_resolution: { type: 'int', values: [256, 384, 512], numericString: true },
  num_inference_steps: { type: 'int', min: 20, max: 50 },
  guidance_scale: { type: 'number', min: 1, max: 15 },
  seed: { type: 'int', min: -1, max: 999_999_999_999_999 },
  face_count: { type: 'int', min: 5000, max: 100_000 },
  texture: { type: 'bool' },
};

const hunyuan2mv: Rules = {
  front_image: { type: 'uri', required: true },
  back_image: { type: 'uri', nullable: true },
  left_image: { type: 'uri', nullable: true },
  right_image: { type: 'uri', nullable: true },
  file_type: { type: 'enum', values: ['glb', 'obj', 'ply', 'stl'] },
  num_chunks: { type: 'int', min: 1000, max: 5_000_000 },
  octree_resolution: { type: 'int', min: 16, max: 512 },
  remove_background: { type: 'bool' },
  seed: { type: 'int' },
  randomize_seed: { type: 'bool' },
  steps: { type: 'int', min: 1, max: 100 },
  guidance_scale: { type: 'number' },
  target_face_num: { type: 'int', min: 100, max: 1_000_000 },
};

const models: Record<string, Rules> = { 'hunyuan-3d-2': hunyuan2, 'hunyuan3d-2mv': hunyuan2mv };

/** Validate a submit; answers the error itself and returns undefined when the body is refused. */
function accept(call: SimCall, slug: string): { input: Record<string, unknown>; format: SimFormat } | undefined {
  // Segmind has been seen answering a wrong Content-Type with 406.
  if (!(call.headers['content-type'] ?? '').includes('application/json')) return void call.error(406, 'Unsupported content type');
  const rules = models[slug];
  if (!rules) return void call.error(404, `Model ${slug} not found`);
  const checked = checkBody(call.body, rules);
  if (!checked.ok) return void call.error(400, checked.error ?? 'Invalid parameters');
  const { config } = call.state;
  // Whether Segmind refuses a field it does not know is undocumented (a guess either way).
  if (checked.unknown.length > 0 && config.segmindUnknownFields === 'refuse') return void call.error(400, `Unknown parameter: ${checked.unknown.join(', ')}`);
  if (slug === 'hunyuan-3d-2' && config.segmindMeshRequired && !('mesh' in checked.known)) return void call.error(400, 'mesh is required');
  const input = checked.known;
  if (slug === 'hunyuan-3d-2' && !input.image && !input.text) return void call.error(400, 'image or text is required');
  for (const v of Object.values(input)) {
    if (typeof v === 'string' && isUri(v) && isDanglingInput(call.state, call.base, v)) return void call.error(400, `Could not fetch ${v}`);
  }
  const format = (typeof input.file_type === 'string' ? input.file_type : 'glb') as SimFormat;
  return { input, format };
}

function metrics(job: SimJob, done: boolean): Record<string, number> {
  const m: Record<string, number> = { queue_time: 0.4 };
  if (done) Object.assign(m, { inference_time: 36.5, total_time: 36.9, cost: 0.0475, remaining_credits: 12.5 });
  return m;
}

function submitV2(call: SimCall): void {
  const slug = call.match[1] ?? '';
  if (!call.state.config.segmindV2Models.includes(slug)) return call.error(404, `Model ${slug} not found`);
  const ok = accept(call, slug);
  if (!ok) return;
  const job = newJob(call, 'segmind', slug, ok.format, ok.input);
  const at = `${call.base}/v2/requests/${job.id}`;
  call.json(200, { request_id: job.id, status: 'QUEUED', poll_url: `${at}/status`, status_url: `${at}/status`, response_url: at });
}

function findJob(call: SimCall): SimJob | undefined {
  const job = call.state.jobs.get(call.match[1] ?? '');
  if (!job || job.provider !== 'segmind' || Date.now() - job.createdAt > call.state.config.retentionMs) {
    call.error(404, 'Request not found or expired');
    return undefined;
  }
  return job;
}

function statusOf(call: SimCall, job: SimJob): string {
  const phase = call.state.jobPhase(job);
  if (phase === 'done') return job.outcome === 'fail' ? 'FAILED' : 'COMPLETED';
  return phase === 'queued' ? 'QUEUED' : 'PROCESSING';
}

function status(call: SimCall): void {
  const job = findJob(call);
  if (!job) return;
  const s = statusOf(call, job);
  if (s === 'FAILED') return call.json(422, { status: 'FAILED', request_id: job.id, error: job.failMessage, metrics: metrics(job, false) });
  call.json(200, { status: s, request_id: job.id, metrics: metrics(job, s === 'COMPLETED') });
}

function result(call: SimCall): void {
  const job = findJob(call);
  if (!job) return;
  const s = statusOf(call, job);
  if (s === 'FAILED') return call.json(422, { status: 'FAILED', request_id: job.id, error: job.failMessage, metrics: metrics(job, false) });
  if (s !== 'COMPLETED') return call.json(200, { status: s, request_id: job.id, metrics: metrics(job, false) });
  call.json(200, { status: s, request_id: job.id, metrics: metrics(job, true), output: resultUrl(call.base, job) });
}

/** v1 holds the connection for the whole run, then answers bytes or JSON. */
function submitV1(call: SimCall): void {
  const slug = call.match[1] ?? '';
  const ok = accept(call, slug);
  if (!ok) return;
  const job = newJob(call, 'segmind', slug, ok.format, ok.input);
  call.later(job.durationMs, () => {
    void (async () => {
      if (job.outcome === 'fail') return call.error(500, job.failMessage);
      const accounting = { 'x-request-id': job.id, 'x-cost': '0.31', 'x-remaining-credits': '12.19', 'x-inference-time': '101.3' };
      if (call.state.config.segmindV1Answer === 'json') return call.json(200, { output: resultUrl(call.base, job) }, accounting);
      const bytes = await modelFile(job.format);
      const type = job.format === 'glb' ? 'model/gltf-binary' : fileNames[job.format].contentType;
      sendBytes(call, 200, { 'content-type': type, ...accounting }, bytes);
    })();
  });
}

function uploadAsset(call: SimCall): void {
  const list = (call.body as { data_urls?: unknown } | undefined)?.data_urls;
  if (!Array.isArray(list) || list.length === 0) return call.error(400, 'data_urls must be a non-empty array');
  const urls: string[] = [];
  for (const item of list) {
    const m = typeof item === 'string' ? /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/=]+)$/.exec(item) : null;
    if (!m) return call.error(400, 'each entry must be a data URL of a png, jpeg or webp image');
    const ext = m[1] === 'image/jpeg' ? 'jpg' : m[1]!.slice(6);
    urls.push(storeInput(call, new Uint8Array(Buffer.from(m[2]!, 'base64')), m[1]!, `upload.${ext}`));
  }
  call.json(200, { [call.state.config.segmindUploadField]: urls });
}

export const segmindRoutes: Route[] = [
  { name: 'segmind.submit', provider: 'segmind', method: 'POST', pattern: /^\/v2\/([\w.-]+)$/, auth: 'x-api-key', submit: true, handle: submitV2 },
  { name: 'segmind.status', provider: 'segmind', method: 'GET', pattern: /^\/v2\/requests\/([\w-]+)\/status$/, auth: 'x-api-key', handle: status },
  { name: 'segmind.result', provider: 'segmind', method: 'GET', pattern: /^\/v2\/requests\/([\w-]+)$/, auth: 'x-api-key', handle: result },
  { name: 'segmind.v1', provider: 'segmind', method: 'POST', pattern: /^\/v1\/([\w.-]+)$/, auth: 'x-api-key', submit: true, handle: submitV1 },
  { name: 'segmind.upload', provider: 'segmind', method: 'POST', pattern: /^\/upload-asset$/, auth: 'x-api-key', handle: uploadAsset },
];
