/** Starts `npm run harness` as a real child process and waits for its ready line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningHarness {
  url: string;
  port: number;
  dataDir: string;
  exportDir: string;
  output: () => string;
  stop(): Promise<void>;
}


const root = path.resolve(import.meta.dirname, '../..');

export async function startHarnessProcess(env: Record<string, string> = {}): Promise<RunningHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-data-'));
  const exportDir = mkdtempSync(path.join(os.tmpdir(), 'hy3d-export-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/harness.ts', '--port', '0', '--data-dir', dataDir, '--export-dir', exportDir, '--memory-keys'],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /harness ready (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    exportDir,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
