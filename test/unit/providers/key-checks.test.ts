import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim/server';
import { createTestCore } from '../../support/core';

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

function coreAgainstSim() {
  const env = { HY3D_ENDPOINT_SEGMIND: sim.url, HY3D_ENDPOINT_WAVESPEED: sim.url, HY3D_ENDPOINT_VTRIX: sim.url };
  return createTestCore({ env }).core;
}

describe('Test in Settings checks a key without spending credits', () => {
  it.each(['segmind', 'wavespeed', 'vtrix'] as const)('%s: a good key is accepted, a wrong one refused, with one status request each', async (provider) => {
    sim.control.reset();
    sim.control.configure({ keys: { [provider]: ['good-key-123456'] } });
    const core = coreAgainstSim();
    await core.handlers['keys:set']({ provider, key: 'good-key-123456' });
    await expect(core.handlers['keys:test']({ provider })).resolves.toMatchObject({ ok: true, message: expect.stringMatching(/accepted this key/) });
    await core.handlers['keys:set']({ provider, key: 'wrong-key-654321' });
    const refused = await core.handlers['keys:test']({ provider });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/refused this key/);
    expect(refused.message).not.toContain('wrong-key-654321');
    const requests = sim.requests;
    expect(requests).toHaveLength(2);
    expect(requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it.each([
    ['segmind', '/v2/requests/hy3d-studio-key-check-0000/status', { 'x-api-key': 'good-key-123456' }],
    ['wavespeed', '/api/v3/predictions/hy3d-studio-key-check-0000/result', { authorization: 'Bearer good-key-123456' }],
    ['vtrix', '/model/v1/generation/task/hy3d-studio-key-check-0000', { authorization: 'Bearer good-key-123456' }],
  ] as const)('%s: the simulator answers the probe with a good key as the service does — a JSON 404', async (provider, path, headers) => {
    sim.control.reset();
    sim.control.configure({ keys: { [provider]: ['good-key-123456'] } });
    const res = await fetch(new URL(path.slice(1), sim.url), { headers });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toBeTypeOf('object');
  });

  it.each(['400', '405', '406', '410', '422', '429'] as const)('a %s is no verdict on the key: "could not check", with the status', async (fault) => {
    sim.control.reset();
    sim.control.fault('vtrix.task', fault, 1);
    const core = coreAgainstSim();
    await core.handlers['keys:set']({ provider: 'vtrix', key: 'good-key-123456' });
    await expect(core.handlers['keys:test']({ provider: 'vtrix' })).resolves.toEqual({ ok: false, message: `Vtrix could not check the key right now (HTTP ${fault}). Try again in a minute.` });
  });

  it('a 404 web page (a proxy, a wrong address) is no verdict on the key either', async () => {
    const page = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>404 Not Found</body></html>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    try {
      const { core } = createTestCore({ env: { HY3D_ENDPOINT_SEGMIND: `http://127.0.0.1:${(page.address() as AddressInfo).port}` } });
      await core.handlers['keys:set']({ provider: 'segmind', key: 'good-key-123456' });
      await expect(core.handlers['keys:test']({ provider: 'segmind' })).resolves.toEqual({ ok: false, message: 'Segmind could not check the key right now (HTTP 404). Try again in a minute.' });
    } finally {
      page.closeAllConnections();
      await new Promise<void>((resolve) => page.close(() => resolve()));
    }
  });

  it('says so plainly when the provider cannot be reached', async () => {
    const { core } = createTestCore({ env: { HY3D_ENDPOINT_VTRIX: 'http://127.0.0.1:9' } });
    await core.handlers['keys:set']({ provider: 'vtrix', key: 'some-key-123456' });
    const result = await core.handlers['keys:test']({ provider: 'vtrix' });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Could not reach Vtrix/);
  });

  it('does not call an answer of 502 a verdict on the key', async () => {
    sim.control.reset();
    sim.control.fault('segmind.status', '502', 1);
    const core = coreAgainstSim();
    await core.handlers['keys:set']({ provider: 'segmind', key: 'good-key-123456' });
    await expect(core.handlers['keys:test']({ provider: 'segmind' })).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/could not check the key right now/) });
  });
});
