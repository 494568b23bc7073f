/**
 * Every injected fault, on every adapter, mapped to the right outcome and a sentence a person can
 * act on — with the key nowhere in it, and a submit never sent twice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProviderRegistry } from '../../../src/main/core/providers/registry';
import { ProviderError, type ProviderErrorKind } from '../../../src/main/core/providers/errors';
import type { CheckResult, ProviderContext, SubmitResult } from '../../../src/main/core/providers/types';
import type { CatalogModel } from '../../../src/shared/catalog';
import type { FaultName } from '../../sim/faults';
import { startSimulator, type Simulator } from '../../sim/server';
import { makeCtx, model, png, rejection } from './helpers';

const KEY = 'sk-canary-7f3e9d2c1b0a4958';
const registry = createProviderRegistry();
let sim: Simulator;

interface Scenario {
  provider: 'segmind' | 'wavespeed' | 'vtrix' | 'local';
  model: CatalogModel;
  fields: () => Record<string, unknown>;
  submitRoute: string;
  checkRoute: string;
}

const scenarios: Scenario[] = [
  { provider: 'segmind', model: model('segmind/hunyuan-3d-2'), fields: () => ({ text: 'a chair' }), submitRoute: 'segmind.submit', checkRoute: 'segmind.status' },
  { provider: 'wavespeed', model: model('wavespeed/hunyuan3d/v2-mini'), fields: () => ({ image: 'https://example.com/a.png' }), submitRoute: 'wavespeed.submit', checkRoute: 'wavespeed.result' },
  { provider: 'vtrix', model: model('vtrix/tencent_hunyuan_3d'), fields: () => ({ prompt: 'a chair' }), submitRoute: 'vtrix.create', checkRoute: 'vtrix.task' },
  { provider: 'local', model: model('local/hunyuan3d-2.1'), fields: () => ({ image: Buffer.from(png().bytes).toString('base64') }), submitRoute: 'local.send', checkRoute: 'local.status' },
];

const ctx = (s: Scenario): ProviderContext => makeCtx(sim.url, s.provider === 'local' ? '' : KEY, { timeouts: { connectMs: 1_000, headersMs: 400, bodyMs: 400 } });

beforeAll(async () => {
  sim = await startSimulator({ config: { stallMs: 5_000 } });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.reset();
  sim.control.configure({ stallMs: 5_000, durationMs: 60_000 });
});

type Expect = { kind: ProviderErrorKind; text: RegExp; mayHaveStarted: boolean; retryAfter?: [number, number] };

const onSubmit: [FaultName, Expect][] = [
  ['401', { kind: 'auth', text: /did not accept the API key \(HTTP 401\).*Settings → Keys/, mayHaveStarted: false }],
  ['403', { kind: 'auth', text: /may not do that \(HTTP 403\)/, mayHaveStarted: false }],
  ['406', { kind: 'credits', text: /too few credits.*Add credits/, mayHaveStarted: false }],
  ['410', { kind: 'gone', text: /retired this model.*Choose another model/, mayHaveStarted: false }],
  ['400', { kind: 'invalid', text: /refused the request \(HTTP 400\)/, mayHaveStarted: false }],
  ['429', { kind: 'rate-limited', text: /HTTP 429.*wait 3 s/, mayHaveStarted: false, retryAfter: [3000, 3000] }],
  ['429-reset', { kind: 'rate-limited', text: /HTTP 429/, mayHaveStarted: false, retryAfter: [5000, 7100] }],
  ['500', { kind: 'server', text: /server problem \(HTTP 500\).*may have started/, mayHaveStarted: true }],
  ['502', { kind: 'server', text: /HTTP 502/, mayHaveStarted: true }],
  ['504', { kind: 'server', text: /HTTP 504/, mayHaveStarted: true }],
  ['html', { kind: 'server', text: /HTTP 502/, mayHaveStarted: true }],
  ['reset', { kind: 'network', text: /closed the connection unexpectedly.*may have started/, mayHaveStarted: true }],
  ['stall', { kind: 'network', text: /did not answer in 0\.4 seconds\..*may have started/, mayHaveStarted: true }],
  ['truncated', { kind: 'network', text: /incomplete answer/, mayHaveStarted: true }],
  ['malformed-json', { kind: 'malformed', text: /could not read.*not valid JSON/, mayHaveStarted: true }],
  ['html-200', { kind: 'malformed', text: /web page instead of data/, mayHaveStarted: true }],
];

/** The self-hosted server has no keys and no credits: its refusals read differently (classify.ts). */
const localOnSubmit: Partial<Record<FaultName, Expect>> = {
  '401': { kind: 'auth', text: /refused the request \(HTTP 401\)\. The server itself asks for no key, so a proxy or firewall/, mayHaveStarted: false },
  '403': { kind: 'auth', text: /refused the request \(HTTP 403\)\. The server itself asks for no key/, mayHaveStarted: false },
  '406': { kind: 'malformed', text: /not acceptable \(HTTP 406\).*server’s console/, mayHaveStarted: false },
};

