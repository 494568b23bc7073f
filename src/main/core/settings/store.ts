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

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The default's shape with each leaf taken from `value` where it has the same type (bounds are checked after). */
function mergeValid(fallback: unknown, value: unknown): unknown {
  if (!isPlain(fallback)) return typeof value === typeof fallback && value !== null ? value : structuredClone(fallback);
  const source = isPlain(value) ? value : {};
  return Object.fromEntries(Object.entries(fallback).map(([k, v]) => [k, mergeValid(v, source[k])]));
}

/** Puts the default back at `at` (a zod issue's path) inside `target`. */
function resetLeaf(target: Record<string, unknown>, fallback: unknown, at: readonly PropertyKey[]): void {
  let node: unknown = target;
  let from: unknown = fallback;
  for (const [i, key] of at.entries()) {
    if (!isPlain(node) || !isPlain(from) || typeof key !== 'string') return;
    if (i === at.length - 1) {
      node[key] = structuredClone(from[key]);
      return;
    }
    node = node[key];
    from = from[key];
  }
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
      const schema = settingsSchema.shape[key as keyof Settings];
      const field = schema.safeParse(source[key]);
      if (field.success) repaired[key] = field.data;
      else {
        // A group (jobs, network) keeps its good values: one bad number does not reset its neighbours.
        const merged = mergeValid(fallback, source[key]);
        const again = schema.safeParse(merged);
        if (!again.success && isPlain(merged)) {
          for (const issue of again.error.issues) resetLeaf(merged, fallback, issue.path);
        }
        const last = schema.safeParse(merged);
        repaired[key] = last.success ? last.data : structuredClone(fallback);
      }
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
