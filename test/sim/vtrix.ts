/**
 * Vtrix `tencent_hunyuan_3d` (seed 003): create + poll task, exactly one primary input, multi-view
 * limited to left/right/back, images ≤ 8 MB after base64, and the `type` vs `format` quirk.
 */
import { resultUrl } from './files';
import { newJob } from './jobs';
import type { Route, SimCall } from './route';
import type { SimFormat, SimJob } from './state';
import { checkBody, isUri, type Rules } from './validate';

const paramRules: Rules = {
  prompt: { type: 'string', maxLength: 1024 },
  image_url: { type: 'uri' },
  image_base64: { type: 'string' },
  result_format: { type: 'enum', values: ['OBJ', 'GLB', 'STL', 'USDZ', 'FBX', 'MP4'] },
  enable_pbr: { type: 'bool' },
};
const maxEncodedBytes = 8 * 1024 * 1024;

/** Decodes, checks size and magic; Tencent counts the 8 MB after base64 encoding. */
function imageProblem(name: string, b64: string): string | undefined {
  if (b64.length > maxEncodedBytes) return `${name} exceeds 8MB`;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return `${name} is not valid base64`;
  const head = Buffer.from(b64.slice(0, 64), 'base64');
  const png = head.subarray(0, 4).toString('latin1') === '\x89PNG';
  const jpeg = head[0] === 0xff && head[1] === 0xd8;
  const webp = head.subarray(8, 12).toString('latin1') === 'WEBP';
  return png || jpeg || webp ? undefined : `${name} must be jpg, png or webp`;
}

/** The params with unknown fields dropped, or the sentence refusing them (`vtrixUnknownFields`). */
function checkParams(params: Record<string, unknown>, refuseUnknown: boolean): { params: Record<string, unknown> } | { problem: string } {
  const { multi_view_images: views, ...rest } = params;
  const plain = checkBody(rest, paramRules);
  if (!plain.ok) return { problem: plain.error ?? 'invalid params' };
  if (plain.unknown.length > 0 && refuseUnknown) return { problem: `unknown parameter: ${plain.unknown.join(', ')}` };
  const primaries = ['prompt', 'image_url', 'image_base64'].filter((k) => k in params);
  if (primaries.length !== 1) return { problem: 'exactly one of prompt, image_url or image_base64 is required' };
  if (typeof params.image_base64 === 'string') {
    const p = imageProblem('image_base64', params.image_base64);
    if (p) return { problem: p };
  }
  const kept: Record<string, unknown> = { ...plain.known };
  if (views !== undefined) {
    if (!Array.isArray(views)) return { problem: 'multi_view_images must be an array' };
    if ('prompt' in params) return { problem: 'multi_view_images needs an image input' };
    const seen = new Set<string>();
    const cleaned: Record<string, unknown>[] = [];
    for (const item of views as Record<string, unknown>[]) {
      if (!item || typeof item !== 'object' || Array.isArray(item)) return { problem: 'multi_view_images items must be objects' };
      if (!['left', 'right', 'back'].includes(String(item.View))) return { problem: 'View must be one of left, right, back' };
      if (seen.has(String(item.View))) return { problem: `duplicate View ${String(item.View)}` };
      seen.add(String(item.View));
      const hasUrl = isUri(item.ImageUrl);
      const hasB64 = typeof item.ImageBase64 === 'string';
      if (hasUrl === hasB64) return { problem: 'each multi view image needs exactly one of ImageUrl or ImageBase64' };
      if (hasB64) {
        const p = imageProblem(`ImageBase64 (${String(item.View)})`, item.ImageBase64 as string);
        if (p) return { problem: p };
      }
      const extra = Object.keys(item).filter((k) => !viewFields.includes(k));
      if (extra.length > 0 && refuseUnknown) return { problem: `unknown multi view field: ${extra.join(', ')}` };
      cleaned.push(Object.fromEntries(Object.entries(item).filter(([k]) => viewFields.includes(k))));
    }
    kept.multi_view_images = cleaned;
  }
  return { params: kept };
}

const viewFields = ['View', 'ImageUrl', 'ImageBase64'];

