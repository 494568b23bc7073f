/** The job library's public face: open it, and the shapes it stores. */
export { openLibrary, type Library, type LibraryOptions } from './library';
export type { JobRecord, MutableJobFields, NewJob, NewJobInput, StoredInput, StoredOutput } from './record';
export type { DurationKey, JournalEntry } from './database';
export type { JobCard } from './card';
export type { JobArea } from './confined-read';
export type { RepairReport } from './repair';