async function submitOk(s: Scenario): Promise<SubmitResult> {
  return registry[s.provider].submit(ctx(s), s.model, { fields: s.fields() }, {});
}

describe.each(scenarios)('$provider: faults on submit', (s) => {
  it.each(onSubmit)('%s', async (fault, general) => {
    const want = (s.provider === 'local' ? localOnSubmit[fault] : undefined) ?? general;
    sim.control.fault(s.submitRoute, fault);
    const err = await rejection<ProviderError>(submitOk(s));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe(want.kind);
    expect(err.message).toMatch(want.text);
    expect(err.mayHaveStarted).toBe(want.mayHaveStarted);
    if (want.retryAfter) {
      expect(err.retryAfterMs).toBeGreaterThanOrEqual(want.retryAfter[0]);
      expect(err.retryAfterMs).toBeLessThanOrEqual(want.retryAfter[1]);
    }
    expect(err.message).not.toContain(KEY);
    // A submit is a paid job: the adapter never sends it twice.
    expect(sim.control.requestsTo(s.submitRoute)).toHaveLength(1);
  });
});

const retryOnCheck: [FaultName, ProviderErrorKind, number?][] = [
  ['429', 'rate-limited', 3000], ['429-reset', 'rate-limited'], ['500', 'server', 5000], ['504', 'server'],
  ['html', 'server'], ['reset', 'network'], ['truncated', 'network'],
];
const stopOnCheck: [FaultName, ProviderErrorKind][] = [
  ['401', 'auth'], ['403', 'auth'], ['406', 'credits'], ['410', 'gone'], ['malformed-json', 'malformed'], ['html-200', 'malformed'],
];

describe.each(scenarios)('$provider: faults on check', (s) => {
  it.each(retryOnCheck)('%s → retry-after (%s)', async (fault, kind, ms) => {
    const sub = await submitOk(s);
    sim.control.fault(s.checkRoute, fault);
    const r = await registry[s.provider].check(ctx(s), sub.ref);
    expect(r).toMatchObject({ state: 'retry-after', kind });
    if (r.state !== 'retry-after') return;
    if (ms !== undefined) expect(r.ms).toBe(ms);
    expect(r.ms).toBeGreaterThan(0);
    expect(r.reason).not.toContain(KEY);
  });

  // undici's timeouts tick about once a second, so one stall per provider is enough.
  it('stall → retry-after (network) once the headers timeout passes', async () => {
    const sub = await submitOk(s);
    sim.control.fault(s.checkRoute, 'stall');
    expect(await registry[s.provider].check(ctx(s), sub.ref)).toMatchObject({ state: 'retry-after', kind: 'network', reason: expect.stringMatching(/did not answer in 0\.4 seconds\.$/) });
  });

  it.each(stopOnCheck)('%s → stops with %s', async (fault, general) => {
    // A self-hosted server has no credits to run out of: its 406 is an answer the app cannot use.
    const kind = s.provider === 'local' && fault === '406' ? 'malformed' : general;
    const sub = await submitOk(s);
    sim.control.fault(s.checkRoute, fault);
    const err = await rejection<ProviderError>(registry[s.provider].check(ctx(s), sub.ref));
    expect(err.kind).toBe(kind);
    expect(err.message).not.toContain(KEY);
  });

  it('a burst of three 502s is three retry-afters, then the job is seen again', async () => {
    const sub = await submitOk(s);
    sim.control.fault(s.checkRoute, '502', 3);
    const seen: CheckResult['state'][] = [];
    for (let i = 0; i < 4; i++) seen.push((await registry[s.provider].check(ctx(s), sub.ref)).state);
    expect(seen).toEqual(['retry-after', 'retry-after', 'retry-after', 'progress']);
    expect(sim.control.requestsTo(s.checkRoute)).toHaveLength(4);
  });
});

