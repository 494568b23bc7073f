import { useEffect, useState } from 'react';
import { useStudio } from '../../studio-context';

const said = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Where Studio keeps things: the library (moved by main, which asks for the folder) and the default
 * export folder (chosen in main too). Both act at once, not on Save.
 */
export function FoldersFieldset() {
  const studio = useStudio();
  const [library, setLibrary] = useState('');
  const [exportFolder, setExportFolder] = useState<string | null>(null);
  const [libraryNote, setLibraryNote] = useState('');
  const [exportNote, setExportNote] = useState('');
  const [moving, setMoving] = useState(false);

  useEffect(() => {
    void studio.library.location().then((l) => setLibrary(l.folder), () => undefined);
    void studio.export.folder().then((f) => setExportFolder(f.folder), () => undefined);
  }, [studio]);

  const move = async () => {
    setMoving(true);
    setLibraryNote('Moving the library… jobs pause and resume when it is done.');
    try {
      const moved = await studio.library.move();
      setLibrary(moved.folder);
      setLibraryNote(moved.message);
    } catch (error) {
      setLibraryNote(said(error));
    } finally {
      setMoving(false);
    }
  };
  const chooseExport = async () => {
    try {
      const chosen = await studio.export['choose-folder']();
      if (chosen.folder) setExportFolder(chosen.folder);
      setExportNote(chosen.folder ? 'Exports go here from now on.' : 'The export folder was not changed.');
    } catch (error) {
      setExportNote(said(error));
    }
  };

  return (
    <>
      <fieldset>
        <legend>Library</legend>
        <p className="hint">Where your jobs, their pictures and models are kept. Move… takes everything to another folder (an empty one); nothing is removed until it opens there.</p>
        <p className="folder" aria-label="Library folder">
          {library}
        </p>
        <div className="actions">
          <button type="button" disabled={moving} onClick={() => void move()}>
            Move…
          </button>
        </div>
        {libraryNote ? (
          <p className="hint" aria-live="polite">
            {libraryNote}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>Export</legend>
        <p className="hint">Where Export… saves models unless you choose another folder there.</p>
        <p className="folder" aria-label="Export folder">
          {exportFolder ?? 'Not chosen yet'}
        </p>
        <div className="actions">
          <button type="button" onClick={() => void chooseExport()}>
            Change export folder…
          </button>
        </div>
        {exportNote ? (
          <p className="hint" aria-live="polite">
            {exportNote}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
