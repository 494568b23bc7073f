/**
 * The core: everything the main process does, without Electron. The app shell, the browser
 * harness and the tests all build it with `createCore` and differ only in the deps they pass.
 */
import path from 'node:path';
import { StudioError } from '../../shared/errors';
import { events, type AppInfo, type EventName, type EventPayload } from '../../shared/ipc';
import { systemClock, type Clock } from './engine/clock';
import { createJobEngine, type EngineConfig, type JobEngine } from './engine/engine';
import { createJobHandlers } from './engine/channels';
import { createExportHandlers } from './export/channels';
import { createLibraryHandlers } from './history/channels';
import { createImageHandlers } from './images/channels';
import { createPresetHandlers } from './presets/channels';
import { createPresetStore } from './presets/store';
import { serveAsset, type AssetReply, type AssetRequest } from './assets/serve';
import type { DesktopShell } from './shell';
import { openLibrary, type Library } from './library';
import { createProviderRegistry, type ProviderRegistry } from './providers/registry';
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
import { configureNetwork } from './net/dispatcher';
import { resolveNetwork } from './net/network';
import { engineTuning } from './settings/jobs';
import { pickCertificate, withoutCertificate } from './settings/certificates';
import { moveLibraryFolder, moveProblem } from './library/move';
import { rememberedFolder } from './export/folder';
import type { LibraryLocation } from '../../shared/settings';
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
  /** The engine's clock (tests and benchmarks use a fast or fake one). */
  clock?: Clock;
  /** The provider adapters (tests swap in broken ones). */
  registry?: ProviderRegistry;
  /** Concurrency caps, deadlines, poll floors, download cap. */
  engine?: Partial<EngineConfig>;
  /** Trash, reveal, choose folder: Electron's in the app, stand-ins in the harness. */
  shell?: DesktopShell;
}

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Core {
  handlers: Handlers;
  /** Subscribe to main→renderer events; returns the unsubscribe. */
  onEvent(listener: CoreEventListener): () => void;
  endpoints(): ReturnType<typeof resolveEndpoints>;
  /** The key vault, for the parts of the core that call providers. */
  vault: KeyVault;
  /** Opens the library and resumes every unfinished job. Safe to call more than once. */
  start(): Promise<void>;
  /** Jobs being worked on now (the shell keeps the machine awake and asks before quitting). */
  activeJobs(): number;
  /** Stops all work; jobs keep their state and resume at the next start. */
  close(): Promise<void>;
  /** Answers an `asset://` request (the app's protocol handler, the harness's `/__asset` route). */
  serveAsset(request: AssetRequest, options?: { allowOrigin?: string }): Promise<AssetReply>;
}

