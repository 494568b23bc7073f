/**
 * The library's files as the page reaches them: through the real harness's `/__asset` route (raw
 * request paths, exactly as a hostile page could send them, before any URL parser tidies them) and
 * through the app's `asset://` handler (the core's serveAsset after Chromium's URL normalisation).
 * Whatever the spelling, only the named file of the named job comes back.
 */
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../src/harness/server';
import { openLibrary } from '../../../src/main/core/library';
import { createMemoryLog } from '../../../src/main/core/log';
import { createMemoryBackend } from '../../../src/main/core/settings/store';
import { assetUrl, parseAssetUrl } from '../../../src/shared/asset-url';
import { newJob, picture } from '../library/helpers';

const secret = 'not for the page';
const glb = 'glTF model bytes of job A';
let harness: Harness;
let dataDir: string;
let a: string;
let b: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-asset-'));
  const library = await openLibrary({ root: path.join(dataDir, 'library'), now: () => 1_750_000_000_000 });
  a = (await library.createJob(newJob({ state: 'completed' }), [picture()])).id;
  b = (await library.createJob(newJob({ state: 'completed' }), [picture()])).id;
  const outA = library.outputsDir(a);
  writeFileSync(path.join(outA, 'model.glb'), glb);
  mkdirSync(path.join(outA, 'textures'));
  writeFileSync(path.join(outA, 'textures', 'wood.png'), 'png bytes');
  writeFileSync(path.join(outA, 'model with spaces é.obj'), 'v 0 0 0');
  writeFileSync(path.join(outA, '.download-1234.part'), 'half a download');
  writeFileSync(path.join(library.jobDir(a), 'thumb.webp'), 'webp bytes');
  writeFileSync(path.join(library.outputsDir(b), 'other.glb'), 'job B model');
  const outside = mkdtempSync(path.join(os.tmpdir(), 'hy3d-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), secret);
  symlinkSync(path.join(outside, 'secret.txt'), path.join(outA, 'escape.glb'));
  symlinkSync(outside, path.join(outA, 'linked'));
  symlinkSync(path.join(library.outputsDir(b), 'other.glb'), path.join(outA, 'borrowed.glb'));
  symlinkSync('../job.json', path.join(outA, 'manifest.json'));
  library.close();

  const rendererRoot = mkdtempSync(path.join(os.tmpdir(), 'hy3d-renderer-'));
  writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Studio</title>');
  harness = await startHarness({
    port: 0,
    rendererRoot,
    core: { dataDir, settings: createMemoryBackend(), log: createMemoryLog(), env: {}, keys: 'memory' },
  });
});

