/** One harness and one Chromium per e2e test file: started before its tests, stopped after them. */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startHarnessProcess, type RunningHarness } from './harness';

export interface StudioSession {
  harness: RunningHarness;
  browser: Browser;
  /** A 1440×900 page, not yet navigated. */
  page: Page;
}

export function studioSession(options: { webgl?: boolean; env?: Record<string, string> } = {}): StudioSession {
  const session = {} as StudioSession;
  beforeAll(async () => {
    [session.harness, session.browser] = await Promise.all([startHarnessProcess(options.env), launchChromium(options)]);
    session.page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.harness?.stop();
  });
  return session;
}
