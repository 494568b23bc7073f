/**
 * Tencent's open-source api_server.py (Hunyuan3D-2 and 2.1): `/generate` (sync, GLB bytes, errors as
 * 404 `{text,error_code}`), `/send` + `/status/{uid}`, and 2.1's `/health`. No auth.
 */
import { randomUUID } from 'node:crypto';
import { newJob } from './jobs';
import { modelFile } from './models';
import { sendBytes } from './files';
import type { Route, SimCall } from './route';
import { checkBody, type Rules } from './validate';

const serverError = 'NETWORK ERROR DUE TO HIGH TRAFFIC. PLEASE REGENERATE OR REFRESH THIS PAGE.';

/** 2.1 validates with pydantic (422 on a bad field); 2.0 reads what it knows and ignores the rest. */
const rules21: Rules = {
  image: { type: 'string', required: true },
  remove_background: { type: 'bool' },
  texture: { type: 'bool' },
  seed: { type: 'int', min: 0, max: 4_294_967_295 },
  octree_resolution: { type: 'int', min: 64, max: 512 },
  num_inference_steps: { type: 'int', min: 1, max: 20 },
  guidance_scale: { type: 'number', min: 0.1, max: 20 },
  num_chunks: { type: 'int', min: 1000, max: 20_000 },
  face_count: { type: 'int', min: 1000, max: 100_000 },
};

function decodable(b64: unknown): boolean {
  if (typeof b64 !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return false;
  const head = Buffer.from(b64.slice(0, 64), 'base64');
  return head.subarray(0, 4).toString('latin1') === '\x89PNG' || (head[0] === 0xff && head[1] === 0xd8) || head.subarray(8, 12).toString('latin1') === 'WEBP';
}

/** `refused` when already answered; `bad-image` fails inside the worker, after the route answered. */
function accept(call: SimCall): 'ok' | 'bad-image' | 'refused' {
  if (call.state.config.localVersion === '2.1') {
    const checked = checkBody(call.body, rules21);
    if (!checked.ok) {
      call.json(422, { detail: [{ type: 'value_error', loc: ['body', (checked.error ?? '').split(' ')[0]], msg: checked.error }] });
      return 'refused';
    }
  }
  return decodable((call.body as { image?: unknown } | undefined)?.image) ? 'ok' : 'bad-image';
}

/** What the server was asked for (2.0 ignores unknown fields, so everything sent is kept). */
const bodyFields = (call: SimCall): Record<string, unknown> =>
  call.body && typeof call.body === 'object' && !Array.isArray(call.body) ? { ...(call.body as Record<string, unknown>) } : {};

function generate(call: SimCall): void {
  const verdict = accept(call);
  if (verdict === 'refused') return;
  if (verdict === 'bad-image') return call.json(404, { text: serverError, error_code: 1 });
  const job = newJob(call, 'local', `hunyuan3d-${call.state.config.localVersion}`, 'glb', bodyFields(call));
  call.later(job.durationMs, () => {
    void (async () => {
      if (job.outcome === 'fail') return call.json(404, { text: serverError, error_code: 1 });
      sendBytes(call, 200, { 'content-type': 'model/gltf-binary' }, await modelFile('glb'));
    })();
  });
}

function sendJob(call: SimCall): void {
  const verdict = accept(call);
  if (verdict === 'refused') return;
  const job = newJob(call, 'local', `hunyuan3d-${call.state.config.localVersion}`, 'glb', bodyFields(call));
  if (verdict === 'bad-image') job.outcome = 'fail';
  call.json(200, { uid: job.id });
}

async function status(call: SimCall): Promise<void> {
  const uid = call.match[1] ?? '';
  const job = call.state.jobs.get(uid);
  const v21 = call.state.config.localVersion === '2.1';
  // The real server only looks for the output file: an unknown uid, or a failed one on 2.0, stays "processing" forever.
  if (!job || job.provider !== 'local') return call.json(200, { status: 'processing' });
  const phase = call.state.jobPhase(job);
  if (phase !== 'done') return call.json(200, { status: v21 && phase === 'running' ? 'texturing' : 'processing' });
  // 2.1 answers a failed job with HTTP 500 and this body; 2.0 never notices the failure.
  if (job.outcome === 'fail') return v21 ? call.json(500, { status: 'error', message: job.failMessage }) : call.json(200, { status: 'processing' });
  const bytes = await modelFile('glb');
  call.json(200, { status: 'completed', model_base64: Buffer.from(bytes).toString('base64') });
}

function health(call: SimCall): void {
  if (call.state.config.localVersion !== '2.1') return call.json(404, { detail: 'Not Found' });
  call.json(200, { status: 'healthy', worker_id: `sim-${randomUUID().slice(0, 6)}` });
}

export const localRoutes: Route[] = [
  { name: 'local.generate', provider: 'local', method: 'POST', pattern: /^\/generate$/, submit: true, handle: generate },
  { name: 'local.send', provider: 'local', method: 'POST', pattern: /^\/send$/, submit: true, handle: sendJob },
  { name: 'local.status', provider: 'local', method: 'GET', pattern: /^\/status\/([\w-]+)$/, handle: status },
  { name: 'local.health', provider: 'local', method: 'GET', pattern: /^\/health$/, handle: health },
];
