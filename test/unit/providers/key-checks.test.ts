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
