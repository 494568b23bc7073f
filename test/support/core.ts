/** A real core in memory, for tests: memory settings, a log that keeps its lines. */
import { createCore, type CoreDeps } from '../../src/main/core';
import { createMemoryLog } from '../../src/main/core/log';
import { createMemoryBackend } from '../../src/main/core/settings/store';

export function createTestCore(overrides: Partial<CoreDeps> = {}) {
  const log = createMemoryLog();
  const core = createCore({
    dataDir: '/nonexistent-test-data-dir',
    settings: createMemoryBackend(),
    log,
    env: {},
    app: { name: 'Hunyuan3D Studio', version: '0.0.0-test', shell: 'harness', platform: 'test' },
    keys: 'memory',
    ...overrides,
  });
  return { core, log };
}
