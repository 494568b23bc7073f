/**
 * Trust rules 1–2: a key goes only to the origin it was saved for; the page cannot steer a key, or
 * main's HTTP client, to a host of its choice. Attacks are played as page script would play them:
 * through `window.studio`, against a real core, with a loopback "attacker" server recording requests.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryVault } from '../../../src/main/core/keys';
import { createMemoryBackend } from '../../../src/main/core/settings/store';
import { keyForEndpoint } from '../../../src/main/core/keys/binding';
import { visibleTail } from '../../../src/main/core/keys/vault';
import { endpointProblem } from '../../../src/shared/endpoints';
import type { EndpointChange } from '../../../src/main/core/settings/endpoint-guard';
import { createStudioForTests } from '../../support/studio-for-tests';
import { startSimulator } from '../../sim/server';

const key = 'SG_binding_secret_4242';

/** A server that records everything sent to it and answers like a provider that knows the key. */
let attacker: { url: string; seen: { url: string; headers: IncomingMessage['headers'] }[]; close: () => Promise<void>; body: string };
let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  const seen: { url: string; headers: IncomingMessage['headers'] }[] = [];
  const state = { body: '{"secret":"internal-admin-token","status":"processing"}' };
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(state.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  attacker = { url, seen, body: state.body, close: () => new Promise((resolve) => server.close(() => resolve())) };
  sim = await startSimulator();
});
afterAll(async () => {
  await attacker.close();
  await sim.close();
});

const everythingSent = () => JSON.stringify(attacker.seen);

