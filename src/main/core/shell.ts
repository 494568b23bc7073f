/**
 * What the core asks of the desktop, without importing Electron: the app passes Electron's shell and
 * dialogs, the harness and tests pass their own (the harness's "choose folder" answers --export-dir).
 */
export interface DesktopShell {
  /** Moves a file or folder to the system trash (Electron's `shell.trashItem`). */
  trash(fullPath: string): Promise<void>;
  /** Shows a file or folder in the system's file manager. */
  reveal(fullPath: string): void;
  /** Asks the artist for a folder (a native dialog); null when they cancel. */
  chooseFolder(title: string, defaultPath?: string): Promise<string | null>;
  /** Asks the artist for one file (a native dialog); null when they cancel. Absent where there is no dialog. */
  chooseFile?(title: string, filters: { name: string; extensions: string[] }[]): Promise<string | null>;
}
