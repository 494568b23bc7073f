/** A real core in memory, for tests: memory settings, a log that keeps its lines. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type CoreDeps } from '../../src/main/core';
import { createMemoryLog } from '../../src/main/core/log';
import { createMemoryBackend } from '../../src/main/core/settings/store';

/** Tests never reach the real providers: whatever a test does not point at a simulator gets a closed port. */
const CLOSED = 'http://127.0.0.1:9';
const closedEndpoints = { HY3D_ENDPOINT_SEGMIND: CLOSED, HY3D_ENDPOINT_WAVESPEED: CLOSED, HY3D_ENDPOINT_VTRIX: CLOSED, HY3D_ENDPOINT_LOCAL: CLOSED };

export function createTestCore(overrides: Partial<CoreDeps> = {}) {
  const log = createMemoryLog();
  const core = createCore({
    // A real folder: the Jobs panel lists the library as soon as the page opens.
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'hy3d-test-data-')),
    settings: createMemoryBackend(),
    log,
    app: { name: 'Hunyuan3D Studio', version: '0.0.0-test', shell: 'harness', platform: 'test' },
    keys: 'memory',
    ...overrides,
    env: { ...closedEndpoints, ...overrides.env },
  });
  return { core, log };
}
