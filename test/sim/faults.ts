/**
 * Injected failures. A test picks one per request with the `x-sim-fault` header, or queues them
 * for the next matching route with `POST /__sim/faults` (or `control.fault`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './respond';
import type { SimProvider, SimState } from './state';

export const faultNames = [
  '400', '401', '403', '404', '405', '406', '410', '422', '429', '429-reset', '500', '502', '503', '504',
  'reset', 'stall', 'truncated', 'malformed-json', 'html', 'html-200', 'output-403', 'oversized', 'answer-lost', 'answer-stall',
] as const;
export type FaultName = (typeof faultNames)[number];

export function isFault(v: string): v is FaultName {
  return (faultNames as readonly string[]).includes(v);
}

/** How each provider words an error body (what its clients must parse). */
export function errorBody(provider: SimProvider | 'files', status: number, message: string): unknown {
  switch (provider) {
    case 'segmind':
      return { error: message };
    case 'wavespeed':
      return { code: status, message, data: null };
    case 'vtrix':
      return { error: { code: String(status), message, type: 'api_error' } };
    case 'local':
      // api_server.py answers any generation error with 404 and this body; FastAPI's own errors use `detail`.
      return status === 404 ? { text: message, error_code: 1 } : { detail: message };
    case 'files':
      return { error: message };
  }
}

const messages: Record<number, string> = {
  400: 'Bad Request: invalid parameters',
  401: 'Unauthorized: missing or invalid API key',
  403: 'Forbidden: insufficient permissions',
  404: 'Not Found: request not found or expired',
  405: 'Method Not Allowed',
  406: 'Insufficient credits',
  410: 'This model has been retired',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

const htmlPage = (status: number): string =>
  `<!DOCTYPE html>\n<html><head><title>${status} Error</title></head><body><h1>${status} ${messages[status] ?? 'Error'}</h1><p>nginx</p></body></html>\n`;

/**
 * Answer with the fault. Returns true when the request is handled; `output-403` and `oversized`
 * only make sense on file routes and are left to them; `answer-lost` and `answer-stall` let the
 * route do its work (a job is created) and the server then withholds the answer.
 */
export function applyFault(fault: FaultName, provider: SimProvider | 'files', req: IncomingMessage, res: ServerResponse, state: SimState, timers: Set<NodeJS.Timeout>): boolean {
  switch (fault) {
    case 'reset':
      req.socket.destroy();
      return true;
    case 'stall': {
      // Hold the connection until the client gives up, but never longer than stallMs.
      const timer = setTimeout(() => {
        timers.delete(timer);
        req.socket.destroy();
      }, state.config.stallMs);
      timers.add(timer);
      req.socket.once('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
      return true;
    }
    case 'truncated': {
      const text = JSON.stringify({ status: 'PROCESSING', request_id: 'x'.repeat(200), detail: 'y'.repeat(200) });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setImmediate(() => req.socket.destroy());
      return true;
    }
    case 'malformed-json': {
      const text = '{"status": "COMPLETED", "output": ';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return true;
    }
    case 'html':
    case 'html-200': {
      const status = fault === 'html' ? 502 : 200;
      const text = htmlPage(fault === 'html' ? 502 : 405);
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return true;
    }
    case '429':
      sendJson(res, 429, errorBody(provider, 429, messages[429]!), { 'retry-after': '3' });
      return true;
    case '429-reset': {
      const resetAt = new Date(Date.now() + 7_000).toISOString();
      sendJson(res, 429, errorBody(provider, 429, messages[429]!), { 'x-rate-limit-reset-at-utc': resetAt });
      return true;
    }
    case '422':
      if (provider === 'segmind') {
        sendJson(res, 422, { status: 'FAILED', error: 'Content blocked by safety filter', metrics: { queue_time: 0.4 } });
        return true;
      }
      sendJson(res, 422, errorBody(provider, 422, messages[422]!));
      return true;
    case 'output-403':
    case 'oversized':
    case 'answer-lost':
    case 'answer-stall':
      return false;
    default: {
      const status = Number(fault);
      sendJson(res, status, errorBody(provider, status, messages[status] ?? 'Error'));
      return true;
    }
  }
}
