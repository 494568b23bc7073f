/**
 * The core: everything the main process does, without Electron. The app shell, the browser
 * harness and the tests all build it with `createCore` and differ only in the deps they pass.
 */
import { StudioError } from '../../shared/errors';
import { events, type AppInfo, type ChannelName, type EventName, type EventPayload } from '../../shared/ipc';
import type { Handlers } from './dispatch';
import type { Log } from './log';
import { SettingsStore, type SettingsBackend } from './settings/store';
import { resolveEndpoints } from './endpoints';
import { KeytarVault, MemoryVault, createKeyHandlers, type KeyChecks, type KeyVault } from './keys';
import { providerKeyChecks } from './providers/key-checks';
import { testServer } from './server-check';
import { singleFlight } from './keys/binding';
import { approveEndpointChanges, changedKeyedEndpoints, type ConfirmEndpointChange } from './settings/endpoint-guard';
import { originOf } from '../../shared/endpoints';
import type { KeyTestResult } from '../../shared/keys';

export interface CoreDeps {
  /** Root of everything the app writes: settings, library, logs. */
  dataDir: string;
  settings: SettingsBackend;
  log: Log;
  env: Record<string, string | undefined>;
  app: Pick<AppInfo, 'name' | 'version' | 'shell' | 'platform'>;
  /** Where "choose folder" lands without a native dialog (the harness's --export-dir). */
  exportDir?: string;
  /** Which key vault to use: the OS keychain (the default), or memory for tests and the harness. */
  keys?: 'keychain' | 'memory';
  /** A vault instance; wins over `keys` (tests that need a failing or pre-filled vault). */
  vault?: KeyVault;
  /** The "Test" call per provider; the adapters supply real ones, the rest say there is none. */
  keyChecks?: Partial<KeyChecks>;
  /**
   * Asks the artist, in main, before a keyed provider's address changes (a native dialog in the app).
   * Absent (harness, tests): such an address can only come from the command line or environment.
   */
  confirmEndpointChange?: ConfirmEndpointChange;
}

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Core {
  handlers: Handlers;
  /** Subscribe to main→renderer events; returns the unsubscribe. */
  onEvent(listener: CoreEventListener): () => void;
  endpoints(): ReturnType<typeof resolveEndpoints>;
  /** The key vault, for the parts of the core that call providers. */
  vault: KeyVault;
  close(): Promise<void>;
}

function notYet<C extends ChannelName>(names: C[]): Pick<Handlers, C> {
  const refuse = () => {
    throw new StudioError('unavailable', 'Generating comes with the job engine.');
  };
  return Object.fromEntries(names.map((n) => [n, refuse])) as unknown as Pick<Handlers, C>;
}

export function createCore(deps: CoreDeps): Core {
  const settings = new SettingsStore(deps.settings);
  const listeners = new Set<CoreEventListener>();
  const emit: CoreEventListener = (event, payload) => {
    // Parsed like replies: an event carries exactly what its schema declares, nothing extra.
    const clean = events[event].parse(payload) as typeof payload;
    for (const listener of listeners) listener(event, clean);
  };

  const vault = deps.vault ?? (deps.keys === 'memory' ? new MemoryVault() : new KeytarVault());
  const warned = new Set<string>();
  const warnOnce = (message: string): void => {
    if (warned.has(message)) return;
    warned.add(message);
    deps.log.warn(message);
  };
  const endpoints = () => resolveEndpoints(deps.env, settings.get(), warnOnce);
  const oneServerTest = singleFlight<KeyTestResult>();
  const keyHandlers = createKeyHandlers({
    vault,
    checks: { ...providerKeyChecks, ...deps.keyChecks },
    endpoints,
    changed: (status) => emit('keys:changed', status),
  });

  const handlers: Handlers = {
    'app:info': () => ({ ...deps.app }),
    'settings:get': () => settings.get(),
    'settings:set': async (patch) => {
      const changes = changedKeyedEndpoints(settings.get(), patch);
      await approveEndpointChanges(changes, async (p) => (await vault.get(p)) !== null, deps.confirmEndpointChange);
      const next = settings.set(patch);
      // Approved: a saved key now goes to the new address (and only there).
      for (const { provider } of changes) {
        const saved = await vault.get(provider);
        const origin = originOf(endpoints()[provider]);
        if (saved && origin && saved.origin !== origin) await vault.set(provider, saved.key, origin);
      }
      emit('settings:changed', next);
      return next;
    },
    ...keyHandlers,
    'server:test': () => oneServerTest('local', () => testServer(endpoints().local, deps.log, AbortSignal.timeout(20_000))),
    // The job engine fills these in; until then the page is told plainly.
    ...notYet(['jobs:submit', 'jobs:list', 'jobs:get', 'jobs:cancel', 'jobs:retry', 'jobs:model', 'jobs:thumbnail']),
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    endpoints,
    vault,
    async close() {
      listeners.clear();
    },
  };
}
