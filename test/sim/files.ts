/** Files the simulator hands out: generated results (at a settable speed), uploaded inputs, and the presigned PUT target. */
import { randomUUID } from 'node:crypto';
import { fileNames, modelFile } from './models';
import type { Route, SimCall } from './route';
import type { SimFormat, SimJob, SimState } from './state';

/** Ticks per second of a throttled download: small enough slices that a kill can land mid-file. */
const ticksPerSecond = 20;

/**
 * Send a model file with an honest Content-Length. With `downloadBytesPerSec` set, the bytes trickle
 * out in slices (timers the simulator clears on close), so a test can stop the client mid-download.
 */
export function sendBytes(call: SimCall, status: number, headers: Record<string, string | number>, bytes: Uint8Array): void {
  const { res } = call;
  res.writeHead(status, { ...headers, 'content-length': bytes.length });
  const rate = call.state.config.downloadBytesPerSec;
  if (!(rate > 0)) return void res.end(bytes);
  const slice = Math.max(1, Math.floor(rate / ticksPerSecond));
  let at = 0;
  let gone = false;
  res.once('close', () => (gone = true));
  const tick = (): void => {
    if (gone) return;
    const next = Math.min(bytes.length, at + slice);
    res.write(bytes.subarray(at, next));
    at = next;
    if (at >= bytes.length) res.end();
    else call.later(1000 / ticksPerSecond, tick);
  };
  tick();
}

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
  sendBytes(call, 200, { 'content-type': fileNames[format].contentType }, bytes);
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