describe('endpoint rules', () => {
  it.each([
    ['segmind', 'http://127.0.0.1:8787/steal?', /query/],
    ['segmind', 'https://api.example.com/x#frag', /“#” part/],
    ['segmind', 'https://user:pass@api.example.com', /user name or password/],
    ['segmind', 'http://evil.example', /must use https/],
    ['vtrix', 'http://10.0.0.5:8080', /must use https/],
    ['wavespeed', 'javascript:alert(1)', /must start with https/],
    ['segmind', 'file:///etc/passwd', /must start with https/],
    ['local', 'http://192.168.1.20:8081/?x=1', /query/],
    ['local', `https://example.com/${'a'.repeat(400)}`, /too long/],
    ['segmind', 'not a url', /not a web address/],
  ] as const)('%s refuses %s', (provider, value, problem) => {
    expect(endpointProblem(provider, value)).toMatch(problem);
  });

  it.each([
    ['segmind', 'https://proxy.example.com/segmind'],
    ['segmind', 'http://127.0.0.1:8787'],
    ['wavespeed', 'http://localhost:9000'],
    ['vtrix', 'http://[::1]:9000'],
    ['local', 'http://192.168.1.20:8081'],
  ] as const)('%s accepts %s', (provider, value) => {
    expect(endpointProblem(provider, value)).toBeNull();
  });
});

describe('a key is sent only where it was saved for', () => {
  it('page script cannot steal a key through the endpoint setting (the issue’s sequence)', async () => {
    const { studio } = createStudioForTests();
    await studio.keys.set({ provider: 'segmind', key });
    // The exact sequence from the review: a query-string trap, then a plain path, then "Test".
    await expect(studio.settings.set({ endpoints: { segmind: `${attacker.url}/steal?` } })).rejects.toThrow(/must not contain a query/);
    await expect(studio.settings.set({ endpoints: { segmind: `${attacker.url}/steal` } })).rejects.toThrow(
      /The Segmind address can only be changed from the command line here \(HY3D_ENDPOINT_SEGMIND\)/,
    );
    expect((await studio.settings.get()).endpoints.segmind).toBeUndefined();
    const test = await studio.keys.test({ provider: 'segmind' });
    expect(test.message).not.toMatch(/accepted/);
    expect(everythingSent()).not.toContain(key);
    expect(attacker.seen).toEqual([]);
  });

  it('in the app, the artist is asked in main; saying no changes nothing and sends nothing', async () => {
    const asked: EndpointChange[] = [];
    const { studio } = createStudioForTests({
      env: { HY3D_ENDPOINT_SEGMIND: '' },
      vault: new MemoryVault({ segmind: key }),
      confirmEndpointChange: async (change) => {
        asked.push(change);
        return false;
      },
    });
    await expect(studio.settings.set({ endpoints: { segmind: `${attacker.url}/v` } })).rejects.toThrow('The Segmind address was not changed: you did not confirm it.');
    expect(asked).toEqual([{ provider: 'segmind', from: 'https://api.segmind.com', to: `${attacker.url}/v`, keySaved: true }]);
    expect((await studio.settings.get()).endpoints).toEqual({});
    expect(attacker.seen).toEqual([]);
  });

  it('a confirmed address gets the key from then on, and only that address', async () => {
    const vault = new MemoryVault({ segmind: key });
    const { studio } = createStudioForTests({ env: { HY3D_ENDPOINT_SEGMIND: '' }, vault, confirmEndpointChange: async () => true });
    sim.control.configure({ keys: { segmind: [key] } });
    await studio.settings.set({ endpoints: { segmind: sim.url } });
    expect(await vault.get('segmind')).toEqual({ key, origin: new URL(sim.url).origin });
    expect(await studio.keys.test({ provider: 'segmind' })).toEqual({ ok: true, message: 'Segmind accepted this key.' });
  });

  it('a key saved for one origin is refused for another, before anything is sent', async () => {
    const vault = new MemoryVault({ segmind: { key, origin: 'https://api.segmind.com' } });
    await expect(keyForEndpoint(vault, 'segmind', `${attacker.url}/x`)).rejects.toThrow(
      `Your Segmind key was saved for https://api.segmind.com, but the Segmind address is now ${attacker.url}. The key is not sent there: save the key again in Settings to use it with this address.`,
    );
    // The same through "Test": the environment points Segmind at the attacker, the key stays home.
    const { studio } = createStudioForTests({ vault, env: { HY3D_ENDPOINT_SEGMIND: attacker.url } });
    const result = await studio.keys.test({ provider: 'segmind' });
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toMatch(/The key is not sent there/);
    expect(attacker.seen).toEqual([]);
  });

  it('going back to the public address needs no confirmation', async () => {
    const { studio } = createStudioForTests({ settings: createMemoryBackend({ endpoints: { segmind: 'https://proxy.example.com' } }) });
    expect((await studio.settings.get()).endpoints).toEqual({ segmind: 'https://proxy.example.com' });
    await expect(studio.settings.set({ endpoints: {} })).resolves.toMatchObject({ endpoints: {} });
  });

  it('shows less of short keys', () => {
    expect(visibleTail('abcd1234')).toBe('34');
    expect(visibleTail('SG_0123456789abcd1234')).toBe('1234');
  });
});

describe('"Test your server" learns nothing about other services', () => {
  it('quotes nothing of a foreign answer and says the same as for a closed port', async () => {
    const foreign = await createStudioForTests({ env: { HY3D_ENDPOINT_LOCAL: attacker.url } }).studio.server.test();
    const closed = await createStudioForTests({ env: { HY3D_ENDPOINT_LOCAL: 'http://127.0.0.1:9' } }).studio.server.test();
    expect(foreign.message).not.toContain('internal-admin-token');
    expect(foreign.message).not.toContain('secret');
    expect(foreign).toEqual({ ok: false, message: `No Hunyuan3D server answered at ${attacker.url}. Check that it is running and that the address is right.` });
    expect(closed.message.replace('http://127.0.0.1:9', attacker.url)).toBe(foreign.message);
  });

  it('names the version of a real Hunyuan3D server', async () => {
    const result = await createStudioForTests({ env: { HY3D_ENDPOINT_LOCAL: sim.url } }).studio.server.test();
    expect(result).toEqual({ ok: true, message: `A Hunyuan3D 2.1 server answered at ${sim.url.replace(/\/+$/, '')}.` });
  });

  it('runs at most one test at a time', async () => {
    const before = attacker.seen.length;
    const { studio } = createStudioForTests({ env: { HY3D_ENDPOINT_LOCAL: attacker.url } });
    await Promise.all(Array.from({ length: 20 }, () => studio.server.test()));
    // One test is two requests (/health, then the 2.0 probe); twenty at once are still one test.
    expect(attacker.seen.length - before).toBeLessThanOrEqual(2);
  });
});
