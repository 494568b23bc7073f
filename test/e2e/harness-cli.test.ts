import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm run harness', () => {
  it('says plainly when its port is taken, instead of a stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-harness-cli-'));
      const result = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/harness.ts', '--port', String(port), '--data-dir', dir, '--export-dir', dir, '--memory-keys'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr.trim()).toBe(`Port ${port} is already in use. Choose another with --port, or --port 0 to let the system pick.`);
    } finally {
      blocker.close();
    }
  });
});
