/**
 * Named parameter presets in `<dataDir>/presets.json`. Main is the only writer; every write is the
 * whole file, atomically (temp + fsync + rename), one at a time, so a crash leaves the old list or
 * the new one. A damaged file is moved aside and the list starts empty rather than failing.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { checkParams, findModel } from '../../../shared/catalog';
import { StudioError } from '../../../shared/errors';
import { maxPresets, presetSchema, type Preset, type PresetSave } from '../../../shared/presets';
import { writeFileAtomic } from '../library/files';
import type { Log } from '../log';

export interface PresetStore {
  list(): Promise<Preset[]>;
  save(preset: PresetSave): Promise<Preset[]>;
  remove(ref: { name: string; modelId: string }): Promise<Preset[]>;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
const byModelThenName = (a: Preset, b: Preset) => a.modelId.localeCompare(b.modelId) || a.name.localeCompare(b.name);

export function createPresetStore({ dataDir, log, now }: { dataDir: string; log: Log; now: () => number }): PresetStore {
  const file = path.join(dataDir, 'presets.json');
  let loaded: Promise<Preset[]> | null = null;
  // Writes queue behind each other: two quick saves must not race their renames.
  let writing: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Preset[]> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return [];
    }
    try {
      const raw = JSON.parse(text) as { presets?: unknown };
      if (!Array.isArray(raw.presets)) throw new Error('no list of presets');
      // One bad entry (edited by hand, or from a newer Studio) costs only itself.
      return raw.presets.slice(0, maxPresets).flatMap((p) => {
        const parsed = presetSchema.safeParse(p);
        return parsed.success ? [parsed.data] : [];
      });
    } catch (error) {
      const aside = path.join(dataDir, `presets.corrupt-${now()}.json`);
      log.warn('presets.json was damaged; moved aside and starting with no presets', { error, aside });
      await rename(file, aside).catch(() => undefined);
      return [];
    }
  }

  const current = () => (loaded ??= load());

  function change(update: (presets: Preset[]) => Preset[]): Promise<Preset[]> {
    const next = writing.then(async () => {
      const updated = update(await current()).sort(byModelThenName);
      await mkdir(dataDir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify({ presets: updated }, null, 2));
      loaded = Promise.resolve(updated);
      return updated;
    });
    writing = next.catch(() => undefined);
    return next;
  }

  return {
    list: async () => [...(await current())],
    save(input) {
      const model = findModel(input.modelId);
      if (!model) return Promise.reject(new StudioError('invalid-input', 'This model is not in Studio’s catalog, so its preset cannot be saved.'));
      // Only this model's parameters, and dice only for its seeds: the file never holds strays.
      const params = Object.fromEntries(model.params.filter((p) => input.params[p.key] !== undefined).map((p) => [p.key, input.params[p.key] as Preset['params'][string]]));
      const checked = checkParams(model, params);
      if (!checked.ok) return Promise.reject(new StudioError('invalid-input', `Fix the parameters first. ${checked.message}`));
      const dice = Object.fromEntries(model.params.filter((p) => p.type === 'seed' && input.dice[p.key] !== undefined).map((p) => [p.key, input.dice[p.key] === true]));
      const preset: Preset = { name: input.name.trim(), modelId: model.id, params, dice, savedAt: now() };
      return change((presets) => {
        const others = presets.filter((p) => !(p.modelId === preset.modelId && sameName(p.name, preset.name)));
        if (others.length >= maxPresets) {
          throw new StudioError('invalid-input', `Studio keeps up to ${maxPresets} presets. Delete one you no longer use, then save again.`);
        }
        return [...others, preset];
      });
    },
    remove({ name, modelId }) {
      return change((presets) => presets.filter((p) => !(p.modelId === modelId && sameName(p.name, name.trim()))));
    },
  };
}
