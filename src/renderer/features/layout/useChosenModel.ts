import { useCallback, useState } from 'react';
import { catalog, findModel, modelsOf, type CatalogModel } from '../../../shared/catalog';
import type { StudioApi } from '../../../shared/ipc';

/** Where a first start opens: Segmind's first model, the provider most artists begin with. */
export const firstModel: CatalogModel = modelsOf('segmind')[0] ?? (catalog[0] as CatalogModel);

/**
 * The model chosen in the header: the artist's pick, else the one saved in settings (once they
 * have arrived), else the first model. A pick made before the saved one arrives wins: the
 * artist's click is newer than the file. Every pick is saved.
 */
export function useChosenModel(studio: StudioApi, savedModelId: string | null | undefined) {
  const [picked, setPicked] = useState<CatalogModel | null>(null);
  const saved = savedModelId ? findModel(savedModelId) : undefined;
  const model = picked ?? saved ?? firstModel;

  const choose = useCallback(
    (id: string) => {
      const next = findModel(id);
      if (!next) return;
      setPicked(next);
      void studio.settings.set({ lastModelId: next.id }).catch(() => undefined);
    },
    [studio],
  );

  return { model, choose };
}
