/**
 * A real core with its library on disk, pointed at the simulator, on a fast clock — what the engine
 * tests, the chaos run and the load benchmark drive. Keys are bound to the simulator's origin, as
 * if the artist had saved them while the app pointed there.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createCore, type Core, type CoreDeps } from '../../src/main/core';
import { startSimulator, type Simulator } from '../sim/server';
import type { SimConfig } from '../sim/state';
import { scaledClock } from '../../src/main/core/engine/clock';
import { MemoryVault } from '../../src/main/core/keys';
import { createMemoryLog } from '../../src/main/core/log';
import { createMemoryBackend } from '../../src/main/core/settings/store';
import type { JobState, JobSummary } from '../../src/shared/jobs';
import { isTerminal } from '../../src/shared/jobs';
import { createStudioForCore } from './studio-for-tests';

export const simKeys = { segmind: 'SG_engine_key_0001', wavespeed: 'WS_engine_key_0002', vtrix: 'VX_engine_key_0003' } as const;

import { simEnv } from './sim-env';

export { simEnv };

export function boundVault(simUrl: string): MemoryVault {
  const origin = new URL(simUrl).origin;
  return new MemoryVault({
    segmind: { key: simKeys.segmind, origin },
    wavespeed: { key: simKeys.wavespeed, origin },
    vtrix: { key: simKeys.vtrix, origin },
  });
}

export function createEngineCore(simUrl: string, overrides: Partial<CoreDeps> & { speed?: number } = {}) {
  const dataDir = overrides.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'hy3d-engine-'));
  const log = overrides.log ?? createMemoryLog();
  const core = createCore({
    dataDir,
    settings: createMemoryBackend(),
    log,
    app: { name: 'Hunyuan3D Studio', version: '0.0.0-test', shell: 'harness', platform: 'test' },
    vault: boundVault(simUrl),
    clock: scaledClock(overrides.speed ?? 40),
    ...overrides,
    env: { ...simEnv(simUrl), ...overrides.env },
  });
  const { studio } = createStudioForCore(core, log);
  const seen: JobSummary[] = [];
  core.onEvent((event, payload) => {
    if (event === 'jobs:changed') seen.push(payload as JobSummary);
  });
  /** Resolves with the job's summary once `until` holds (by default: it ended). */
  const waitFor = (id: string, until: (job: JobSummary) => boolean = (j) => isTerminal(j.state), ms = 30_000): Promise<JobSummary> =>
    new Promise((resolve, reject) => {
      const check = (job: JobSummary | undefined) => {
        if (job && job.id === id && until(job)) {
          clearTimeout(timer);
          off();
          resolve(job);
        }
      };
      const timer = setTimeout(() => {
        off();
        reject(new Error(`job ${id} never got there; last seen: ${JSON.stringify(seen.filter((j) => j.id === id).at(-1))}`));
      }, ms);
      const off = core.onEvent((event, payload) => {
        if (event === 'jobs:changed') check(payload as JobSummary);
      });
      void studio.jobs.get({ id }).then(check, () => undefined);
    });
  const statesOf = (id: string): JobState[] => seen.filter((j) => j.id === id).map((j) => j.state).filter((s, i, all) => s !== all[i - 1]);
  return { core, studio, log, dataDir, seen, waitFor, statesOf };
}

/** A photo-like JPEG, different for every `seed`, so every job has its own input fingerprint. */
export async function picture(seed = 1, size = 320): Promise<Uint8Array<ArrayBuffer>> {
  const r = (seed * 53) % 256;
  const g = (seed * 97) % 256;
  const b = (seed * 193) % 256;
  const height = Math.round(size * 0.75);
  const bytes = await sharp({ create: { width: size, height, channels: 3, background: { r, g, b } } })
    .composite([{ input: Buffer.from(`<svg width="${size}" height="${height}"><circle cx="${size / 2}" cy="${height / 2}" r="${size / 5}" fill="#fff"/></svg>`), top: 0, left: 0 }])
    .jpeg()
    .toBuffer();
  return new Uint8Array(bytes);
}

/**
 * For a test file: one simulator for the file, a fresh engine core per call, each closed (and the
 * simulator reset) after its test.
 */
export function engineCoresAgainstSim(config: Partial<SimConfig> = { durationMs: 150 }) {
  const ctx = {} as { sim: Simulator };
  const cores: Core[] = [];
  beforeAll(async () => {
    ctx.sim = await startSimulator({ config });
  });
  afterAll(() => ctx.sim.close());
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((c) => c.close()));
    ctx.sim.control.reset();
  });
  const engineCore = (overrides: Parameters<typeof createEngineCore>[1] = {}) => {
    const made = createEngineCore(ctx.sim.url, overrides);
    cores.push(made.core);
    return made;
  };
  return { ctx, engineCore };
}
