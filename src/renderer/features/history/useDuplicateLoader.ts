import { useCallback } from 'react';
import { findModel, viewNames, type ViewName } from '../../../shared/catalog';
import type { IntakeState } from '../intake/useIntake';
import type { ParamState } from '../params/useParamValues';
import type { Duplicate } from './useLibraryActions';

/** The engine stores a single-image job's picture as role "image"; the intake calls that slot "front". */
const slotOf = (role: string): ViewName | null => (role === 'image' ? 'front' : (viewNames as readonly string[]).includes(role) ? (role as ViewName) : null);

/**
 * Duplicate & tweak: the stored job's model, parameters, pictures and prompt replace what the left
 * panels hold, so Generate would run the same job again until the artist changes something.
 */
export function useDuplicateLoader({ choose, params, intake }: { choose: (modelId: string) => void; params: ParamState; intake: IntakeState }) {
  const { load } = params;
  const { add, remove, setPrompt } = intake;
  return useCallback(
    (dup: Duplicate) => {
      if (!findModel(dup.modelId)) throw new Error('That job’s model is no longer in this version of Studio, so its settings cannot be loaded.');
      choose(dup.modelId);
      load(dup.modelId, dup.params);
      for (const view of viewNames) remove(view);
      for (const picture of dup.pictures) {
        const view = slotOf(picture.role);
        if (view) void add(view, new File([picture.bytes.slice()], picture.name));
      }
      setPrompt(dup.text ?? '');
    },
    [choose, load, add, remove, setPrompt],
  );
}
