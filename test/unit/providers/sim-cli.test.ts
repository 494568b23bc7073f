import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

function startCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'test/sim/cli.ts', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
}

function readyUrl(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 15_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^sim ready (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

describe('npm run sim', () => {
  it('--config applies settings, and a reset keeps them', async () => {
    const child = startCli(['--port', '0', '--config', '{"segmindMeshRequired":true}']);
    try {
      const url = await readyUrl(child);
      const submit = () => fetch(`${url}v2/hunyuan-3d-2`, { method: 'POST', headers: { 'x-api-key': 'cli-key-12345678', 'content-type': 'application/json' }, body: '{"text":"a chair"}' });
      expect((await submit()).status).toBe(400);
      await fetch(`${url}__sim/reset`, { method: 'POST' });
      expect(await (await submit()).json()).toEqual({ error: 'mesh is required' });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a --config that is not JSON settings, saying what to pass', async () => {
    const child = startCli(['--port', '0', '--config', '{nope']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--config must be a JSON object of settings');
    expect(err).toContain('usage: npm run sim');
  });

  it('refuses a setting it does not know instead of ignoring it', async () => {
    const child = startCli(['--port', '0', '--config', '{"durationMS":5}']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(err).toContain('unknown simulator setting: durationMS');
  });

  it('prints its ready line, answers provider routes, and exits on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'test/sim/cli.ts', '--port', '0', '--duration-ms', '10'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 15_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^sim ready (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const res = await fetch(`${url}v2/hunyuan-3d-2`, { method: 'POST', headers: { 'x-api-key': 'cli-key-12345678', 'content-type': 'application/json' }, body: '{"text":"a chair","mesh":null}' });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe('QUEUED');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
