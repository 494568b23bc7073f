import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadAsset, type DownloadAssetOptions } from '../../../src/main/core/downloads/download-asset';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { makeZip, mtlText, objText } from './zip-fixture';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
let seen: { path: string; headers: IncomingMessage['headers'] }[];
let server: Server;
let base: string;
let root: string;
let outputs: string;

function listen(s: Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port)));
}

beforeAll(async () => {
  server = createHttpServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  base = `http://127.0.0.1:${await listen(server)}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(async () => {
  seen = [];
  root = await mkdtemp(path.join(tmpdir(), 'hy3d-dl-'));
  outputs = path.join(root, 'outputs');
  await mkdir(outputs);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const glb = (size = 20_000): Buffer => {
  const b = Buffer.alloc(size, 1);
  b.write('glTF', 0, 'latin1');
  return b;
};
const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

function serve(body: Buffer, type = 'model/gltf-binary'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  };
}

function get(url: string, extra: Partial<DownloadAssetOptions> = {}) {
  return downloadAsset({ provider: 'vtrix', asset: { url, format: 'glb' }, outputsDir: outputs, baseName: 'model', endpoint: base, retryBackoffMs: 20, ...extra });
}

async function refused(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (error) {
    // Whatever went wrong, no file and no temp file is left in the job's folder.
    expect(await readdir(outputs)).toEqual([]);
    return error as ProviderError;
  }
  throw new Error('the download succeeded');
}

describe('downloading a result file', () => {
  it('streams it to model.glb with its size and sha256, sends no key, and leaves no temp file', async () => {
    const body = glb(300_000);
    handler = serve(body);
    const out = await get(`${base}/files/a.glb`);
    expect(out).toEqual({ primary: 'model.glb', files: [{ name: 'model.glb', format: 'glb', bytes: body.length, sha256: sha(body) }] });
    expect(await readdir(outputs)).toEqual(['model.glb']);
    expect((await readFile(path.join(outputs, 'model.glb'))).equals(body)).toBe(true);
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(seen[0]!.headers.cookie).toBeUndefined();
  });

  it('follows up to 3 redirects (each hop checked), and refuses a 4th', async () => {
    const body = glb();
    handler = (req, res) => {
      const n = Number(/\/hop(\d)/.exec(req.url ?? '')?.[1] ?? -1);
      if (n >= 0 && n < limit) return void res.writeHead(302, { location: `/hop${n + 1}` }).end();
      serve(body)(req, res);
    };
    let limit = 3;
    expect((await get(`${base}/hop0`)).files[0]!.bytes).toBe(body.length);
    expect(seen.map((s) => s.path)).toEqual(['/hop0', '/hop1', '/hop2', '/hop3']);
    limit = 4;
    seen = [];
    await rm(path.join(outputs, 'model.glb'));
    const err = await refused(get(`${base}/hop0`));
    expect(err.message).toBe('Vtrix’s file server redirected the download more than 3 times; nothing was saved. Run the job again.');
    expect(seen).toHaveLength(4);
  });

  it.each([
    ['another port on this machine', (port: number) => `http://127.0.0.1:${port}/x.glb`, 'Vtrix pointed to the result at a private or local network address'],
    ['the cloud metadata address', () => 'https://169.254.169.254/latest/meta-data/', 'Vtrix pointed to the result at a private or local network address'],
    ['plain http elsewhere', () => 'http://cdn.example.com/a.glb', 'Vtrix pointed to the result over unencrypted http'],
    ['a link with a password', () => 'https://u:p@cdn.example.com/a.glb', 'Vtrix pointed to the result with a link that carries a user name or password'],
  ])('a redirect to %s is refused before anything connects there', async (_what, target, sentence) => {
    const other = createTcpServer();
    let connections = 0;
    other.on('connection', (s) => {
      connections++;
      s.destroy();
    });
    const port = await listen(other as unknown as Server);
    try {
      handler = (_req, res) => void res.writeHead(307, { location: target(port) }).end();
      const err = await refused(get(`${base}/r`));
      expect(err.kind).toBe('malformed');
      expect(err.message.startsWith(sentence)).toBe(true);
      expect(connections).toBe(0);
    } finally {
      other.close();
    }
  });

  it('a body cut short is fetched again and then saved whole', async () => {
    const body = glb(100_000);
    handler = (req, res) => {
      if (seen.length === 1) {
        res.writeHead(200, { 'content-length': body.length });
        res.write(body.subarray(0, 30_000));
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      serve(body)(req, res);
    };
    const out = await get(`${base}/a.glb`);
    expect(out.files[0]!.sha256).toBe(sha(body));
    expect(seen).toHaveLength(2);
    expect(await readdir(outputs)).toEqual(['model.glb']);
  });

  it('a body that keeps breaking off is given up after 3 tries, said plainly', async () => {
    const body = glb(100_000);
    handler = (req, res) => {
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, 30_000));
      setTimeout(() => req.socket.destroy(), 10);
    };
    const err = await refused(get(`${base}/a.glb`));
    expect(err.kind).toBe('network');
    expect(err.retryable).toBe(true);
    expect(err.message).toBe('The result file from Vtrix broke off before its end, 3 tries in a row; nothing was saved. Try the download again later.');
    expect(seen).toHaveLength(3);
  });

  it('a declared length over the cap is refused before the body is read; a chunked body is cut at the cap', async () => {
    handler = serve(glb(2 * 1024 * 1024));
    const err = await refused(get(`${base}/a.glb`, { maxBytes: 1024 * 1024 }));
    expect(err.kind).toBe('too-large');
    expect(err.message).toBe('Vtrix sent a result of more than 1 MB, the most the app accepts for one file; nothing was saved.');
    let sent = 0;
    let closedEarly = false;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'model/gltf-binary' });
      res.on('close', () => (closedEarly = sent < 20 * 1024 * 1024));
      const pump = (): void => {
        while (sent < 20 * 1024 * 1024) {
          sent += 64 * 1024;
          if (!res.write(glb(64 * 1024))) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    };
    expect((await refused(get(`${base}/a.glb`, { maxBytes: 1024 * 1024 }))).kind).toBe('too-large');
    await new Promise((r) => setTimeout(r, 50));
    expect(closedEarly).toBe(true);
  });

  it('an HTML page where a GLB was promised is refused on its first bytes, not after the whole body', async () => {
    let closedEarly = false;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': 50 * 1024 * 1024 });
      res.write(`<!doctype html><html>${' '.repeat(64 * 1024)}`);
      res.on('close', () => (closedEarly = !res.writableFinished));
    };
    const err = await refused(get(`${base}/a.glb`));
    expect(err.message).toBe('Vtrix said the result is GLB, but the file is not; it was not saved.');
    await new Promise((r) => setTimeout(r, 50));
    expect(closedEarly).toBe(true);
  });

  it('a binary STL whose triangle count does not fit its length is refused once the length is known', async () => {
    const stl = Buffer.alloc(84 + 50 * 10);
    stl.writeUInt32LE(11, 80);
    handler = (_req, res) => {
      res.writeHead(200);
      res.end(stl);
    };
    const err = await refused(get(`${base}/a.stl`, { asset: { url: `${base}/a.stl`, format: 'stl' } }));
    expect(err.message).toBe('Vtrix said the result is STL, but the file is not; it was not saved.');
  });

  it.each([
    [403, 'expired', 'Vtrix refused to hand over the result file (HTTP 403); its link has probably expired. Run the job again to get a fresh one.'],
    [404, 'expired', 'Vtrix no longer has the result file (HTTP 404); its link has expired. Run the job again.'],
    [503, 'server', 'Vtrix’s file server had trouble (HTTP 503); nothing was saved. Try the download again later.'],
  ])('HTTP %i is %s', async (status, kind, message) => {
    handler = (_req, res) => void res.writeHead(status, { 'content-type': 'application/xml' }).end('<Error/>');
    const err = await refused(get(`${base}/a.glb`));
    expect(err.kind).toBe(kind);
    expect(err.message).toBe(message);
    expect(seen).toHaveLength(status === 503 ? 3 : 1);
  });

  it('a silent server is cut off by the idle timeout; a drip by the overall deadline', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': 100_000 });
      res.write(glb(10_000));
    };
    const idle = await refused(get(`${base}/a.glb`, { timeouts: { bodyMs: 150 } }));
    expect(idle.kind).toBe('network');
    seen = [];
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': 100_000 });
      res.write(glb(10_000));
      const drip = setInterval(() => (res.writable ? res.write('x') : clearInterval(drip)), 40);
      res.on('close', () => clearInterval(drip));
    };
    const started = Date.now();
    const late = await refused(get(`${base}/a.glb`, { deadlineMs: 600 }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(late.message).toBe('Downloading the result from Vtrix took longer than 1 s, so it was stopped; nothing was saved. Try the download again.');
  });

  it('stops when the caller cancels', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': 100_000 });
      res.write(glb(10_000));
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const err = await refused(get(`${base}/a.glb`, { signal: controller.signal }));
    expect(err.kind).toBe('cancelled');
    expect(err.message).toBe('The download of the result from Vtrix was cancelled; nothing was saved.');
  });

  it('unpacks a zipped OBJ it downloads; the zip itself is not kept', async () => {
    const zip = Buffer.from(makeZip([{ name: 'model.obj', data: objText }, { name: 'model.mtl', data: mtlText }]));
    handler = serve(zip, 'application/zip');
    const out = await get(`${base}/m.zip`, { asset: { url: `${base}/m.zip`, format: 'obj' } });
    expect(out.primary).toBe('model.obj');
    expect((await readdir(outputs)).sort()).toEqual(['model.mtl', 'model.obj']);
  });

  it('writes inline bytes (self-hosted, Segmind v1) the same way', async () => {
    const body = glb(5_000);
    const out = await get('', { asset: { bytes: new Uint8Array(body), format: 'glb' } });
    expect(out.files).toEqual([{ name: 'model.glb', format: 'glb', bytes: 5_000, sha256: sha(body) }]);
    expect(await readdir(outputs)).toEqual(['model.glb']);
    await rm(path.join(outputs, 'model.glb'));
    const err = await refused(get('', { asset: { bytes: new Uint8Array(body), format: 'ply' } }));
    expect(err.message).toBe('Vtrix said the result is PLY, but the file is not; it was not saved.');
  });
});

describe('names that resolve to this machine (checked at connect time)', () => {
  const name = hostname();
  let loopbackName = false;
  beforeAll(async () => {
    loopbackName = await lookup(name).then((a) => a.address.startsWith('127.') || a.address === '::1', () => false);
  });

  it('a result host whose name resolves to a loopback address is refused before connecting', async (t) => {
    if (!loopbackName) return t.skip(`${name} does not resolve to a loopback address here`);
    const port = Number(new URL(base).port);
    const err = await refused(get(`https://${name}:${port}/a.glb`));
    expect(err.message.startsWith('Vtrix pointed to the result at a private or local network address')).toBe(true);
    expect(seen).toHaveLength(0);
  });

  it('…unless it is the self-hosted server’s configured address', async (t) => {
    if (!loopbackName) return t.skip(`${name} does not resolve to a loopback address here`);
    const endpoint = `http://${name}:${new URL(base).port}`;
    handler = serve(glb());
    const out = await downloadAsset({ provider: 'local', asset: { url: `${endpoint}/a.glb`, format: 'glb' }, outputsDir: outputs, baseName: 'model', endpoint });
    expect(out.primary).toBe('model.glb');
  });
});
