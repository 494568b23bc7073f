/** The `export:*` channels. Being written: see the [D] issue. */
import { StudioError } from '../../../shared/errors';
import type { Handlers } from '../dispatch';
import type { Library } from '../library';
import type { Log } from '../log';
import type { DesktopShell } from '../shell';

export type ExportHandlers = Pick<Handlers, 'export:formats' | 'export:folder' | 'export:choose-folder' | 'export:run' | 'export:reveal'>;

export interface ExportChannelDeps {
  library: () => Promise<Library>;
  shell?: DesktopShell;
  log: Log;
  /** Where exports go until the artist chooses (the harness's --export-dir). */
  defaultFolder?: string;
  /** Main-only memory of the chosen folder (`<dataDir>/export.json`): the page can never set it. */
  dataDir: string;
}

export function createExportHandlers(deps: ExportChannelDeps): ExportHandlers {
  void deps;
  const later = () => {
    throw new StudioError('unavailable', 'Export comes next.');
  };
  return { 'export:formats': later, 'export:folder': later, 'export:choose-folder': later, 'export:run': later, 'export:reveal': later };
}
