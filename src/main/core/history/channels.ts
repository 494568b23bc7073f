/** The `library:*` channels (History). Being written: see the [D] issue. */
import { StudioError } from '../../../shared/errors';
import type { Handlers } from '../dispatch';
import type { Library } from '../library';
import type { Log } from '../log';
import type { JobEngine } from '../engine/engine';
import type { DesktopShell } from '../shell';

export type LibraryHandlers = Pick<Handlers, 'library:list' | 'library:get' | 'library:update' | 'library:rerun' | 'library:duplicate' | 'library:trash' | 'library:forget' | 'library:reveal' | 'library:set-thumbnail' | 'library:rebuild'>;

export interface LibraryChannelDeps {
  open: () => Promise<{ engine: JobEngine; library: Library }>;
  shell?: DesktopShell;
  log: Log;
  /** Tells the page an item changed. */
  changed: (id: string) => void;
}

export function createLibraryHandlers(deps: LibraryChannelDeps): LibraryHandlers {
  void deps;
  const later = () => {
    throw new StudioError('unavailable', 'History comes next.');
  };
  return {
    'library:list': later, 'library:get': later, 'library:update': later, 'library:rerun': later, 'library:duplicate': later,
    'library:trash': later, 'library:forget': later, 'library:reveal': later, 'library:set-thumbnail': later, 'library:rebuild': later,
  };
}
