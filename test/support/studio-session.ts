/** One harness and one Chromium per e2e test file: started before its tests, stopped after them. */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../sim/server';
import type { SimConfig } from '../sim/state';
import { launchChromium } from './browser';
import { startHarnessProcess, type RunningHarness } from './harness';
import { simEnv } from './sim-env';

export interface StudioSession {
  harness: RunningHarness;
  browser: Browser;
  /** A 1440×900 page, not yet navigated. */
  page: Page;
}

export function studioSession(options: { webgl?: boolean; env?: Record<string, string> } = {}): StudioSession {
  const session = {} as StudioSession;
  beforeAll(async () => {
    [session.harness, session.browser] = await Promise.all([startHarnessProcess({ env: options.env }), launchChromium(options)]);
    session.page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.harness?.stop();
  });
  return session;
}

export interface SimulatedStudio extends StudioSession {
  sim: Simulator;
}

/**
 * The studio against the provider simulator: every provider pointed at it, the harness's clock sped
 * up by `timeScale` (10 unless told), WebGL on unless told; the data folders are removed afterwards.
 */
export function simulatedStudio(options: { sim?: Partial<SimConfig>; timeScale?: number; webgl?: boolean } = {}): SimulatedStudio {
  const session = {} as SimulatedStudio;
  beforeAll(async () => {
    session.sim = await startSimulator({ config: options.sim ?? {} });
    const args = ['--time-scale', String(options.timeScale ?? 10)];
    [session.harness, session.browser] = await Promise.all([
      startHarnessProcess({ env: simEnv(session.sim.url), args }),
      launchChromium({ webgl: options.webgl ?? true }),
    ]);
    session.page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.harness?.stop();
    await session.sim?.close();
    if (session.harness) for (const dir of [session.harness.dataDir, session.harness.exportDir]) rmSync(dir, { recursive: true, force: true });
  });
  return session;
}
