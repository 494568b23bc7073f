/**
 * The Jobs settings drive the engine while it runs: a raised concurrency starts jobs that were
 * waiting for a slot, and a shortened deadline gives up a running job — no restart. Real core and
 * adapters against the simulator (jobs that take a long time), on a fast clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/shared/settings';
import { SettingsStore, createMemoryBackend } from '../../src/main/core/settings/store';
import { startSimulator, type Simulator } from '../sim/server';
import { createEngineCore, picture } from '../support/engine-core';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ config: { durationMs: 600_000 } });
});
afterAll(() => sim.close());

const submit = async (studio: ReturnType<typeof createEngineCore>['studio'], seed: number) =>
  studio.jobs.submit({ modelId: 'segmind/hunyuan-3d-2', params: {}, inputs: { kind: 'image', image: { name: `p${seed}.jpg`, bytes: await picture(seed) } } });

const until = async (what: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('never happened');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('Jobs settings apply while Studio runs', () => {
  it('raising a provider’s “jobs at once” starts the jobs waiting for a slot; the settings are kept', async () => {
    sim.control.reset();
    const backend = createMemoryBackend({ ...defaultSettings, jobs: { ...defaultSettings.jobs, concurrency: { ...defaultSettings.jobs.concurrency, segmind: 1 } } });
    const { core, studio } = createEngineCore(sim.url, { settings: backend });
    try {
      for (const seed of [80, 81, 82]) await submit(studio, seed);
      await until(() => sim.control.requestsTo('segmind.submit').length === 1);
      await new Promise((r) => setTimeout(r, 500));
      expect(sim.control.requestsTo('segmind.submit')).toHaveLength(1);

      const next = await studio.settings.set({ jobs: { ...defaultSettings.jobs, concurrency: { ...defaultSettings.jobs.concurrency, segmind: 3 } } });
      expect(next.jobs.concurrency.segmind).toBe(3);
      await until(() => sim.control.requestsTo('segmind.submit').length === 3);
      expect((backend.read() as typeof defaultSettings).jobs.concurrency.segmind).toBe(3);
    } finally {
      await core.close();
    }
  });

  it('a shorter deadline gives up a job already running, saying after how many minutes', async () => {
    sim.control.reset();
    const { core, studio, waitFor } = createEngineCore(sim.url, { speed: 400 });
    try {
      const job = await submit(studio, 83);
      await waitFor(job.id, (j) => j.state === 'queued' || j.state === 'running');
      await until(() => sim.control.requestsTo('segmind.submit').length === 1);
      await studio.settings.set({ jobs: { ...defaultSettings.jobs, deadlineMinutes: { ...defaultSettings.jobs.deadlineMinutes, segmind: 5 } } });
      const done = await waitFor(job.id, undefined, 20_000);
      expect(done.state).toBe('failed');
      expect(done.message).toMatch(/has not finished this job after 5 minutes/);
    } finally {
      await core.close();
    }
  });

  it('refuses values out of bounds with nothing changed', async () => {
    const { core, studio } = createEngineCore(sim.url);
    try {
      await expect(studio.settings.set({ jobs: { ...defaultSettings.jobs, concurrency: { ...defaultSettings.jobs.concurrency, segmind: 0 } } })).rejects.toThrow();
      await expect(studio.settings.set({ jobs: { ...defaultSettings.jobs, deadlineMinutes: { ...defaultSettings.jobs.deadlineMinutes, segmind: 61 } } })).rejects.toThrow();
      expect((await studio.settings.get()).jobs).toEqual(defaultSettings.jobs);
    } finally {
      await core.close();
    }
  });
});

describe('a hand-edited settings file', () => {
  it('keeps every good Jobs value and puts back the default only where a value is out of bounds or of the wrong kind', () => {
    const store = new SettingsStore(
      createMemoryBackend({
        ...defaultSettings,
        jobs: { concurrency: { segmind: 99, wavespeed: 3, vtrix: 'many', local: 1 }, deadlineMinutes: { ...defaultSettings.jobs.deadlineMinutes, vtrix: 120 } },
        network: { proxy: 'not a proxy' },
        trustedCertificates: 'none',
        libraryFolder: 42,
      }),
    );
    const got = store.get();
    expect(got.jobs.concurrency).toEqual({ segmind: 4, wavespeed: 3, vtrix: 2, local: 1 });
    expect(got.jobs.deadlineMinutes.vtrix).toBe(120);
    expect(got.network.proxy).toBe('');
    expect(got.trustedCertificates).toEqual([]);
    expect(got.libraryFolder).toBeNull();
  });
});
