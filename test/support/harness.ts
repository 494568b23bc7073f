/**
 * Starts `scripts/harness.ts` as a real child process and waits for its ready line: with in-memory
 * keys by default, or inside a private D-Bus session with gnome-keyring unlocked (the real keychain).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningHarness {
  url: string;
  port: number;
  /** The harness's own node process (not dbus-run-session around it). */
  pid: number;
  dataDir: string;
  exportDir: string;
  output: () => string;
  /** SIGTERM, then waits until the process (and any D-Bus session around it) has gone. */
  stop(): Promise<void>;
  /** Sends `signal` to the harness's node process itself and waits until everything it ran in has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A fresh HOME with its XDG dirs, where gnome-keyring keeps its keyring file between runs. */
export interface KeychainHome {
  home: string;
  password: string;
}

export interface HarnessOptions {
  /** Added to the harness's environment (HY3D_ENDPOINT_* …). */
  env?: Record<string, string>;
  /** Extra command-line arguments (`--time-scale 10` …). */
  args?: string[];
  /** Reuse a data dir (a restart); a fresh temporary one otherwise. */
  dataDir?: string;
  exportDir?: string;
  /** Run on the real keychain in this home; without it the harness gets `--memory-keys`. */
  keychain?: KeychainHome;
}

const root = path.resolve(import.meta.dirname, '../..');
const xdgDirs = { XDG_RUNTIME_DIR: 'run', XDG_DATA_HOME: 'data', XDG_CONFIG_HOME: 'config', XDG_CACHE_HOME: 'cache' };

/** The tools a keychain harness needs that this machine lacks (empty when it can run). */
export function missingKeychainTools(): string[] {
  return ['dbus-run-session', 'gnome-keyring-daemon'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

export function createKeychainHome(password = 'test-keyring-pw'): KeychainHome {
  const home = mkdtempSync(path.join(os.tmpdir(), 'hy3d-keychain-home-'));
  for (const dir of Object.values(xdgDirs)) mkdirSync(path.join(home, dir), { recursive: true, mode: 0o700 });
  return { home, password };
}

/** The inherited environment with no D-Bus session or display, so no real keyring is ever reached. */
export function keychainEnv(keychain: KeychainHome): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: keychain.home, KEYRING_PASSWORD: keychain.password };
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL', 'SSH_AUTH_SOCK']) delete env[name];
  for (const [name, dir] of Object.entries(xdgDirs)) env[name] = path.join(keychain.home, dir);
  return env;
}

export async function startHarnessProcess(options: HarnessOptions = {}): Promise<RunningHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'hy3d-data-'));
  const exportDir = options.exportDir ?? mkdtempSync(path.join(os.tmpdir(), 'hy3d-export-'));
  const args = ['--port', '0', '--data-dir', dataDir, '--export-dir', exportDir, ...(options.keychain ? [] : ['--memory-keys']), ...(options.args ?? [])];
  // `node --import tsx`, not tsx's CLI: the CLI runs the script in a second node process, so a
  // SIGKILL meant for the harness would hit only the CLI and leave the harness running.
  const node = [process.execPath, '--import', 'tsx', 'scripts/harness.ts', ...args];
  let child: ChildProcess;
  let keyringLog: string | undefined;
  if (options.keychain) {
    keyringLog = path.join(options.keychain.home, 'keyring-daemon.log');
    // An empty password makes the daemon try to prompt, which fails without a display. The daemon
    // forks and keeps its output: sent to a file, so our pipes close when the harness does. `exec`
    // makes the shell's pid the harness's, which is how the test learns whom to kill.
    const script = `printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >>"$KEYRING_LOG" 2>&1 || { echo "gnome-keyring-daemon could not unlock the keyring" >&2; exit 3; }
echo "harness pid $$"; exec "$@"`;
    child = spawn('dbus-run-session', ['--', 'bash', '-c', script, 'harness', ...node], {
      cwd: root,
      env: { ...keychainEnv(options.keychain), KEYRING_LOG: keyringLog, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } else {
    child = spawn(node[0] ?? process.execPath, node.slice(1), { cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const { url, pid } = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /harness ready (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      const shellPid = /harness pid (\d+)/.exec(output)?.[1];
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve({ url: ready[1], pid: shellPid ? Number(shellPid) : (child.pid ?? 0) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const daemon = keyringLog && existsSync(keyringLog) ? `\n(gnome-keyring-daemon said: ${readFileSync(keyringLog, 'utf8').trim() || 'nothing'})` : '';
      reject(new Error(`harness exited with ${code ?? signal}:\n${output}${daemon}`));
    });
  });
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
    await exited;
  };
  return {
    url,
    port: Number(new URL(url).port),
    pid,
    dataDir,
    exportDir,
    output: () => output,
    stop: () => kill('SIGTERM'),
    kill,
  };
}
