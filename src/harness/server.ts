/**
 * The browser harness: the core in plain Node, the built renderer over http on loopback, and a
 * `window.studio` bridge over WebSocket. End-to-end tests drive it in Debian's Chromium.
 */
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { createCore, type Core, type CoreDeps } from '../main/core';
import { createDispatcher } from '../main/core/dispatch';
import { contentSecurityPolicy } from '../main/core/security/csp';
import { contentTypeFor, resolveRendererFile } from '../main/core/security/renderer-files';
import { decodeWire, encodeWire } from '../shared/wire';

export interface HarnessOptions {
  port: number;
  rendererRoot: string;
  core: Omit<CoreDeps, 'app'>;
}

export interface Harness {
  url: string;
  core: Core;
  close(): Promise<void>;
}

const BRIDGE_PATH = '/__harness/bridge.js';

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
  const core = createCore({ ...options.core, app: { name: 'Hunyuan3D Studio', version: '0.1.0', shell: 'harness', platform: process.platform } });
  const dispatcher = createDispatcher(core.handlers, { trustedOrigin: origin, log: options.core.log });
  const csp = contentSecurityPolicy({ connect: [`ws://127.0.0.1:${port}`] });

  server.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const headers = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
      if (url.pathname === BRIDGE_PATH) {
        res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(bridge);
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
  const wss = new WebSocketServer({
    server,
    path: '/__harness/ws',
    maxPayload: 256 * 1024 * 1024,
    // The WebSocket twin of the IPC sender check: only pages from our own origin may connect.
    verifyClient: ({ origin: from }: { origin: string }) => from === origin,
  });
  // ws re-emits the http server's errors; listening already succeeded, so there are none to report.
  wss.on('error', () => undefined);
  wss.on('connection', (socket, request) => {
    sockets.add(socket);
    const sender = { url: request.headers.origin ?? '', isMainFrame: true };
    socket.on('message', (raw) => {
      void (async () => {
        let message: { id?: unknown; channel?: unknown; input?: unknown };
        try {
          message = decodeWire(raw.toString()) as typeof message;
        } catch {
          return;
        }
        if (typeof message !== 'object' || message === null || typeof message.id !== 'number') return;
        const reply = await dispatcher.dispatch(message.channel, message.input, sender);
        socket.send(encodeWire({ id: message.id, reply }));
      })();
    });
    socket.on('close', () => sockets.delete(socket));
  });
  const unsubscribe = core.onEvent((event, payload) => {
    const text = encodeWire({ event, payload });
    for (const socket of sockets) socket.send(text);
  });

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
