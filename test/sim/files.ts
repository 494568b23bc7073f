/** Files the simulator hands out: generated results, uploaded inputs, and the presigned PUT target. */
import { randomUUID } from 'node:crypto';
import { fileNames, modelFile } from './models';
import type { Route, SimCall } from './server';
import type { SimFormat, SimJob, SimProvider, SimState } from './state';

export function resultUrl(base: string, job: SimJob): string {
  return `${base}/files/${job.id}/${fileNames[job.format].name}`;
}

/** Store an uploaded input and return the public URL the provider would hand back. */
export function storeInput(call: SimCall, bytes: Uint8Array, contentType: string, filename: string): string {
  const path = `/assets/${randomUUID()}/${encodeURIComponent(filename)}`;
  call.state.files.set(path, { bytes, contentType });
  return `${call.base}${path}`;
}

/** True when a URL points at the simulator but names no file it holds (a typo'd or stale upload). */
export function isDanglingInput(state: SimState, base: string, url: string): boolean {
  if (!url.startsWith(`${base}/assets/`)) return false;
  return !state.files.has(url.slice(base.length));
}

export function newJob(call: SimCall, provider: SimProvider, model: string, format: SimFormat, input: Record<string, unknown>): SimJob {
  const duration = Number(call.headers['x-sim-duration-ms']);
  const job: SimJob = {
    id: randomUUID().replace(/-/g, ''),
    provider,
    model,
    createdAt: Date.now(),
    durationMs: Number.isFinite(duration) ? duration : call.state.config.durationMs,
    outcome: call.headers['x-sim-outcome'] === 'fail' || call.state.config.failJobs ? 'fail' : 'complete',
    format,
    failMessage: provider === 'local' ? 'Generation failed: CUDA out of memory' : 'Generation failed: the subject could not be separated from the background',
    input,
  };
  // A careless service quoting the request back: the key ends up in the failure text.
  const key = call.headers['x-api-key'] ?? /^Bearer\s+(\S+)$/.exec(call.headers.authorization ?? '')?.[1];
  if (call.state.config.echoKeyInFailure && key) job.failMessage += ` (request with key ${key} from ${call.base})`;
  call.state.jobs.set(job.id, job);
  return job;
}

async function serveResult(call: SimCall): Promise<void> {
  const [, id = '', name = ''] = call.match;
  const job = call.state.jobs.get(id);
  const format = (Object.keys(fileNames) as SimFormat[]).find((f) => fileNames[f].name === name);
  if (!job || !format || call.state.jobPhase(job) !== 'done' || job.outcome === 'fail') {
    call.res.writeHead(404, { 'content-type': 'application/xml' });
    call.res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>');
    return;
  }
  if (call.fault === 'output-403') {
    // What S3/CloudFront answer for an expired presigned link.
    call.res.writeHead(403, { 'content-type': 'application/xml' });
    call.res.end('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    return;
  }
  const bytes = await modelFile(format);
  if (call.fault === 'oversized') {
    // Chunked, no length: the client must count as it reads.
    call.res.writeHead(200, { 'content-type': fileNames[format].contentType });
    const chunk = Buffer.alloc(64 * 1024);
    let left = call.state.config.oversizeBytes;
    call.res.write(bytes);
    const pump = (): void => {
      while (left > 0) {
        left -= chunk.length;
        if (!call.res.write(chunk)) return void call.res.once('drain', pump);
      }
      call.res.end();
    };
    call.res.on('error', () => undefined);
    pump();
    return;
  }
  call.res.writeHead(200, { 'content-type': fileNames[format].contentType, 'content-length': bytes.length });
  call.res.end(bytes);
}

function serveInput(call: SimCall): void {
  const file = call.state.files.get(call.path);
  if (!file) return call.json(404, { error: 'no such file' });
  call.res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
  call.res.end(file.bytes);
}

/** WaveSpeed's presigned PUT: the bytes must match what the ticket promised. */
function acceptPut(call: SimCall): void {
  const token = call.match[1] ?? '';
  const ticket = call.state.tickets.get(token);
  if (!ticket) return call.json(403, { error: 'unknown or used upload URL' });
  if (call.raw.length !== ticket.size) return call.json(400, { error: `expected ${ticket.size} bytes, got ${call.raw.length}` });
  if (ticket.contentType && call.headers['content-type'] !== ticket.contentType) return call.json(400, { error: 'content-type does not match the ticket' });
  call.state.tickets.delete(token);
  call.state.files.set(ticket.path, { bytes: new Uint8Array(call.raw), contentType: ticket.contentType ?? 'application/octet-stream' });
  call.res.writeHead(200, { etag: `"${token}"` });
  call.res.end();
}

export const fileRoutes: Route[] = [
  { name: 'files.result', provider: 'files', method: 'GET', pattern: /^\/files\/([\w-]+)\/([\w.]+)$/, handle: serveResult },
  { name: 'files.input', provider: 'files', method: 'GET', pattern: /^\/assets\/[\w-]+\/[^/]+$/, handle: serveInput },
  { name: 'files.put', provider: 'files', method: 'PUT', pattern: /^\/__upload\/([\w-]+)$/, handle: acceptPut },
];
