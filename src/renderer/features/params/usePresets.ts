import { useCallback, useEffect, useState } from 'react';
import type { CatalogModel } from '../../../shared/catalog';
import type { StudioApi } from '../../../shared/ipc';
import type { Preset } from '../../../shared/presets';
import type { ParamState } from './useParamValues';

const sentence = (error: unknown) => (error instanceof Error && error.message ? error.message : 'Studio could not reach its presets. Try again in a moment.');

/**
 * The chosen model's presets, kept by main: list, apply (the fields take the preset's values and
 * seed lock), save the fields as they are under a name, delete. Each answer is the whole list.
 */
export function usePresets(studio: StudioApi, model: CatalogModel, params: ParamState) {
  const [all, setAll] = useState<Preset[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    studio.presets.list().then(
      (list) => live && setAll(list.presets),
      (error: unknown) => live && setProblem(sentence(error)),
    );
    return () => {
      live = false;
    };
  }, [studio]);

  const presets = all.filter((p) => p.modelId === model.id);
  const { load } = params;

  const apply = useCallback(
    (name: string) => {
      const preset = all.find((p) => p.modelId === model.id && p.name === name);
      if (!preset) return;
      load(model.id, preset.params, preset.dice);
      setProblem(null);
      setSaid(`Applied “${preset.name}”.`);
    },
    [all, model.id, load],
  );

  const save = useCallback(
    async (name: string): Promise<boolean> => {
      try {
        const list = await studio.presets.save({ name, modelId: model.id, params: params.values, dice: params.dice });
        setAll(list.presets);
        setProblem(null);
        setSaid(`Saved “${name.trim()}” for ${model.label}.`);
        return true;
      } catch (error) {
        setProblem(sentence(error));
        setSaid(null);
        return false;
      }
    },
    [studio, model, params.values, params.dice],
  );

  const remove = useCallback(
    async (name: string) => {
      try {
        setAll((await studio.presets.delete({ name, modelId: model.id })).presets);
        setProblem(null);
        setSaid(`Deleted “${name}”.`);
      } catch (error) {
        setProblem(sentence(error));
      }
    },
    [studio, model.id],
  );

  return { presets, apply, save, remove, problem, said };
}
