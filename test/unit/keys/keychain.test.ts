/**
 * KeytarVault against a real Secret Service: gnome-keyring in a private D-Bus session, with a
 * fresh HOME so no real keyring is ever touched. Needs `dbus-run-session` and
 * `gnome-keyring-daemon`; in CI their absence is a failure, elsewhere a skip that says why.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const script = path.join(import.meta.dirname, 'keychain-script.ts');
const tools = ['dbus-run-session', 'gnome-keyring-daemon'];
const missing = tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const reason = `the real-keychain test needs ${missing.join(' and ')} (Debian: apt-get install dbus gnome-keyring)`;
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`Skipping: ${reason}.`);

const homes: string[] = [];
afterAll(() => homes.forEach((home) => rmSync(home, { recursive: true, force: true })));

/** A clean environment: a fresh HOME and XDG dirs, no inherited D-Bus session or display. */
function freshEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const home = mkdtempSync(path.join(tmpdir(), 'hy3d-keychain-'));
  homes.push(home);
  const dirs = { XDG_RUNTIME_DIR: 'run', XDG_DATA_HOME: 'data', XDG_CONFIG_HOME: 'config', XDG_CACHE_HOME: 'cache' };
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, NODE: process.execPath, SCRIPT: script, ...extra };
  for (const [name, dir] of Object.entries(dirs)) {
    env[name] = path.join(home, dir);
    mkdirSync(env[name], { recursive: true, mode: 0o700 });
  }
  return env;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as Record<string, unknown>);
      } catch {
        reject(new Error(`keychain script gave no JSON (exit ${code}):\n${out}\n${err}`));
      }
    });
  });
}

const unset = { set: false, last4: null };

describe.skipIf(skip)('KeytarVault on a real Secret Service', () => {
  it('sets, reads, reports and deletes a key in gnome-keyring', async () => {
    if (missing.length > 0) throw new Error(`In CI, ${reason}.`);
    // An empty password makes the daemon try to prompt, which fails without a display.
    const unlockThenRun = `printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$NODE" --import tsx "$SCRIPT"`;
    const env = freshEnv({ KEYRING_PASSWORD: 'test-keyring-pw', TEST_KEY: 'SG_real_keychain_key_4321' });
    const result = await run('dbus-run-session', ['--', 'bash', '-c', unlockThenRun], env);
    expect(result).toEqual({
      before: { segmind: unset, wavespeed: unset, vtrix: unset },
      afterSet: { segmind: { set: true, last4: '4321' }, wavespeed: unset, vtrix: unset },
      got: true,
      afterDelete: { segmind: unset, wavespeed: unset, vtrix: unset },
      gotAfterDelete: null,
    });
  });

  it('says the keychain is not available, without crashing, when there is no Secret Service', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', script], freshEnv({}));
    expect(result.error).toMatchObject({ name: 'StudioError', code: 'unavailable' });
    expect((result.error as { message: string }).message).toMatch(/^The system keychain is not available: .+\. Keys cannot be saved/);
  });
});
