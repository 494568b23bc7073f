/**
 * The files of a drop, folders opened: a dropped folder gives the pictures directly inside it
 * (not its subfolders), read through the browser's entry API. Bounded, so a drop of a huge
 * folder neither lists it whole nor hands on more than a batch can take.
 */
const PICTURE_NAME = /\.(png|jpe?g|jpe|jfif|webp|gif|bmp|dib|tiff?|avif|heic|heif|hif)$/i;

/** More entries than this in one drop are not even listed. */
const maxEntries = 1000;

export interface DroppedFiles {
  files: File[];
  /** Folders were opened: a folder's other files (text, models) are left out, so say nothing of them. */
  fromFolder: boolean;
}

/** Must be called during the drop event: the entries are gone once it returns. */
export function entriesOf(data: DataTransfer | null): FileSystemEntry[] | null {
  const items = data?.items;
  if (!items || typeof DataTransferItem === 'undefined' || !('webkitGetAsEntry' in DataTransferItem.prototype)) return null;
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry) entries.push(entry);
  }
  return entries.some((e) => e.isDirectory) ? entries : null;
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

function readSome(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function picturesIn(folder: FileSystemDirectoryEntry, room: number): Promise<FileSystemFileEntry[]> {
  const reader = folder.createReader();
  const found: FileSystemFileEntry[] = [];
  let listed = 0;
  // readEntries answers in pieces (100 in Chromium) until it answers none.
  for (let some = await readSome(reader); some.length > 0 && listed < maxEntries; some = await readSome(reader)) {
    listed += some.length;
    for (const e of some) if (e.isFile && PICTURE_NAME.test(e.name) && found.length < room) found.push(e as FileSystemFileEntry);
  }
  // Folders list in no fixed order; by name is what the artist sees in their file manager.
  return found.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

/** Files dropped loose stay as they are (the sniff and main judge them); folders give their pictures. */
export async function filesOf(entries: FileSystemEntry[], room: number): Promise<DroppedFiles> {
  const out: File[] = [];
  for (const entry of entries) {
    if (out.length >= room) break;
    try {
      if (entry.isDirectory) {
        for (const picture of await picturesIn(entry as FileSystemDirectoryEntry, room + 1 - out.length)) out.push(await fileOf(picture));
      } else if (entry.isFile) {
        out.push(await fileOf(entry as FileSystemFileEntry));
      }
    } catch {
      // An unreadable entry (gone, no permission) is skipped; the rest still arrive.
    }
  }
  return { files: out, fromFolder: true };
}
