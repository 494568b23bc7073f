import { useCallback, useMemo, useState } from 'react';
import { checkParams, findModel, type CatalogModel, type ParamSpec, type ParamValues, type SeedParam } from '../../../shared/catalog';

/** What a field holds: number fields keep the typed text until it parses, so "1." can be typed. */
export type Entry = string | number | boolean;

/** One model's panel: its entries, and which seeds roll anew each run (the dice). */
interface Draft {
  entries: Record<string, Entry>;
  dice: Record<string, boolean>;
}

const isNumeric = (p: ParamSpec) => p.type === 'number' || p.type === 'integer' || p.type === 'seed';

function defaultsOf(model: CatalogModel): Draft {
  const entries: Record<string, Entry> = {};
  const dice: Record<string, boolean> = {};
  for (const p of model.params) {
    if (p.default !== undefined) entries[p.key] = p.default;
    if (p.type === 'seed') dice[p.key] = p.random !== undefined && p.default === p.random;
  }
  return { entries, dice };
}

/** Entries as the catalog's values; text that is not a number becomes NaN, which checkParams names. */
function valuesOf(model: CatalogModel, entries: Record<string, Entry>): ParamValues {
  const values: ParamValues = {};
  for (const p of model.params) {
    const e = entries[p.key];
    if (e === undefined) continue;
    values[p.key] = isNumeric(p) && typeof e === 'string' ? (e.trim() === '' ? Number.NaN : Number(e)) : e;
  }
  return values;
}

/** The sentence for one field, or null when it is fine. */
function fieldProblem(model: CatalogModel, key: string, value: Entry | undefined): string | null {
  if (value === undefined) return null;
  const checked = checkParams(model, { [key]: value });
  return checked.ok ? null : checked.message;
}

/** A seed worth keeping: shown in full, so kept within what every provider accepts. */
function rollSeed(p: SeedParam): number {
  const low = Math.max(p.min, 0);
  const high = Math.min(p.max, 2_147_483_647);
  return low + Math.floor(Math.random() * (high - low + 1));
}

/**
 * The parameter values of the chosen model, kept per model in memory so switching back restores
 * them, validated live against the catalog.
 */
export function useParamValues(model: CatalogModel) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const draft = drafts[model.id] ?? defaultsOf(model);

  const update = useCallback(
    (change: (d: Draft) => Draft) =>
      setDrafts((all) => ({ ...all, [model.id]: change(all[model.id] ?? defaultsOf(model)) })),
    [model],
  );

  const values = useMemo(() => valuesOf(model, draft.entries), [model, draft.entries]);
  const check = useMemo(() => checkParams(model, values), [model, values]);
  const problems = useMemo(() => {
    const out: Record<string, string | null> = {};
    for (const p of model.params) out[p.key] = fieldProblem(model, p.key, values[p.key]);
    return out;
  }, [model, values]);

  const set = useCallback(
    (key: string, entry: Entry) => update((d) => ({ ...d, entries: { ...d.entries, [key]: entry } })),
    [update],
  );

  /** Dice: a new seed each run (the catalog's `random` value where the provider has one). Lock: keep this one. */
  const setDice = useCallback(
    (p: SeedParam, on: boolean) =>
      update((d) => {
        const current = d.entries[p.key] ?? p.default;
        let entry = current;
        if (on && p.random !== undefined) entry = p.random;
        // Locking "random" needs a real seed to keep, so one is rolled and shown.
        if (!on && p.random !== undefined && Number(current) === p.random) entry = rollSeed(p);
        return { entries: { ...d.entries, [p.key]: entry }, dice: { ...d.dice, [p.key]: on } };
      }),
    [update],
  );

  const reset = useCallback(() => update(() => defaultsOf(model)), [update, model]);

  /**
   * Duplicate & tweak: a stored job's values become that model's panel, over its defaults, with
   * every seed locked, so the first run repeats the job until the artist changes something.
   * A preset passes its own `dice`, so a seed saved as "new each run" stays that way.
   */
  const load = useCallback((modelId: string, stored: Readonly<Record<string, Entry>>, dice?: Readonly<Record<string, boolean>>) => {
    const target = findModel(modelId);
    if (!target) return;
    const next = defaultsOf(target);
    for (const p of target.params) {
      const v = stored[p.key];
      if (v !== undefined) next.entries[p.key] = v;
      if (p.type === 'seed') next.dice[p.key] = dice?.[p.key] ?? (p.random !== undefined && Number(next.entries[p.key]) === p.random);
    }
    setDrafts((all) => ({ ...all, [target.id]: next }));
  }, []);

  /**
   * The values one run sends. A dice seed whose provider has no "random" value of its own gets a
   * fresh seed here, so each run really differs; one with such a value sends it as it stands.
   */
  const forRun = useCallback((): ParamValues => {
    const run = { ...values };
    for (const p of model.params) {
      if (p.type === 'seed' && draft.dice[p.key] && p.random === undefined) run[p.key] = rollSeed(p);
    }
    return run;
  }, [model, values, draft.dice]);

  return { entries: draft.entries, dice: draft.dice, values, check, problems, set, setDice, reset, load, forRun };
}

export type ParamState = ReturnType<typeof useParamValues>;
