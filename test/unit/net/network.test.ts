/**
 * What the network settings mean (which proxy, which hosts skip it, which certificates count), and
 * trust rule 4 through a proxy: a result host is resolved and judged by Studio before the proxy is
 * asked for anything, so a name that points at this machine is refused even though the proxy would
 * have connected to it.
 */
import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadAsset } from '../../../src/main/core/downloads/download-asset';
import { configureNetwork } from '../../../src/main/core/net/dispatcher';
import { bypassesProxy, directNetwork, readPemCertificates, resolveNetwork } from '../../../src/main/core/net/network';
import type { ProviderError } from '../../../src/main/core/providers/errors';
import { defaultSettings } from '../../../src/shared/settings';

const proxied = (proxy: string, noProxy = '') => resolveNetwork({ HTTPS_PROXY: proxy, NO_PROXY: noProxy }, defaultSettings);

describe('which proxy, and who skips it', () => {
  it('the setting wins over HTTPS_PROXY, which wins over nothing; https_proxy counts too', () => {
    expect(resolveNetwork({ HTTPS_PROXY: 'http://env:1' }, { ...defaultSettings, network: { proxy: 'http://set:2' } }).proxy?.host).toBe('set:2');
    expect(resolveNetwork({ HTTPS_PROXY: 'http://env:1' }, defaultSettings).proxy?.host).toBe('env:1');
    expect(resolveNetwork({ https_proxy: 'http://lower:3' }, defaultSettings).proxy?.host).toBe('lower:3');
    expect(resolveNetwork({}, defaultSettings).proxy).toBeNull();
    expect(resolveNetwork({ HTTPS_PROXY: 'socks5://x:1' }, defaultSettings).proxy).toBeNull();
  });

  it('loopback always goes direct (a proxy’s loopback is not this computer); NO_PROXY names, domains, ports and * skip it', () => {
    const n = proxied('http://p:8080', 'example.com, .corp.test,internal:8443');
    for (const host of ['127.0.0.1', 'localhost', 'api.localhost', '::1', '[::1]']) expect(bypassesProxy(n, host, 443)).toBe(true);
    expect(bypassesProxy(n, 'example.com', 443)).toBe(true);
    expect(bypassesProxy(n, 'api.example.com', 443)).toBe(true);
    expect(bypassesProxy(n, 'notexample.com', 443)).toBe(false);
    expect(bypassesProxy(n, 'x.corp.test', 443)).toBe(true);
    expect(bypassesProxy(n, 'internal', 8443)).toBe(true);
    expect(bypassesProxy(n, 'internal', 443)).toBe(false);
    expect(bypassesProxy(n, 'api.segmind.com', 443)).toBe(false);
    expect(bypassesProxy(proxied('http://p:8080', '*'), 'api.segmind.com', 443)).toBe(true);
    expect(bypassesProxy(directNetwork, 'api.segmind.com', 443)).toBe(true);
  });

  it('reads the certificates of a PEM file and refuses what is not one', () => {
    const pem = readFileSync(path.join(import.meta.dirname, 'fixtures/sim-test.pem'), 'utf8');
    const read = readPemCertificates(`notes\n${pem}\n${pem}`);
    expect(read.ok && read.pems.length).toBe(2);
    expect(read.ok && read.subjects[0]).toBe('CN=segmind.sim.test');
    expect(readPemCertificates('hello')).toEqual({ ok: false, problem: expect.stringMatching(/holds no certificate/) as unknown });
    expect(readPemCertificates('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toEqual({ ok: false, problem: expect.stringMatching(/could not be read/) as unknown });
  });
});

describe('downloads through a proxy keep rule 4', () => {
  const name = hostname();
  let loopbackName = false;
  let server: http.Server;
  let proxy: http.Server;
  let port = 0;
  let root = '';
  const connects: string[] = [];
  const served: string[] = [];

  beforeAll(async () => {
    loopbackName = await lookup(name).then((a) => a.address.startsWith('127.') || a.address === '::1', () => false);
    root = await mkdtemp(path.join(tmpdir(), 'hy3d-net-'));
    const glb = Buffer.alloc(64);
    glb.write('glTF', 0);
    glb.writeUInt32LE(2, 4);
    glb.writeUInt32LE(64, 8);
    server = http.createServer((req, res) => {
      served.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'model/gltf-binary', 'content-length': String(glb.byteLength) }).end(glb);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    // A proxy that would connect anywhere, this machine included — as a careless one might.
    proxy = http.createServer((_q, s) => s.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
      connects.push(req.url ?? '');
      const upstream = net.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    configureNetwork(proxied(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`));
  });
  afterAll(async () => {
    configureNetwork(directNetwork);
    await new Promise((r) => proxy.close(r));
    await new Promise((r) => server.close(r));
    await rm(root, { recursive: true, force: true });
  });

  it('a result host whose name resolves to this machine is refused before the proxy is asked', async (t) => {
    if (!loopbackName) return t.skip(`${name} does not resolve to a loopback address here`);
    const err = (await downloadAsset({ provider: 'vtrix', asset: { url: `https://${name}:${port}/a.glb`, format: 'glb' }, outputsDir: root, baseName: 'model', endpoint: 'https://cloud.vtrix.ai', retryBackoffMs: 10 }).catch((e: unknown) => e)) as ProviderError;
    expect(err.message.startsWith('Vtrix pointed to the result at a private or local network address')).toBe(true);
    expect(connects).toEqual([]);
    expect(served).toEqual([]);
  });

  it('plain http (a self-hosted server) never goes through the proxy, so it never sees a picture or model in the clear', async (t) => {
    if (!loopbackName) return t.skip(`${name} does not resolve to a loopback address here`);
    const endpoint = `http://${name}:${port}`;
    const out = await downloadAsset({ provider: 'local', asset: { url: `${endpoint}/a.glb`, format: 'glb' }, outputsDir: root, baseName: 'model', endpoint });
    expect(out.primary).toBe('model.glb');
    expect(connects).toEqual([]);
    expect(served).toEqual(['/a.glb']);
  });
});