export function createCore(deps: CoreDeps): Core {
  const settings = new SettingsStore(deps.settings);
  const clock = deps.clock ?? systemClock;
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
  const applyNetwork = () => configureNetwork(resolveNetwork(deps.env, settings.get()));
  applyNetwork();
  const oneServerTest = singleFlight<KeyTestResult>();
  const defaultLibraryRoot = path.join(deps.dataDir, 'library');
  // Read at every open: a moved library is found where the artist put it.
  const libraryRoot = (): string => settings.get().libraryFolder ?? defaultLibraryRoot;
  const location = (message = ''): LibraryLocation => ({ folder: libraryRoot(), isDefault: libraryRoot() === defaultLibraryRoot, message });

  // The library and the engine open once, on first use or at start(); a failure is a sentence, and
  // the next call tries again (a full disk may have been cleared meanwhile).
  let opening: Promise<{ engine: JobEngine; library: Library }> | null = null;
  let opened: { engine: JobEngine; library: Library } | null = null;
  let closed = false;
  // While the library moves, everything that needs it waits for the move, then opens it where it is.
  let moving: Promise<void> | null = null;
  const openAll = (): Promise<{ engine: JobEngine; library: Library }> => {
    if (closed) return Promise.reject(new StudioError('unavailable', 'Studio is closing.'));
    if (moving) return moving.then(() => openAll(), () => openAll());
    opening ??= (async () => {
      const library = await openLibrary({ root: libraryRoot(), now: () => clock.now(), log: deps.log });
      const jobs = createJobEngine({
        library,
        registry: deps.registry ?? createProviderRegistry(),
        vault,
        endpoints,
        log: deps.log,
        clock,
        config: deps.engine,
        tuning: () => engineTuning(settings.get().jobs),
        changed: (summary) => emit('jobs:changed', summary),
      });
      opened = { engine: jobs, library };
      await jobs.start();
      return opened;
    })().catch((error: unknown) => {
      opening = null;
      deps.log.error('the library could not be opened', { error });
      throw new StudioError('unavailable', `Studio could not open its library in ${deps.dataDir}: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}. Check that the disk has space and the folder is writable.`);
    });
    return opening;
  };
  /**
   * Closes the engine and library (running jobs keep their state, as at quit), moves the folder, then
   * opens it wherever it ended up; every call meanwhile waits for that, so no job is open twice.
   */
  const moveLibrary = async (): Promise<LibraryLocation> => {
    if (!deps.shell) throw new StudioError('unavailable', 'Moving the library needs a folder dialog, which this window does not have.');
    if (moving) throw new StudioError('unavailable', 'The library is already being moved.');
    const from = (await openAll()).library.root;
    const chosen = await deps.shell.chooseFolder('Move the library to…', path.dirname(from));
    if (!chosen) return location('The library was not moved.');
    // Exports and jobs in one folder would mix the artist's files into the library (in the harness,
    // whose only "folder dialog" answers --export-dir, this is what Move… says).
    const exportFolder = (await rememberedFolder(deps.dataDir)) ?? deps.exportDir;
    if (exportFolder && path.resolve(exportFolder) === path.resolve(chosen)) {
      throw new StudioError('invalid-input', 'That is your export folder. Give the library a folder of its own; nothing was moved.');
    }
    const problem = await moveProblem(from, chosen);
    if (problem) throw new StudioError('invalid-input', problem);
    if (moving) throw new StudioError('unavailable', 'The library is already being moved.');
    moving = (async () => {
      const current = opened;
      opened = null;
      opening = null;
      if (current) {
        await current.engine.close();
        current.library.close();
      }
      await moveLibraryFolder(from, chosen, {
        verifyOpens: async (root) => (await openLibrary({ root, now: () => clock.now(), log: deps.log })).close(),
        switchTo: (root) => void settings.set({ libraryFolder: root === defaultLibraryRoot ? null : root }),
      });
      emit('settings:changed', settings.get());
    })();
    try {
      await moving;
    } finally {
      moving = null;
      // Wherever the library is now, it opens again and its jobs resume.
      await openAll();
    }
    return location(`The library is now in ${libraryRoot()}.`);
  };
  const openEngine = async (): Promise<JobEngine> => (await openAll()).engine;
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
      if (patch.network) applyNetwork();
      if (patch.jobs) opened?.engine.retune();
      emit('settings:changed', next);
      return next;
    },
    'network:add-certificate': async () => {
      const picked = await pickCertificate(deps.shell, settings.get());
      if (picked.added) {
        const next = settings.set({ trustedCertificates: [...settings.get().trustedCertificates, picked.added] });
        applyNetwork();
        emit('settings:changed', next);
      }
      return { added: picked.added !== null, message: picked.message };
    },
    'network:remove-certificate': ({ name }) => {
      const next = settings.set({ trustedCertificates: withoutCertificate(settings.get(), name) });
      applyNetwork();
      emit('settings:changed', next);
      return next;
    },
    'library:location': () => location(),
    'library:move': () => moveLibrary(),
    ...keyHandlers,
    'server:test': () => oneServerTest('local', () => testServer(endpoints().local, deps.log, AbortSignal.timeout(20_000))),
    ...createJobHandlers(openEngine),
    ...createLibraryHandlers({ open: openAll, shell: deps.shell, log: deps.log, changed: (id) => emit('library:changed', { id }), now: () => clock.now() }),
    ...createImageHandlers(),
    ...createPresetHandlers(createPresetStore({ dataDir: deps.dataDir, log: deps.log, now: () => clock.now() })),
    ...createExportHandlers({ library: async () => (await openAll()).library, shell: deps.shell, log: deps.log, defaultFolder: deps.exportDir, dataDir: deps.dataDir, app: { name: deps.app.name, version: deps.app.version } }),
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    endpoints,
    vault,
    async start() {
      await openAll();
    },
    activeJobs: () => opened?.engine.activeCount() ?? 0,
    serveAsset: (request, options) => serveAsset(request, { library: async () => (await openAll()).library, log: deps.log, ...options }),
    async close() {
      closed = true;
      const current = opened;
      if (opening) await opening.catch(() => undefined);
      if (current) {
        await current.engine.close();
        current.library.close();
      }
      listeners.clear();
    },
  };
}
