/**
 * The browser harness: the core in plain Node, the built renderer over http on loopback, and a
 * `window.studio` bridge over WebSocket. End-to-end tests drive it in Debian's Chromium.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { createCore, type Core, type CoreDeps } from '../main/core';
import { createDispatcher } from '../main/core/dispatch';
import { contentSecurityPolicy } from '../main/core/security/csp';
import { contentTypeFor, resolveRendererFile } from '../main/core/security/renderer-files';
import { largestInputSize } from '../shared/ipc-limits';
import { harnessAssetPrefix, parseAssetPath } from '../shared/asset-url';
import { createHarnessShell } from './desktop-shell';
import { decodeWire, encodeWire, maxFrameFor, peekRequestId, WireError } from '../shared/wire';

export interface HarnessOptions {
  port: number;
  rendererRoot: string;
  core: Omit<CoreDeps, 'app'>;
  /**
   * Browser mode's per-launch secret. With it, a WebSocket must present it (`?token=`, which the
   * bridge takes from the page's `#token=` fragment) and every request must name our own host, so
   * neither another local program nor a DNS-rebound site can reach the core. Absent: tests' harness.
   */
  token?: string;
}

export interface Harness {
  url: string;
  core: Core;
  close(): Promise<void>;
}

const BRIDGE_PATH = '/__harness/bridge.js';
const SOCKET_PATH = '/__harness/ws';