afterAll(async () => {
  await harness?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with the path exactly as written: no URL parser between the test and the server. */
function request(rawPath: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const { port } = new URL(harness.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

const jobA = () => `/__asset/library/${a}`;
const hostile = (): string[] => [
  // .. in every spelling
  `${jobA()}/outputs/../job.json`,
  `${jobA()}/outputs/../../${b}/outputs/other.glb`,
  `${jobA()}/outputs/textures/../../job.json`,
  `${jobA()}/outputs/%2e%2e/job.json`,
  `${jobA()}/outputs/%2E%2E/%2E%2E/library.db`,
  `${jobA()}/outputs/.%2e/job.json`,
  `${jobA()}/outputs/%2e%2e%2fjob.json`,
  `${jobA()}/outputs/..%2f..%2f..%2fetc%2fpasswd`,
  `${jobA()}/outputs/..%5cjob.json`,
  `${jobA()}/outputs/..\\job.json`,
  `${jobA()}/..`,
  `/__asset/library/../library.db`,
  `/__asset/../../../../etc/passwd`,
  `/__asset/%2e%2e/index.html`,
  // absolute paths
  `${jobA()}/outputs//etc/passwd`,
  `${jobA()}/outputs/%2Fetc%2Fpasswd`,
  `/__asset//etc/passwd`,
  `/__asset/library//${os.tmpdir()}/secret.txt`,
  `${jobA()}/outputs/C:%5CWindows%5Cwin.ini`,
  // NUL and control characters
  `${jobA()}/outputs/model.glb%00.png`,
  `${jobA()}/outputs/model.glb%0a`,
  // not a job id, not an area, not the thumbnail's name, a dot file
  `/__asset/library/${a.toUpperCase()}/outputs/model.glb`,
  `/__asset/library/not-a-job/outputs/model.glb`,
  `${jobA()}/job.json`,
  `${jobA()}/library.db/x`,
  `${jobA()}/thumb/job.json`,
  `${jobA()}/thumb/../job.json`,
  `${jobA()}/outputs/.download-1234.part`,
  `${jobA()}/outputs/%zz`,
  `/__asset/other-host/${a}/outputs/model.glb`,
];

const harnessPath = (url: string) => `/__asset${url.slice('asset:/'.length)}`;

describe('asset files in the harness', () => {
  it('serves a job’s files by job, area and name, typed by extension, with nosniff', async () => {
    const model = await request(harnessPath(assetUrl(a, 'outputs', 'model.glb')));
    expect([model.status, model.body]).toEqual([200, glb]);
    expect(model.headers['content-type']).toBe('model/gltf-binary');
    expect(model.headers['x-content-type-options']).toBe('nosniff');
    expect(model.headers['cache-control']).toBe('no-cache');

    const texture = await request(harnessPath(assetUrl(a, 'outputs', 'textures/wood.png')));
    expect([texture.status, texture.headers['content-type'], texture.body]).toEqual([200, 'image/png', 'png bytes']);
    const thumb = await request(harnessPath(assetUrl(a, 'thumb', 'thumb.webp')));
    expect([thumb.status, thumb.headers['content-type'], thumb.body]).toEqual([200, 'image/webp', 'webp bytes']);
    const input = await request(harnessPath(assetUrl(a, 'inputs', 'image.png')));
    expect([input.status, input.headers['content-type']]).toEqual([200, 'image/png']);
    const spaced = await request(harnessPath(assetUrl(a, 'outputs', 'model with spaces é.obj')));
    expect([spaced.status, spaced.body]).toEqual([200, 'v 0 0 0']);

    const head = await request(harnessPath(assetUrl(a, 'outputs', 'model.glb')), { method: 'HEAD' });
    expect([head.status, head.headers['content-length'], head.body]).toEqual([200, String(glb.length), '']);
  });

  it('says a missing file is missing, and never lets that answer be cached', async () => {
    const missing = await request(harnessPath(assetUrl(a, 'outputs', 'later.glb')));
    expect([missing.status, missing.headers['cache-control'], missing.body]).toEqual([404, 'no-store', 'That file is not in the library (any more).']);
    // Job A's address for a file only job B has.
    expect((await request(harnessPath(assetUrl(a, 'outputs', 'other.glb')))).status).toBe(404);
    expect((await request(harnessPath(assetUrl(b, 'thumb', 'thumb.webp')))).status).toBe(404);
  });

  it('refuses .., encoded .., absolute paths, NUL, odd ids and areas with 400, and reads nothing', async () => {
    for (const raw of hostile()) {
      const answer = await request(raw);
      expect([raw, answer.status]).toEqual([raw, 400]);
      expect(answer.body).toBe('That address names no file of a job in the library.');
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses symlinks that lead out of the job’s folder — elsewhere on disk, into another job, or to its manifest', async () => {
    for (const name of ['escape.glb', 'linked/secret.txt', 'borrowed.glb', 'manifest.json']) {
      const answer = await request(harnessPath(assetUrl(a, 'outputs', name)));
      expect([name, answer.status, answer.body]).toEqual([name, 403, 'That file is outside its job’s folder, so Studio does not serve it.']);
    }
  });

  it('is read-only, and only for Studio’s own page', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const answer = await request(harnessPath(assetUrl(a, 'outputs', 'model.glb')), { method });
      expect([method, answer.status, answer.headers.allow]).toEqual([method, 405, 'GET, HEAD']);
    }
    const foreign = await request(harnessPath(assetUrl(a, 'outputs', 'model.glb')), { headers: { 'sec-fetch-site': 'cross-site' } });
    expect([foreign.status, foreign.body]).toEqual([403, 'Library files are only for Studio’s own page.']);
    const own = await request(harnessPath(assetUrl(a, 'outputs', 'model.glb')), { headers: { 'sec-fetch-site': 'same-origin' } });
    expect([own.status, own.headers['cross-origin-resource-policy']]).toEqual([200, 'same-origin']);
  });
});

describe('asset files in the app (asset:// after Chromium’s URL parsing)', () => {
  /** What Electron's handler does with `request.url`: the URL as the browser normalised it. */
  const viaApp = (url: string, method = 'GET') => harness.core.serveAsset({ method, ref: parseAssetUrl(new URL(url).href) }, { allowOrigin: 'app://studio' });

  it('serves the file to app://studio with CORS, so the viewport’s loaders may read it', async () => {
    const reply = await viaApp(assetUrl(a, 'outputs', 'model.glb'));
    expect(reply.status).toBe(200);
    expect(Buffer.from(reply.body as Uint8Array).toString()).toBe(glb);
    expect(reply.headers['access-control-allow-origin']).toBe('app://studio');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses every hostile spelling there too', async () => {
    for (const raw of hostile()) {
      const url = `asset:/${raw.slice('/__asset'.length)}`;
      let parsedUrl: string;
      try {
        parsedUrl = new URL(url).href;
      } catch {
        continue; // Chromium would not even make the request.
      }
      const ref = parseAssetUrl(parsedUrl);
      const reply = await harness.core.serveAsset({ method: 'GET', ref });
      if (ref) {
        // `a/outputs/../../b/outputs/other.glb` is, once collapsed, job B's own address: no escape.
        expect([url, parsedUrl]).toEqual([url, assetUrl(b, 'outputs', 'other.glb')]);
        expect(Buffer.from(reply.body as Uint8Array).toString()).toBe('job B model');
      } else {
        expect([url, reply.status]).toEqual([url, 400]);
      }
    }
    for (const name of ['escape.glb', 'linked/secret.txt', 'borrowed.glb']) expect((await viaApp(assetUrl(a, 'outputs', name))).status).toBe(403);
    expect((await viaApp(`asset://library/${a}/outputs/model.glb`, 'POST')).status).toBe(405);
  });
});
