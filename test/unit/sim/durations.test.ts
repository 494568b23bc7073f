/**
 * Job durations a benchmark or chaos run can set: fixed, per model, realistic medians × a scale,
 * and a seeded lognormal around any of them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pickDuration, realisticMedianMs } from '../../sim/durations';
import { startSimulator, type Simulator } from '../../sim/server';
import { SimState } from '../../sim/state';
import { jobs, segmind, sleep, wavespeed } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ config: { durationMs: 60_000 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

async function statusOf(id: string): Promise<string> {
  return ((await segmind(sim, 'GET', `/v2/requests/${id}/status`)).body as { status: string }).status;
}

async function submitHy2(): Promise<string> {
  return ((await segmind(sim, 'POST', '/v2/hunyuan-3d-2', { text: 'a bench' })).body as { request_id: string }).request_id;
}

describe('job durations', () => {
  it('durationByModel sets one model’s time; the others keep durationMs', async () => {
    sim.control.configure({ durationByModel: { 'hunyuan-3d-2': 400 } });
    const quick = await submitHy2();
    const slow = ((await segmind(sim, 'POST', '/v2/hunyuan3d-2mv', { front_image: 'https://example.com/f.png' })).body as { request_id: string }).request_id;
    expect(await statusOf(quick)).not.toBe('COMPLETED');
    await sleep(450);
    expect(await statusOf(quick)).toBe('COMPLETED');
    expect(await statusOf(slow)).not.toBe('COMPLETED');
    expect((await jobs(sim)).map((j) => j.durationMs)).toEqual([400, 60_000]);
  });

  it('durationScale runs each model at its realistic median × the scale (seed 000: ~36.91 s)', async () => {
    sim.control.configure({ durationScale: 0.001 });
    await submitHy2();
    await wavespeed(sim, 'POST', '/api/v3/wavespeed-ai/hunyuan3d/v2.1', { image: 'https://example.com/a.png' });
    const [hy2, ws] = await jobs(sim);
    expect(hy2!.model).toBe('hunyuan-3d-2');
    expect(hy2!.durationMs).toBeCloseTo(36.91);
    expect(ws!.model).toBe('wavespeed-ai/hunyuan3d/v2.1');
    expect(ws!.durationMs).toBeCloseTo(realisticMedianMs['wavespeed-ai/hunyuan3d/v2.1']! * 0.001);
  });

  it('the x-sim-duration-ms header wins over every setting', async () => {
    sim.control.configure({ durationByModel: { 'hunyuan-3d-2': 5 }, durationSigma: 1 });
    await fetch(`${sim.url}v2/hunyuan-3d-2`, { method: 'POST', headers: { 'x-api-key': 'k-123456', 'content-type': 'application/json', 'x-sim-duration-ms': '777' }, body: '{"text":"x"}' });
    expect((await jobs(sim))[0]!.durationMs).toBe(777);
  });

  it('with a seed, the lognormal draws repeat after a reset and differ under another seed', async () => {
    const draw = async (seed: number): Promise<number[]> => {
      sim.control.reset();
      sim.control.configure({ durationMs: 1000, durationSigma: 0.35, durationSeed: seed });
      for (let i = 0; i < 5; i++) await submitHy2();
      return (await jobs(sim)).map((j) => j.durationMs);
    };
    const a = await draw(42);
    expect(new Set(a).size).toBe(5);
    expect(await draw(42)).toEqual(a);
    expect(await draw(43)).not.toEqual(a);
  });

  it('the lognormal has the chosen median and σ of the log', () => {
    const state = new SimState({ durationMs: 37_000, durationSigma: 0.35, durationSeed: 7 });
    const logs = Array.from({ length: 4000 }, () => Math.log(pickDuration(state, 'hunyuan-3d-2', undefined)));
    const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (logs.length - 1));
    expect(Math.exp(mean)).toBeGreaterThan(37_000 * 0.97);
    expect(Math.exp(mean)).toBeLessThan(37_000 * 1.03);
    expect(sd).toBeGreaterThan(0.33);
    expect(sd).toBeLessThan(0.37);
  });
});
