/**
 * What the documents leave open, the simulator accepts by default and refuses only when asked
 * (README "Documented or guessed"). Each guess is checked both ways.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../sim/server';
import { strictGuesses } from '../../sim/state';
import { checkerPng } from '../../sim/models';
import { call, jobs, segmind, sleep, vtrix } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ config: { durationMs: 10_000 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

const b64 = (size: number): string => Buffer.from(checkerPng(size)).toString('base64');

describe('Segmind mesh (seed 000: "required", default null, "only needed if modifying existing mesh")', () => {
  it.each([
    ['absent', { text: 'a stool' }],
    ['null', { text: 'a stool', mesh: null }],
    ['a GLB URL', { image: 'https://example.com/a.png', mesh: 'https://example.com/m.glb' }],
  ])('a submit with mesh %s is queued', async (_what, body) => {
    const r = await segmind(sim, 'POST', '/v2/hunyuan-3d-2', body);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'QUEUED', request_id: expect.any(String) });
  });

  it('with segmindMeshRequired, a submit without mesh is refused and null still passes', async () => {
    sim.control.configure({ segmindMeshRequired: true });
    expect(await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'a stool' })).toEqual({ status: 400, body: { error: 'mesh is required' } });
    expect((await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'a stool', mesh: null })).status).toBe(200);
  });

  it('a mesh that is not a URI is refused either way (seed 000 types it string (uri))', async () => {
    expect(await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'a stool', mesh: 42 })).toEqual({ status: 400, body: { error: 'mesh must be a URI' } });
  });
});

describe('Segmind unknown fields (undocumented)', () => {
  it('are dropped by default: the job keeps only the documented fields', async () => {
    const r = await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'a lamp', num_inference_stepz: 40 });
    expect(r.status).toBe(200);
    const [job] = await jobs(sim);
    expect(job!.input).toEqual({ text: 'a lamp' });
  });

  it('are refused with segmindUnknownFields: refuse', async () => {
    sim.control.configure({ segmindUnknownFields: 'refuse' });
    expect(await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'a lamp', num_inference_stepz: 40 })).toEqual({ status: 400, body: { error: 'Unknown parameter: num_inference_stepz' } });
    expect(await jobs(sim)).toEqual([]);
  });
});

describe('Segmind hunyuan3d-2mv routes (seed 001 shows only v1; v2 is a guess)', () => {
  const body = { front_image: 'https://example.com/f.png' };

  it('answers on v2 and on v1 by default', async () => {
    expect((await segmind(sim, 'POST', '/v2/hunyuan3d-2mv', body)).body).toMatchObject({ status: 'QUEUED' });
    sim.control.configure({ durationMs: 0 });
    const v1 = await fetch(`${sim.url}v1/hunyuan3d-2mv`, { method: 'POST', headers: { 'x-api-key': 'k-123456', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(v1.status).toBe(200);
    expect(Buffer.from(await v1.arrayBuffer()).subarray(0, 4).toString()).toBe('glTF');
  });

  it('strictGuesses leaves it on v1 alone: v2 answers 404', async () => {
    sim.control.configure(strictGuesses);
    expect(await segmind(sim, 'POST', '/v2/hunyuan3d-2mv', body)).toEqual({ status: 404, body: { error: 'Model hunyuan3d-2mv not found' } });
  });
});

describe('Vtrix create body (seed 003 lists model beside the params; clients wrap them in input[{params}])', () => {
  const wrapped = { model: 'tencent_hunyuan_3d', input: [{ params: { prompt: 'a boat' } }] };
  const flat = { model: 'tencent_hunyuan_3d', prompt: 'a boat' };

  it('takes both shapes by default and keeps the same params', async () => {
    expect((await vtrix(sim, 'POST', '/model/v1/generation', wrapped)).status).toBe(200);
    expect((await vtrix(sim, 'POST', '/model/v1/generation', flat)).status).toBe(200);
    expect((await jobs(sim)).map((j) => j.input)).toEqual([{ prompt: 'a boat' }, { prompt: 'a boat' }]);
  });

  it('vtrixBody: input refuses the flat shape, flat refuses the wrapped one', async () => {
    sim.control.configure({ vtrixBody: 'input' });
    expect(await vtrix(sim, 'POST', '/model/v1/generation', flat)).toMatchObject({ status: 400, body: { error: { message: 'input must be an array with one item' } } });
    expect((await vtrix(sim, 'POST', '/model/v1/generation', wrapped)).status).toBe(200);
    sim.control.configure({ vtrixBody: 'flat' });
    expect(await vtrix(sim, 'POST', '/model/v1/generation', wrapped)).toMatchObject({ status: 400, body: { error: { message: 'unknown field: input' } } });
  });

  it('an unknown key in a view is dropped by default and refused with vtrixUnknownFields: refuse', async () => {
    const params = { image_base64: b64(128), multi_view_images: [{ View: 'left', ImageBase64: b64(130), Angle: 90 }] };
    expect((await vtrix(sim, 'POST', '/model/v1/generation', { model: 'tencent_hunyuan_3d', input: [{ params }] })).status).toBe(200);
    const views = (await jobs(sim))[0]!.input.multi_view_images as Record<string, unknown>[];
    expect(views).toEqual([{ View: 'left', ImageBase64: b64(130) }]);
    sim.control.configure({ vtrixUnknownFields: 'refuse' });
    const refused = await vtrix(sim, 'POST', '/model/v1/generation', { model: 'tencent_hunyuan_3d', input: [{ params }] });
    expect(refused).toMatchObject({ status: 400, body: { error: { message: 'unknown multi view field: Angle' } } });
  });

  it('the documented rules hold in every mode: exactly one primary input', async () => {
    for (const mode of ['either', 'flat'] as const) {
      sim.control.configure({ vtrixBody: mode });
      const r = await vtrix(sim, 'POST', '/model/v1/generation', { model: 'tencent_hunyuan_3d', prompt: 'a', image_url: 'https://example.com/a.png' });
      expect(r).toMatchObject({ status: 400, body: { error: { message: 'exactly one of prompt, image_url or image_base64 is required' } } });
    }
  });
});

describe('Vtrix progress (seed 003: "progress number, only present when status is in_progress", no scale)', () => {
  async function runningTask(): Promise<Record<string, unknown>> {
    const made = await vtrix(sim, 'POST', '/model/v1/generation', { model: 'tencent_hunyuan_3d', prompt: 'a cup' });
    const id = (made.body as { id: string }).id;
    await sleep(300);
    return (await vtrix(sim, 'GET', `/model/v1/generation/task/${id}`)).body as Record<string, unknown>;
  }

  it('is 0–100 by default, halfway through a job about 50', async () => {
    sim.control.configure({ durationMs: 600 });
    const t = await runningTask();
    expect(t.status).toBe('in_progress');
    expect(t.progress).toBeGreaterThanOrEqual(40);
    expect(t.progress).toBeLessThanOrEqual(99);
  });

  it('is 0–1 with vtrixProgress: fraction, absent with none, under the running word chosen', async () => {
    sim.control.configure({ durationMs: 600, vtrixProgress: 'fraction', vtrixRunningStatus: 'processing' });
    const t = await runningTask();
    expect(t.status).toBe('processing');
    expect(t.progress).toBeGreaterThanOrEqual(0.4);
    expect(t.progress).toBeLessThan(1);
    sim.control.configure({ vtrixProgress: 'none' });
    expect('progress' in (await runningTask())).toBe(false);
  });
});

describe('settings', () => {
  it('an unknown setting name is refused, over HTTP and in code, and changes nothing', async () => {
    expect(await call(sim, 'POST', '/__sim/config', { durationMS: 5 })).toEqual({ status: 400, body: { error: 'unknown setting: durationMS' } });
    expect(() => sim.control.configure({ durationMS: 5 } as never)).toThrow(/unknown simulator setting: durationMS/);
    expect(sim.control.state.config.durationMs).toBe(10_000);
  });

  it('reset returns to the settings the simulator was started with', async () => {
    sim.control.configure({ durationMs: 1, vtrixBody: 'flat' });
    expect((await call(sim, 'POST', '/__sim/reset')).status).toBe(200);
    const config = (await call(sim, 'POST', '/__sim/config', {})).body as Record<string, unknown>;
    expect(config).toMatchObject({ durationMs: 10_000, vtrixBody: 'either' });
  });
});