/** Constant-time, so the answer's timing says nothing about how much of a guess was right. */
function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The largest frame: the biggest channel input (jobs:submit's pictures) as it travels. ws refuses
 * a bigger one from its header, before buffering it, and closes that socket with 1009 (Message Too
 * Big); the other sockets are untouched.
 */
export const maxFrameBytes = maxFrameFor(largestInputSize);

/** Node's base64 is ten times faster than btoa in pieces, and a finished job's model may be large. */
const encode = (value: unknown): string =>
  encodeWire(value, { base64: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') });
const send = (socket: WebSocket, value: unknown): void => socket.send(encode(value));

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function frameBytes(raw: RawData): Uint8Array {
  if (Array.isArray(raw)) return Buffer.concat(raw);
  return raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw;
}

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('The harness bridge did not build.');
  return file.text;
}

/** Listens on loopback; with port 0 the OS picks one, and the real port is what is returned. */
async function listen(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const bridge = await bundleBridge();
  const server = http.createServer();
  const port = await listen(server, options.port);
  const origin = `http://127.0.0.1:${port}`;
  const core = createCore({
    ...options.core,
    shell: options.core.shell ?? createHarnessShell({ dataDir: options.core.dataDir, exportDir: options.core.exportDir, log: options.core.log }),
    app: { name: 'Hunyuan3D Studio', version: '0.1.0', shell: 'harness', platform: process.platform },
  });
  const dispatcher = createDispatcher(core.handlers, { trustedOrigin: origin, log: options.core.log });
  const csp = contentSecurityPolicy({ connect: [`ws://127.0.0.1:${port}`] });

  /**
   * The app's asset:// paths on the page's own origin. Judged on the raw request path, before any
   * URL parser collapses `..`. Only our page may read them: a browser says where a request comes
   * from (Sec-Fetch-Site), and CORP keeps other sites from embedding the files.
   */
  const answerAsset = async (req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): Promise<void> => {
    const site = req.headers['sec-fetch-site'];
    const foreign = site !== undefined && site !== 'same-origin' && site !== 'none';
    const reply = foreign
      ? { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }, body: 'Library files are only for Studio’s own page.' }
      : await core.serveAsset({ method: req.method ?? 'GET', ref: parseAssetPath(rawPath) });
    res.writeHead(reply.status, { ...reply.headers, 'cross-origin-resource-policy': 'same-origin' }).end(reply.body ?? undefined);
  };

  // A DNS-rebound page calls itself by its own name; our page always asks for 127.0.0.1:<port>.
  const host = `127.0.0.1:${port}`;
  const foreignHost = (req: http.IncomingMessage): boolean => options.token !== undefined && req.headers.host !== host;

  server.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const headers = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
      if (foreignHost(req)) {
        res.writeHead(421, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(`Studio answers only at http://${host}/.`);
        return;
      }
      if (url.pathname === BRIDGE_PATH) {
        res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(bridge);
        return;
      }
      const raw = req.url ?? '/';
      if (raw.startsWith(`${harnessAssetPrefix}/`)) {
        await answerAsset(req, res, raw.slice(harnessAssetPrefix.length));
        return;
      }
      const file = resolveRendererFile(options.rendererRoot, url.pathname);
      if (!file) {
        res.writeHead(404, headers).end('Not found');
        return;
      }
      try {
        let body: Buffer | string = await readFile(file);
        if (file.endsWith('index.html')) {
          // The bridge is a classic script, so it runs before the app's deferred module script.
          body = body.toString('utf8').replace('<title>', `<script src="${BRIDGE_PATH}"></script>\n    <title>`);
        }
        res.writeHead(200, { ...headers, 'content-type': contentTypeFor(file) }).end(body);
      } catch {
        res.writeHead(404, headers).end('Not found');
      }
    })();
  });

  const sockets = new Set<WebSocket>();
  const log = options.core.log;
  const wss = new WebSocketServer({
    server,
    path: SOCKET_PATH,
    maxPayload: maxFrameBytes,
    // The WebSocket twin of the IPC sender check: only pages from our own origin may connect, and
    // in browser mode only with this launch's token (401 without it, 403 from another origin).
    verifyClient: ({ origin: from, req }: { origin: string; req: http.IncomingMessage }, answer: (ok: boolean, code?: number, message?: string) => void) => {
      if (from !== origin || foreignHost(req)) return answer(false, 403, 'Forbidden');
      if (options.token === undefined) return answer(true);
      const given = new URL(req.url ?? '/', origin).searchParams.get('token');
      return sameSecret(given, options.token) ? answer(true) : answer(false, 401, 'Unauthorized');
    },
  });
  // ws re-emits the http server's errors; listening already succeeded, so there are none to report.
  wss.on('error', () => undefined);
  wss.on('connection', (socket, request) => {
    sockets.add(socket);
    const sender = { url: request.headers.origin ?? '', isMainFrame: true };
    const refuse = (id: number | null, message: string): void => {
      send(socket, { id, reply: { ok: false, error: { code: 'invalid-input', message } } });
    };
    const handle = async (frame: Uint8Array): Promise<void> => {
      let message: unknown;
      try {
        message = await decodeWire(frame, { pause: nextTurn });
      } catch (error) {
        refuse(peekRequestId(frame), error instanceof WireError ? error.message : 'The message could not be read.');
        return;
      } finally {
        // Decoding one frame at a time bounds the memory a page can tie up; calls still run side by side.
        socket.resume();
      }
      const { id, channel, input } = (typeof message === 'object' && message !== null ? message : {}) as { id?: unknown; channel?: unknown; input?: unknown };
      if (typeof id !== 'number') {
        refuse(null, 'A harness message must be an object {id, channel, input} with a numeric id.');
        return;
      }
      const reply = await dispatcher.dispatch(channel, input, sender);
      send(socket, { id, reply });
    };
    socket.on('message', (raw) => {
      socket.pause();
      void handle(frameBytes(raw)).catch((error: unknown) => log.error('harness message failed', { error }));
    });
    // Without a listener an oversize or malformed frame would be an uncaught 'error' and end the harness.
    socket.on('error', (error) => {
      const tooBig = (error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      log.warn(tooBig ? `harness: closed a connection that sent a message over ${Math.round(maxFrameBytes / 2 ** 20)} MB` : 'harness: closed a connection that broke the WebSocket protocol', { error: error.message });
    });
    socket.on('close', () => sockets.delete(socket));
  });
  const unsubscribe = core.onEvent((event, payload) => {
    const text = encode({ event, payload });
    for (const socket of sockets) socket.send(text);
  });

  // Jobs left running by the last harness resume now, as they do when the app starts.
  void core.start().catch((error: unknown) => options.core.log.error('harness: jobs could not resume', { error }));

  return {
    url: `${origin}/`,
    core,
    async close() {
      unsubscribe();
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    },
  };
}
