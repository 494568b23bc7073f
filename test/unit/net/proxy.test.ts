/**
 * Provider traffic through an HTTPS proxy, against the simulator behind TLS with a self-signed
 * certificate: a loopback CONNECT proxy (node:http's 'connect' event) sees the provider's host and
 * port and nothing else — never the key, which travels inside TLS. Without the artist's extra
 * certificate the connection is refused; with the proxy off the made-up host cannot be found.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/main/core';
import { MemoryVault } from '../../../src/main/core/keys';
import { createMemoryLog } from '../../../src/main/core/log';
import { createMemoryBackend } from '../../../src/main/core/settings/store';
import { defaultSettings, type Settings } from '../../../src/shared/settings';
import { startSimulator, type Simulator } from '../../sim/server';
import { createStudioForCore } from '../../support/studio-for-tests';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const cert = readFileSync(path.join(fixtures, 'sim-test.pem'), 'utf8');
const key = readFileSync(path.join(fixtures, 'sim-test.key'), 'utf8');
const segmindKey = 'SG_proxy_key_9f3a7c1e55';
const host = 'segmind.sim.test';

let sim: Simulator;
let tlsServer: tls.Server;
let proxy: http.Server;
let tlsPort = 0;
let proxyUrl = '';
const connects: string[] = [];
const throughProxy: Buffer[] = [];

beforeAll(async () => {
  sim = await startSimulator();
  // The simulator speaks http; this puts TLS with the self-signed certificate in front of it.
  tlsServer = tls.createServer({ key, cert }, (socket) => {
    const upstream = net.connect(sim.port, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
  tlsPort = (tlsServer.address() as AddressInfo).port;
  // The proxy knows segmind.sim.test (the app's own DNS does not), as a proxy on a real network would.
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(`${req.method} ${req.url}`);
    const [name, port] = (req.url ?? '').split(':');
    if (name !== host || Number(port) !== tlsPort) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(tlsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.byteLength) upstream.write(head);
      client.on('data', (d: Buffer) => throughProxy.push(d));
      upstream.on('data', (d: Buffer) => throughProxy.push(d));
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => proxy.close(r));
  await new Promise((r) => tlsServer.close(r));
  await sim.close();
});

function coreWith(settings: Partial<Settings>, env: Record<string, string> = {}) {
  const log = createMemoryLog();
  const endpoint = `https://${host}:${tlsPort}`;
  const core = createCore({
    dataDir: path.join(fixtures, 'unused'),
    settings: createMemoryBackend({ ...defaultSettings, ...settings }),
    log,
    env: { HY3D_ENDPOINT_SEGMIND: endpoint, ...env },
    app: { name: 'Hunyuan3D Studio', version: '0.0.0-test', shell: 'harness', platform: 'test' },
    vault: new MemoryVault({ segmind: { key: segmindKey, origin: endpoint } }),
  });
  return { core, studio: createStudioForCore(core, log).studio };
}

const trusted = { trustedCertificates: [{ name: 'sim-test.pem', pem: cert }] };

describe('provider traffic through an HTTPS proxy', () => {
  it('with the proxy set, the key test goes through it as CONNECT host:port, and the key never shows in what the proxy carries', async () => {
    connects.length = 0;
    throughProxy.length = 0;
    const { core, studio } = coreWith({ ...trusted, network: { proxy: proxyUrl } });
    const result = await studio.keys.test({ provider: 'segmind' });
    await core.close();
    expect(result.ok, result.message).toBe(true);
    expect(connects).toContain(`CONNECT ${host}:${tlsPort}`);
    expect(sim.requests.some((r) => r.headers['x-api-key'] === segmindKey)).toBe(true);
    const carried = Buffer.concat(throughProxy);
    expect(carried.byteLength).toBeGreaterThan(0);
    expect(carried.includes(segmindKey)).toBe(false);
  });

  it('HTTPS_PROXY is used when the setting is empty, and NO_PROXY naming the host skips it', async () => {
    connects.length = 0;
    const viaEnv = coreWith(trusted, { HTTPS_PROXY: proxyUrl });
    expect((await viaEnv.studio.keys.test({ provider: 'segmind' })).ok).toBe(true);
    await viaEnv.core.close();
    expect(connects).toEqual([`CONNECT ${host}:${tlsPort}`]);

    connects.length = 0;
    const skipped = coreWith(trusted, { HTTPS_PROXY: proxyUrl, NO_PROXY: '.sim.test' });
    const result = await skipped.studio.keys.test({ provider: 'segmind' });
    await skipped.core.close();
    expect(result.ok).toBe(false);
    expect(connects).toEqual([]);
  });

  it('turning the proxy off in Settings applies at once: no CONNECT, and the host cannot be found', async () => {
    const { core, studio } = coreWith({ ...trusted, network: { proxy: proxyUrl } });
    expect((await studio.keys.test({ provider: 'segmind' })).ok).toBe(true);
    connects.length = 0;
    await studio.settings.set({ network: { proxy: '' } });
    const result = await studio.keys.test({ provider: 'segmind' });
    await core.close();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/could not be found/);
    expect(connects).toEqual([]);
  });

  it('without the extra certificate the provider’s certificate is refused, with a sentence naming the Network settings', async () => {
    const { core, studio } = coreWith({ network: { proxy: proxyUrl } });
    const result = await studio.keys.test({ provider: 'segmind' });
    await core.close();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/certificate is not trusted.*Network in Settings/);
  });
});
