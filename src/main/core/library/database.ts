/**
 * The library's index: `library.db` through node:sqlite. Small prepared statements only, each on an
 * index, because node:sqlite is synchronous and runs on the app's main thread.
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { jobStates, terminalJobStates, type JobState } from '../../../shared/jobs';
import { browseSql, cursorParams, encodeCursor, walkAboveMatches, wordsPageSql, type BrowseSql } from './browse';
import type { LibraryQuery } from '../../../shared/library';
import type { JobRecord } from './record';
import { cardOf, type JobCard } from './card';
import { migrate, searchColumns } from './migrations';
import { searchDoc } from './search';

export interface JournalEntry {
  at: number;
  event: string;
  state: string;
  detail: string | null;
}

/** A page of History: cards newest first, each with whether its folder was found gone. */
export interface BrowsePage {
  records: { card: JobCard; missing: boolean }[];
  nextCursor: string | null;
  total: number;
}

/** How far a copy of another database's journal and durations got (their last seq and id). */
export interface HistoryMark {
  journal: number;
  durations: number;
}

export interface DurationKey {
  provider: string;
  modelId: string;
  variant: string;
}

/** Enough history per key for a median that follows a provider getting faster or slower. */
const durationsKept = 200;

const sqliteCorrupt = 11;
const sqliteNotADatabase = 26;

/** True when SQLite says the file is damaged or is not a database at all. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  if (typeof code !== 'number') return false;
  const primary = code & 0xff;
  return primary === sqliteCorrupt || primary === sqliteNotADatabase;
}

/**
 * Moves a damaged database (and its WAL and shared-memory files, which belong to it and must not
 * be replayed into a fresh one) aside as `library.corrupt-<time>.db`; returns the new name.
 */
