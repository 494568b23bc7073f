/**
 * The database's shape over time. Migration N brings a database at `user_version` N-1 to N, inside
 * one transaction with the version bump, so a crash mid-migration leaves the old version intact.
 * Never edit a released migration: add the next one.
 */
import type { DatabaseSync } from 'node:sqlite';

export const migrations: readonly string[] = [
  // 1: jobs (indexed columns + the record's JSON) and their state journal.
  `CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     provider TEXT NOT NULL,
     model_id TEXT NOT NULL,
     state TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     revision INTEGER NOT NULL,
     record TEXT NOT NULL
   );
   CREATE INDEX jobs_created ON jobs (created_at);
   CREATE TABLE journal (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     job_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     event TEXT NOT NULL,
     state TEXT NOT NULL,
     detail TEXT
   );
   CREATE INDEX journal_job ON journal (job_id, seq);`,
  // 2: finished time and a state index for the engine's "what is still running" on start, and
  // learned durations per provider + model + variant for the ETA.
  `ALTER TABLE jobs ADD COLUMN finished_at INTEGER;
   UPDATE jobs SET finished_at = json_extract(record, '$.finishedAt');
   CREATE INDEX jobs_state ON jobs (state);
   CREATE TABLE durations (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     provider TEXT NOT NULL,
     model_id TEXT NOT NULL,
     variant TEXT NOT NULL,
     seconds REAL NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX durations_key ON durations (provider, model_id, variant, id);`,
];

export const schemaVersion = migrations.length;

/** Thrown when the database was written by a newer app: migrating down is not possible. */
export class NewerLibraryError extends Error {}

/** Brings `db` to `schemaVersion`; returns the version it found. */
export function migrate(db: DatabaseSync): number {
  const found = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  if (found > schemaVersion) {
    throw new NewerLibraryError(`The job library was written by a newer version of Hunyuan3D Studio (library version ${found}, this app knows ${schemaVersion}). Update the app to open it.`);
  }
  for (let version = found + 1; version <= schemaVersion; version += 1) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migrations[version - 1]!);
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return found;
}
