/**
 * WaveSpeed "List predictions" (POST /api/v3/predictions; docs-common-api/predictions): the caller's
 * own predictions of the past 7 days, newest first, in the envelope as {page, total, items}. This is
 * how the engine finds a job whose submit answer was lost.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim/server';
import { jobs, sleep, wavespeed, WAVESPEED_KEY } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  // Long jobs, so "created" stays true while a test runs; a test that needs one finished asks for 0 ms.
  sim = await startSimulator({ config: { durationMs: 60_000 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

const mini = 'wavespeed-ai/hunyuan3d/v2-mini';
const v21 = 'wavespeed-ai/hunyuan3d/v2.1';

interface Item {
  id: string;
  model: string;
  status: string;
  created_at: string;
  outputs: string[];
  urls: { get: string };
}
interface Listing {
  code: number;
  message: string;
  data: { page: number; total: number; items: Item[] };
}

async function submit(model: string, image: string, key = WAVESPEED_KEY, durationMs?: number): Promise<string> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  if (durationMs !== undefined) headers['x-sim-duration-ms'] = String(durationMs);
  const res = await fetch(`${sim.url}api/v3/${model}`, { method: 'POST', headers, body: JSON.stringify({ image }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { id: string } }).data.id;
}

async function list(query: Record<string, unknown>, key = WAVESPEED_KEY): Promise<Listing> {
  const r = await wavespeed(sim, 'POST', '/api/v3/predictions', query, key);
  expect(r.status).toBe(200);
  return r.body as Listing;
}

describe('WaveSpeed list predictions', () => {
  it('lists the caller’s predictions newest first, each as the prediction object, and no one else’s', async () => {
    const first = await submit(mini, 'https://example.com/1.png');
    await sleep(5);
    const second = await submit(v21, 'https://example.com/2.png');
    await submit(mini, 'https://example.com/3.png', 'someone-elses-key-77');
    const got = await list({ page: 1, page_size: 100 });
    expect(got.code).toBe(200);
    expect(got.message).toBe('success');
    expect(got.data.page).toBe(1);
    expect(got.data.total).toBe(2);
    expect(got.data.items.map((i) => [i.id, i.model])).toEqual([[second, v21], [first, mini]]);
    const created = got.data.items.map((i) => Date.parse(i.created_at));
    expect(created[0]).toBeGreaterThan(created[1]!);
    expect(got.data.items[0]).toMatchObject({ status: 'created', outputs: [], error: '', urls: { get: expect.stringContaining(`/api/v3/predictions/${second}/result`) } });
  });

  it('shows a finished prediction as completed with its outputs', async () => {
    const id = await submit(mini, 'https://example.com/1.png', WAVESPEED_KEY, 0);
    const [item] = (await list({ page: 1, page_size: 10 })).data.items;
    expect(item).toMatchObject({ id, status: 'completed', outputs: [expect.stringMatching(/\/files\/\w+\/model\.glb$/)] });
  });

  it('filters by model and by status', async () => {
    const a = await submit(mini, 'https://example.com/1.png', WAVESPEED_KEY, 0);
    await sleep(2);
    const b = await submit(v21, 'https://example.com/2.png');
    await sleep(2);
    const c = await submit(mini, 'https://example.com/3.png');
    expect((await list({ page: 1, page_size: 100, model: mini })).data.items.map((i) => i.id)).toEqual([c, a]);
    expect((await list({ page: 1, page_size: 100, status: 'completed' })).data.items.map((i) => i.id)).toEqual([a]);
    expect((await list({ page: 1, page_size: 100, model: v21, status: 'created' })).data.items.map((i) => i.id)).toEqual([b]);
    expect((await list({ page: 1, page_size: 100, model: null, status: null })).data.total).toBe(3);
  });

  it('created_after includes the moment itself, created_before excludes it', async () => {
    const id = await submit(mini, 'https://example.com/1.png');
    const at = (await jobs(sim)).find((j) => j.id === id)!.createdAt;
    const iso = (ms: number): string => new Date(ms).toISOString();
    expect((await list({ page: 1, page_size: 100, created_after: iso(at) })).data.total).toBe(1);
    expect((await list({ page: 1, page_size: 100, created_after: iso(at + 1) })).data.total).toBe(0);
    expect((await list({ page: 1, page_size: 100, created_before: iso(at) })).data.total).toBe(0);
    expect((await list({ page: 1, page_size: 100, created_after: iso(at - 1000), created_before: iso(at + 1000) })).data.total).toBe(1);
  });

  it('pages: page_size items a page, total counts them all', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await submit(mini, `https://example.com/${i}.png`));
    const p1 = await list({ page: 1, page_size: 2 });
    const p3 = await list({ page: 3, page_size: 2 });
    const p4 = await list({ page: 4, page_size: 2 });
    expect(p1.data.total).toBe(5);
    expect(p1.data.items).toHaveLength(2);
    expect(p3.data.items).toHaveLength(1);
    expect(p4.data.items).toEqual([]);
    const all = [...p1.data.items, ...(await list({ page: 2, page_size: 2 })).data.items, ...p3.data.items].map((i) => i.id);
    expect(new Set(all)).toEqual(new Set(ids));
  });

  it('forgets predictions older than 7 days: neither listed nor fetchable', async () => {
    const old = await submit(mini, 'https://example.com/old.png');
    const fresh = await submit(mini, 'https://example.com/new.png');
    sim.control.state.jobs.get(old)!.createdAt -= 7 * 24 * 3_600_000 + 1;
    expect((await list({ page: 1, page_size: 100 })).data.items.map((i) => i.id)).toEqual([fresh]);
    expect((await wavespeed(sim, 'GET', `/api/v3/predictions/${old}/result`)).status).toBe(404);
    expect((await wavespeed(sim, 'GET', `/api/v3/predictions/${fresh}/result`)).status).toBe(200);
  });

  it.each([
    ['page_size over 100', { page: 1, page_size: 101 }, 'page_size must be <= 100'],
    ['page 0', { page: 0, page_size: 10 }, 'page must be >= 1'],
    ['an unreadable date', { page: 1, page_size: 10, created_after: 'yesterday' }, 'created_after and created_before must be ISO 8601 date-times'],
  ])('refuses %s with a 400 in the envelope', async (_what, query, message) => {
    expect(await wavespeed(sim, 'POST', '/api/v3/predictions', query)).toEqual({ status: 400, body: { code: 400, message, data: null } });
  });

  it('needs the Bearer key like every WaveSpeed call', async () => {
    const res = await fetch(`${sim.url}api/v3/predictions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"page":1,"page_size":10}' });
    expect(res.status).toBe(401);
  });

  it('finds a prediction whose submit answer was lost, by model and time, without a second submit', async () => {
    const before = Date.now();
    sim.control.fault('wavespeed.submit', 'answer-lost');
    await expect(fetch(`${sim.url}api/v3/${mini}`, { method: 'POST', headers: { authorization: `Bearer ${WAVESPEED_KEY}`, 'content-type': 'application/json' }, body: '{"image":"https://example.com/lost.png"}' })).rejects.toThrow();
    const found = await list({ page: 1, page_size: 100, model: mini, created_after: new Date(before - 1000).toISOString() });
    expect(found.data.total).toBe(1);
    const [job] = await jobs(sim);
    expect(found.data.items[0]!.id).toBe(job!.id);
    expect(job!.input).toEqual({ image: 'https://example.com/lost.png' });
    expect(sim.control.submissions({ route: 'wavespeed.submit' })).toHaveLength(1);
  });
});