/** Seed 003 gives progress no scale; the simulator's choice is `vtrixProgress`. */
function progressField(call: SimCall, job: SimJob): Record<string, number> {
  const share = Math.min(0.99, (Date.now() - job.createdAt) / Math.max(1, job.durationMs));
  switch (call.state.config.vtrixProgress) {
    case 'percent':
      return { progress: Math.round(share * 100) };
    case 'fraction':
      return { progress: Math.round(share * 100) / 100 };
    case 'none':
      return {};
  }
}

function task(call: SimCall, job: SimJob): Record<string, unknown> {
  const phase = call.state.jobPhase(job);
  const base = { id: job.id, created_at: job.createdAt, model: 'tencent_hunyuan_3d' };
  if (phase !== 'done') return { ...base, status: call.state.config.vtrixRunningStatus, ...progressField(call, job) };
  if (job.outcome === 'fail') return { ...base, status: 'failed', error: { code: '13002095', message: job.failMessage } };
  const format = job.format;
  const content = [{
    // The wrapper's `type` stays "glb" whatever was made; `format` is the truth.
    type: 'glb', format, url: resultUrl(call.base, job), preview_url: `${call.base}/files/${job.id}/preview.png`, jobId: `tc-${job.id.slice(0, 12)}`,
  }];
  return {
    ...base, status: 'completed', output: [{ content }],
    usage: { cost: call.state.config.vtrixCost, input_tokens: null, output_tokens: null, quantity: 1, total_tokens: null, unit_price: '0.2000', user_discount: 1 },
    metadata: { completed_at: job.durationMs / 1000, in_queue_at: 0.2, upload_at: 0.1 },
  };
}

/**
 * The params of a create body. `{model, input: [{params}]}` is what public clients send [seen]; seed
 * 003 lists `model` beside the params, so a flat body is as plausible: `vtrixBody` picks.
 */
function paramsOf(call: SimCall, b: Record<string, unknown>): Record<string, unknown> | string {
  const { config } = call.state;
  const wrapped = 'input' in b;
  if (wrapped ? config.vtrixBody === 'flat' : config.vtrixBody === 'input') return wrapped ? 'unknown field: input' : 'input must be an array with one item';
  if (!wrapped) {
    const params = { ...b };
    delete params.model;
    return params;
  }
  const extra = Object.keys(b).filter((k) => k !== 'model' && k !== 'input');
  if (extra.length > 0 && config.vtrixUnknownFields === 'refuse') return `unknown field: ${extra.join(', ')}`;
  if (!Array.isArray(b.input) || b.input.length !== 1) return 'input must be an array with one item';
  const params = (b.input[0] as { params?: unknown } | undefined)?.params;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return 'input[0].params is required';
  return params as Record<string, unknown>;
}

function create(call: SimCall): void {
  const b = call.body as Record<string, unknown> | undefined;
  if (!b || typeof b !== 'object' || Array.isArray(b)) return call.error(400, 'body must be JSON');
  if (b.model !== 'tencent_hunyuan_3d') return call.error(400, `unknown model ${String(b.model)}`);
  const params = paramsOf(call, b);
  if (typeof params === 'string') return call.error(400, params);
  const checked = checkParams(params, call.state.config.vtrixUnknownFields === 'refuse');
  if ('problem' in checked) return call.error(400, checked.problem);
  const p = checked.params;
  const format = (typeof p.result_format === 'string' ? p.result_format.toLowerCase() : 'glb') as SimFormat;
  const job = newJob(call, 'vtrix', 'tencent_hunyuan_3d', format, p);
  call.json(200, { id: job.id, created_at: job.createdAt, status: call.state.config.vtrixRunningStatus, model: 'tencent_hunyuan_3d', ...progressField(call, job) });
}

function poll(call: SimCall): void {
  const job = call.state.jobs.get(call.match[1] ?? '');
  if (!job || job.provider !== 'vtrix') return call.error(404, 'task not found');
  call.json(200, task(call, job));
}

export const vtrixRoutes: Route[] = [
  { name: 'vtrix.create', provider: 'vtrix', method: 'POST', pattern: /^\/model\/v1\/generation$/, auth: 'bearer', submit: true, handle: create },
  { name: 'vtrix.task', provider: 'vtrix', method: 'GET', pattern: /^\/model\/v1\/generation\/task\/([\w-]+)$/, auth: 'bearer', handle: poll },
];