describe('expired jobs (404 on check)', () => {
  it.each(scenarios.filter((s) => s.provider !== 'local'))('$provider: 404 → expired, not retried', async (s) => {
    const sub = await submitOk(s);
    sim.control.fault(s.checkRoute, '404');
    expect(await registry[s.provider].check(ctx(s), sub.ref)).toMatchObject({ state: 'expired' });
  });

  it('local: a 404 from /status means a wrong endpoint, said plainly', async () => {
    const s = scenarios[3]!;
    const sub = await submitOk(s);
    sim.control.fault(s.checkRoute, '404');
    const err = await rejection<ProviderError>(registry.local.check(ctx(s), sub.ref));
    expect(err.kind).toBe('not-found');
    expect(err.message).toMatch(/^Your Hunyuan3D server does not know this address \(HTTP 404\).*Check the server’s address in Settings/);
  });
});

describe('Segmind FAILED as HTTP 422 on status', () => {
  it('is a failed job with the provider’s reason', async () => {
    const s = scenarios[0]!;
    const sub = await submitOk(s);
    sim.control.fault('segmind.status', '422');
    expect(await registry.segmind.check(ctx(s), sub.ref)).toEqual({ state: 'failed', reason: 'Segmind could not make this model: Content blocked by safety filter', providerCode: 'FAILED' });
  });
});

describe('keys stay secret', () => {
  it('redacts a key the provider echoes back in its error text, and never logs it', async () => {
    const s = scenarios[0]!;
    const c = makeCtx(sim.url, KEY);
    const err = await rejection<ProviderError>(registry.segmind.submit(c, s.model, { fields: { image: `${sim.url}assets/x/${KEY}.png` } }, {}));
    expect(err.kind).toBe('invalid');
    expect(err.message).toMatch(/Could not fetch/);
    expect(err.message).not.toContain(KEY);
    expect(err.message).toContain('[redacted]');
    expect(c.log.lines.join('\n')).not.toContain(KEY);
  });

  it('a missing key is refused before any request', async () => {
    const s = scenarios[1]!;
    const err = await rejection<ProviderError>(registry.wavespeed.submit(makeCtx(sim.url, '  '), s.model, { fields: s.fields() }, {}));
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/No API key is set/);
    expect(sim.requests).toHaveLength(0);
  });

  it('the simulator refuses a request without the provider’s auth header', async () => {
    const res = await fetch(`${sim.url}v2/hunyuan-3d-2`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"a"}' });
    expect(res.status).toBe(401);
    const ws = await fetch(`${sim.url}api/v3/predictions/abc/result`, { headers: { 'x-api-key': KEY } });
    expect(ws.status).toBe(401);
  });

  it('the simulator refuses a key it was not given when keys are restricted', async () => {
    sim.control.configure({ keys: { vtrix: ['the-right-key-123'] } });
    const s = scenarios[2]!;
    const err = await rejection<ProviderError>(registry.vtrix.submit(makeCtx(sim.url, 'a-wrong-key-456'), s.model, { fields: s.fields() }, {}));
    expect(err.kind).toBe('auth');
    const ok = await registry.vtrix.submit(makeCtx(sim.url, 'the-right-key-123'), s.model, { fields: s.fields() }, {});
    expect(ok.ref.remoteId).toBeTruthy();
  });
});

describe('fault injection by header', () => {
  it('x-sim-fault answers that one request with the fault', async () => {
    const res = await fetch(`${sim.url}model/v1/generation/task/abc`, { headers: { authorization: `Bearer ${KEY}`, 'x-sim-fault': '429-reset' } });
    expect(res.status).toBe(429);
    expect(Date.parse(res.headers.get('x-rate-limit-reset-at-utc') ?? '')).toBeGreaterThan(Date.now());
    const next = await fetch(`${sim.url}model/v1/generation/task/abc`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(next.status).toBe(404);
  });

  it('the control API queues faults, lists requests and resets', async () => {
    const q = await fetch(`${sim.url}__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: 'vtrix.*', fault: '503', times: 2 }) });
    expect(q.status).toBe(200);
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await fetch(`${sim.url}model/v1/generation/task/abc`, { headers: { authorization: `Bearer ${KEY}` } })).status);
    expect(codes).toEqual([503, 503, 404]);
    const listed = (await (await fetch(`${sim.url}__sim/requests`)).json()) as { route: string }[];
    expect(listed.map((r) => r.route)).toEqual(['vtrix.task', 'vtrix.task', 'vtrix.task']);
    await fetch(`${sim.url}__sim/reset`, { method: 'POST' });
    expect(sim.requests).toHaveLength(0);
    const bad = await fetch(`${sim.url}__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: 'x', fault: 'nonsense' }) });
    expect(bad.status).toBe(400);
  });
});
