import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * One vitest run, four kinds of test:
 *  unit      plain Node: core, contract, guards, providers against the simulator
 *  renderer  React components in happy-dom, with a real core behind an in-process transport
 *  e2e       the browser harness driven in Debian Chromium through playwright-core
 *  electron  the real app through Playwright's _electron, where the Electron binary exists
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/support/settle.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Each file starts its own harness and Chromium; two cores cannot run many at once.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'electron',
          environment: 'node',
          include: ['test/electron/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
