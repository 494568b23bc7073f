/**
 * The database's shape over time. Migration N brings a database at `user_version` N-1 to N, inside
 * one transaction with the version bump, so a crash mid-migration leaves the old version intact.
 * Never edit a released migration: add the next one.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { JobRecord } from './record';
import { searchDoc } from './search';
import { cardOf } from './card';

/** Every job's row; records were written by the schema of their time, so fields added since read as their defaults. */
const jobRows = (db: DatabaseSync) => db.prepare('SELECT id, record FROM jobs').iterate() as Iterable<{ id: string; record: string }>;
const storedRecord = (json: string) => ({ tags: [], note: '', favourite: false, resultThumbnail: false, ...(JSON.parse(json) as Partial<JobRecord>) }) as JobRecord;

/** SQL, or a step that needs code (filling a new table from the records' JSON). */
type Migration = string | ((db: DatabaseSync) => void);

/** The FTS5 table follows `search` through triggers (SQLite's external-content pattern). */
export const searchColumns = 'prompt, names, model, provider, tags, note';
const newValues = searchColumns.split(', ').map((c) => `new.${c}`).join(', ');
const oldValues = searchColumns.split(', ').map((c) => `old.${c}`).join(', ');

// History: the artist's favourite as a column to filter on; jobs whose folder went away behind
// the app's back (kept, so History can say so); a (created_at, id) index for keyset paging; and
// full-text search. `search` has an INTEGER PRIMARY KEY so its rowids, which FTS5 points at, never
// move (a VACUUM may renumber the implicit rowids of `jobs`).
const historySchema = `ALTER TABLE jobs ADD COLUMN favourite INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE jobs ADD COLUMN missing INTEGER NOT NULL DEFAULT 0;
   UPDATE jobs SET favourite = coalesce(json_extract(record, '$.favourite'), 0);
   CREATE INDEX jobs_page ON jobs (created_at, id);
   CREATE TABLE search (
     doc INTEGER PRIMARY KEY,
     job_id TEXT NOT NULL UNIQUE,
     prompt TEXT NOT NULL, names TEXT NOT NULL, model TEXT NOT NULL, provider TEXT NOT NULL, tags TEXT NOT NULL, note TEXT NOT NULL
   );
   CREATE VIRTUAL TABLE search_fts USING fts5(${searchColumns}, content = 'search', content_rowid = 'doc',
     tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
   CREATE TRIGGER search_added AFTER INSERT ON search BEGIN
     INSERT INTO search_fts (rowid, ${searchColumns}) VALUES (new.doc, ${newValues});
   END;
   CREATE TRIGGER search_removed AFTER DELETE ON search BEGIN
     INSERT INTO search_fts (search_fts, rowid, ${searchColumns}) VALUES ('delete', old.doc, ${oldValues});
   END;
   CREATE TRIGGER search_changed AFTER UPDATE ON search BEGIN
     INSERT INTO search_fts (search_fts, rowid, ${searchColumns}) VALUES ('delete', old.doc, ${oldValues});
     INSERT INTO search_fts (rowid, ${searchColumns}) VALUES (new.doc, ${newValues});
   END;`;

export const migrations: readonly Migration[] = [
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
  // 3: History (see historySchema), filled from the records.
  (db) => {
    db.exec(historySchema);
    const insert = db.prepare(`INSERT INTO search (job_id, ${searchColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const { id, record } of jobRows(db)) {
      const doc = searchDoc(storedRecord(record));
      insert.run(id, doc.prompt, doc.names, doc.model, doc.provider, doc.tags, doc.note);
    }
  },
  // 4: History's pages read less. Each job's created_at beside its words, indexed as pages are
  // ordered, so a search sorts (or walks) `search` alone; and each job's card (card.ts), so a page
  // parses what its cards show and not whole records.
  (db) => {
    db.exec(`ALTER TABLE search ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
      UPDATE search SET created_at = coalesce((SELECT created_at FROM jobs WHERE jobs.id = search.job_id), 0);
      CREATE INDEX search_page ON search (created_at, job_id);
      ALTER TABLE jobs ADD COLUMN card TEXT NOT NULL DEFAULT '{}';`);
    const write = db.prepare('UPDATE jobs SET card = ? WHERE id = ?');
    for (const { id, record } of jobRows(db)) write.run(JSON.stringify(cardOf(storedRecord(record))), id);
  },
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
      const step = migrations[version - 1]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return found;
}
