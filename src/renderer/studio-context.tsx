import { createContext, useContext } from 'react';
import type { StudioApi } from '../shared/ipc';

const StudioContext = createContext<StudioApi | null>(null);

export const StudioProvider = StudioContext.Provider;

/** The `window.studio` API, passed down so components can be tested with a real core behind it. */
export function useStudio(): StudioApi {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio needs a StudioProvider');
  return studio;
}
