import { useCallback, useEffect, useRef, useState } from 'react';
import { catalog, findModel, modelsOf, type CatalogModel } from '../../../shared/catalog';
import type { StudioApi } from '../../../shared/ipc';

/** Where a first start opens: Segmind's first model, the provider most artists begin with. */
export const firstModel: CatalogModel = modelsOf('segmind')[0] ?? (catalog[0] as CatalogModel);

/**
 * The model chosen in the header, restored from settings on start and saved on every change.
 * Takes the API as an argument because App renders the StudioProvider itself.
 */
export function useChosenModel(studio: StudioApi) {
  const [model, setModel] = useState<CatalogModel>(firstModel);
  // A choice made before the saved one arrives wins: the artist's click is newer than the file.
  const chosenByHand = useRef(false);

  useEffect(() => {
    let live = true;
    studio.settings
      .get()
      .then((s) => {
        const saved = s.lastModelId ? findModel(s.lastModelId) : undefined;
        if (live && saved && !chosenByHand.current) setModel(saved);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [studio]);

  const choose = useCallback(
    (id: string) => {
      const next = findModel(id);
      if (!next) return;
      chosenByHand.current = true;
      setModel(next);
      void studio.settings.set({ lastModelId: next.id }).catch(() => undefined);
    },
    [studio],
  );

  return { model, choose };
}
