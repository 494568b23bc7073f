import { defaultSettings, settingsSchema, type Settings } from '../../../shared/settings';

/** Where preferences are kept: electron-store in the app, `conf` in the harness, memory in tests. */
export interface SettingsBackend {
  read(): unknown;
  write(value: Settings): void;
}

export function createMemoryBackend(initial?: unknown): SettingsBackend {
  let value: unknown = initial;
  return {
    read: () => value,
    write: (next) => {
      value = structuredClone(next);
    },
  };
}

/**
 * Preferences with defaults. A damaged or out-of-range file never stops the app: each field that
 * does not validate falls back to its default, the rest is kept.
 */
export class SettingsStore {
  readonly #backend: SettingsBackend;
  #current: Settings;

  constructor(backend: SettingsBackend) {
    this.#backend = backend;
    this.#current = SettingsStore.repair(backend.read());
  }

  static repair(raw: unknown): Settings {
    const whole = settingsSchema.safeParse(raw);
    if (whole.success) return whole.data;
    const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const repaired: Record<string, unknown> = {};
    for (const [key, fallback] of Object.entries(defaultSettings)) {
      const field = settingsSchema.shape[key as keyof Settings].safeParse(source[key]);
      repaired[key] = field.success ? field.data : structuredClone(fallback);
    }
    return settingsSchema.parse(repaired);
  }

  get(): Settings {
    return structuredClone(this.#current);
  }

  /** The page's patch (already checked against `settingsPatchSchema`) or main's own fields. */
  set(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.#current, ...patch });
    this.#backend.write(next);
    this.#current = next;
    return this.get();
  }
}