export function moveAside(file: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const aside = path.join(path.dirname(file), `library.corrupt-${stamp}.db`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

const unfinishedStates = jobStates.filter((s) => !(terminalJobStates as readonly JobState[]).includes(s));

export class JobIndex {
  private readonly db: DatabaseSync;
  private readonly getStmt: StatementSync;
  private readonly revisionStmt: StatementSync;
  private readonly putStmt: StatementSync;
  private readonly journalAddStmt: StatementSync;
  private readonly journalStmt: StatementSync;
  private readonly dropJobStmt: StatementSync;
  private readonly dropJournalStmt: StatementSync;
  private readonly idsStmt: StatementSync;
  private readonly listStmt: StatementSync;
  private readonly unfinishedStmt: StatementSync;
  private readonly durationAddStmt: StatementSync;
  private readonly durationPruneStmt: StatementSync;
  private readonly durationsStmt: StatementSync;
  private readonly searchPutStmt: StatementSync;
  private readonly searchDropStmt: StatementSync;
  private readonly missingSetStmt: StatementSync;
  private readonly missingStmt: StatementSync;
  private readonly pageRowsStmt: StatementSync;
  /** Prepared History queries by their SQL: the filters a session uses are few. */
  private readonly browseStmts = new Map<string, StatementSync>();

  /** Opens (creating and migrating) the database; throws SQLite's error if the file is damaged. */
  constructor(readonly file: string) {
    const db = new DatabaseSync(file);
    this.db = db;
    try {
      db.exec('PRAGMA journal_mode = WAL');
      // NORMAL does not fsync each commit (which would stall the main thread); the fsynced job.json
      // is the truth and repairs a row lost to power failure on the next open.
      db.exec('PRAGMA synchronous = NORMAL');
      // 16 MiB of page cache (SQLite's default is 2 MiB): a search reaches FTS, `search` and `jobs`
      // pages all over a 10 000-job file, and re-reading them from the OS cost a quarter of a search.
      db.exec('PRAGMA cache_size = -16000');
      migrate(db);
      this.getStmt = db.prepare('SELECT record FROM jobs WHERE id = ?');
      this.revisionStmt = db.prepare('SELECT revision FROM jobs WHERE id = ?');
      this.putStmt = db.prepare(
        `INSERT INTO jobs (id, provider, model_id, state, created_at, updated_at, finished_at, revision, record, card, favourite, missing)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, model_id = excluded.model_id,
           state = excluded.state, created_at = excluded.created_at, updated_at = excluded.updated_at,
           finished_at = excluded.finished_at, revision = excluded.revision, record = excluded.record, card = excluded.card,
           favourite = excluded.favourite, missing = 0`,
      );
      // Most updates are the engine's and change no searchable word: the WHERE keeps FTS5 untouched.
      // created_at rides along (it never changes) so a words-only page is found in `search` alone.
      const columns = ['created_at', ...searchColumns.split(', ')];
      this.searchPutStmt = db.prepare(
        `INSERT INTO search (job_id, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})
         ON CONFLICT (job_id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}
         WHERE ${columns.map((c) => `${c} IS NOT excluded.${c}`).join(' OR ')}`,
      );
      this.searchDropStmt = db.prepare('DELETE FROM search WHERE job_id = ?');
      this.missingSetStmt = db.prepare('UPDATE jobs SET missing = ? WHERE id = ?');
      this.missingStmt = db.prepare('SELECT missing FROM jobs WHERE id = ?');
      // One statement for a page's rows: 50 single-row lookups cost twice as much.
      this.pageRowsStmt = db.prepare('SELECT id, card, missing FROM jobs WHERE id IN (SELECT value FROM json_each(?))');
      this.journalAddStmt = db.prepare('INSERT INTO journal (job_id, at, event, state, detail) VALUES (?, ?, ?, ?, ?)');
      this.journalStmt = db.prepare('SELECT at, event, state, detail FROM journal WHERE job_id = ? ORDER BY seq');
      this.dropJobStmt = db.prepare('DELETE FROM jobs WHERE id = ?');
      this.dropJournalStmt = db.prepare('DELETE FROM journal WHERE job_id = ?');
      this.idsStmt = db.prepare('SELECT id FROM jobs');
      this.listStmt = db.prepare('SELECT record FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?');
      this.unfinishedStmt = db.prepare(`SELECT record FROM jobs WHERE missing = 0 AND state IN (${unfinishedStates.map(() => '?').join(', ')}) ORDER BY created_at, rowid`);
      this.durationAddStmt = db.prepare('INSERT INTO durations (provider, model_id, variant, seconds, at) VALUES (?, ?, ?, ?, ?)');
      this.durationPruneStmt = db.prepare(
        `DELETE FROM durations WHERE provider = ? AND model_id = ? AND variant = ? AND id <= (
           SELECT id FROM durations WHERE provider = ? AND model_id = ? AND variant = ? ORDER BY id DESC LIMIT 1 OFFSET ${durationsKept})`,
      );
      this.durationsStmt = db.prepare('SELECT seconds FROM durations WHERE provider = ? AND model_id = ? AND variant = ? ORDER BY id DESC LIMIT ?');
    } catch (error) {
      db.close();
      throw error;
    }
  }

  get(id: string): JobRecord | undefined {
    const row = this.getStmt.get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as JobRecord) : undefined;
  }

  revisionOf(id: string): number | undefined {
    const row = this.revisionStmt.get(id) as { revision: number } | undefined;
    return row ? Number(row.revision) : undefined;
  }

  /** Writes the row and its journal entries (none, one, or ones a failed write still owed) in one transaction. */
  put(record: JobRecord, entries: JournalEntry | readonly JournalEntry[] | null): void {
    const list = entries === null ? [] : Array.isArray(entries) ? entries : [entries as JournalEntry];
    this.transaction(() => {
      this.putStmt.run(record.id, record.provider, record.modelId, record.state, record.createdAt, record.updatedAt, record.finishedAt, record.revision, JSON.stringify(record), JSON.stringify(cardOf(record)), record.favourite ? 1 : 0);
      const doc = searchDoc(record);
      this.searchPutStmt.run(record.id, record.createdAt, doc.prompt, doc.names, doc.model, doc.provider, doc.tags, doc.note);
      for (const entry of list) this.journalAddStmt.run(record.id, entry.at, entry.event, entry.state, entry.detail);
    });
  }

  drop(id: string): void {
    this.transaction(() => {
      this.dropJobStmt.run(id);
      this.dropJournalStmt.run(id);
      this.searchDropStmt.run(id);
    });
  }

  ids(): string[] {
    return (this.idsStmt.all() as { id: string }[]).map((r) => r.id);
  }

  list(limit: number): JobRecord[] {
    return (this.listStmt.all(limit) as { record: string }[]).map((r) => JSON.parse(r.record) as JobRecord);
  }

  /**
   * History's page: filters, words, newest first from the cursor on, and how many match in all.
   * The page's ids come first (sorting (created_at, id) pairs, not rows), then only those rows'
   * cards are read.
   */
  browse(query: LibraryQuery): BrowsePage {
    const sql = browseSql(query);
    if (sql.wordsOnly) return this.browseWords(sql, sql.wordsOnly);
    const ids = this.statement(`SELECT id FROM jobs ${sql.pageWhere} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...sql.pageParams, sql.limit + 1) as { id: string }[];
    const page = this.page(ids, sql.limit);
    return { ...page, total: this.count(sql, query, page.records.length, page.nextCursor !== null) };
  }

  /**
   * Words alone: every row of `search` belongs to one job (they are written and dropped together),
   * so FTS5's count of matches is the total, and it chooses how the page is found.
   */
  private browseWords(sql: BrowseSql, words: NonNullable<BrowseSql['wordsOnly']>): BrowsePage {
    const total = Number((this.statement('SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?').get(words.match) as { n: number }).n);
    if (total === 0) return { records: [], nextCursor: null, total };
    const cursor = words.cursor ? cursorParams(words.cursor) : [];
    const ids = this.statement(wordsPageSql(total > walkAboveMatches ? 'many' : 'few', words.cursor !== null)).all(words.match, ...cursor, sql.limit + 1) as { id: string }[];
    return { ...this.page(ids, sql.limit), total };
  }

  /** The cards of a page of ids (newest first), read in one statement, and the next page's cursor. */
  private page(ids: readonly { id: string }[], limit: number): Omit<BrowsePage, 'total'> {
    const shown = ids.slice(0, limit);
    const rows = this.pageRowsStmt.all(JSON.stringify(shown.map((r) => r.id))) as { id: string; card: string; missing: number }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const records: BrowsePage['records'] = [];
    for (const { id } of shown) {
      const row = byId.get(id);
      if (row) records.push({ card: JSON.parse(row.card) as JobCard, missing: row.missing === 1 });
    }
    const last = records.at(-1)?.card;
    return { records, nextCursor: ids.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
  }

  /** How many jobs match in all; a first page that holds every match already says. */
  private count(sql: BrowseSql, query: LibraryQuery, onPage: number, more: boolean): number {
    if (!query.cursor && !more) return onPage;
    return Number((this.statement(`SELECT count(*) AS n FROM jobs ${sql.countWhere}`).get(...sql.countParams) as { n: number }).n);
  }

  setMissing(id: string, missing: boolean): void {
    this.missingSetStmt.run(missing ? 1 : 0, id);
  }

  isMissing(id: string): boolean {
    return (this.missingStmt.get(id) as { missing: number } | undefined)?.missing === 1;
  }

  /**
   * Copies the journal and learned durations from another library.db (a rebuild keeps them), those
   * after `since` only; returns where the copy ended, for a later copy of what came after.
   */
  copyHistoryFrom(file: string, since: HistoryMark = { journal: 0, durations: 0 }): HistoryMark {
    this.db.exec(`ATTACH DATABASE ${quote(file)} AS previous`);
    try {
      let mark = since;
      this.transaction(() => {
        this.db.prepare('INSERT INTO journal (job_id, at, event, state, detail) SELECT job_id, at, event, state, detail FROM previous.journal WHERE seq > ? ORDER BY seq').run(since.journal);
        this.db.prepare('INSERT INTO durations (provider, model_id, variant, seconds, at) SELECT provider, model_id, variant, seconds, at FROM previous.durations WHERE id > ? ORDER BY id').run(since.durations);
        const ends = this.db.prepare('SELECT (SELECT coalesce(max(seq), 0) FROM previous.journal) AS j, (SELECT coalesce(max(id), 0) FROM previous.durations) AS d').get() as { j: number; d: number };
        mark = { journal: Number(ends.j), durations: Number(ends.d) };
      });
      return mark;
    } finally {
      this.db.exec('DETACH DATABASE previous');
    }
  }

  /** Drops journal entries of jobs that have no row (after a copy from a previous database). */
  pruneJournal(): void {
    this.db.exec('DELETE FROM journal WHERE job_id NOT IN (SELECT id FROM jobs)');
  }

  unfinished(): JobRecord[] {
    return (this.unfinishedStmt.all(...unfinishedStates) as { record: string }[]).map((r) => JSON.parse(r.record) as JobRecord);
  }

  journal(id: string): JournalEntry[] {
    return (this.journalStmt.all(id) as unknown as JournalEntry[]).map((r) => ({ at: Number(r.at), event: r.event, state: r.state, detail: r.detail }));
  }

  addDuration(key: DurationKey, seconds: number, at: number): void {
    this.transaction(() => {
      this.durationAddStmt.run(key.provider, key.modelId, key.variant, seconds, at);
      this.durationPruneStmt.run(key.provider, key.modelId, key.variant, key.provider, key.modelId, key.variant);
    });
  }

  durations(key: DurationKey, limit: number): number[] {
    return (this.durationsStmt.all(key.provider, key.modelId, key.variant, limit) as { seconds: number }[]).map((r) => r.seconds);
  }

  integrityCheck(): string {
    return (this.db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check).join('\n');
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private statement(sql: string): StatementSync {
    let stmt = this.browseStmts.get(sql);
    if (!stmt) {
      if (this.browseStmts.size >= 64) this.browseStmts.clear();
      stmt = this.db.prepare(sql);
      this.browseStmts.set(sql, stmt);
    }
    return stmt;
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
