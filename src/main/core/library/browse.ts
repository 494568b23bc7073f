/**
 * History's query as SQL: filters on indexed columns, full-text words through FTS5, and keyset
 * paging by (created_at, id) — a page costs the same at job 10 000 as at job 10, where OFFSET would
 * walk every row before it. The cursor is opaque to the page and checked when it comes back.
 */
import { StudioError } from '../../../shared/errors';
import { jobIdSchema } from '../../../shared/jobs';
import type { LibraryQuery } from '../../../shared/library';
import { ftsQuery } from './search';

export type SqlValue = string | number;

export interface BrowseSql {
  /** `WHERE …` for the page (with the cursor) and for the total (without it). */
  pageWhere: string;
  pageParams: SqlValue[];
  countWhere: string;
  countParams: SqlValue[];
  /**
   * Set when the only term is the full-text match: such a page is read from the `search` table,
   * which carries each job's created_at, without touching `jobs` until the page's own rows.
   */
  wordsOnly: { match: string; cursor: Cursor | null } | null;
  limit: number;
}

export const defaultPageSize = 50;

export interface Cursor {
  createdAt: number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

const staleCursor = () => new StudioError('invalid-input', 'That page of History is out of date; scroll back to the top to see it again.');

export function decodeCursor(text: string): Cursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw staleCursor();
  }
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || !Number.isFinite(value[0]) || !jobIdSchema.safeParse(value[1]).success) throw staleCursor();
  return { createdAt: value[0], id: value[1] as string };
}

/** After the cursor in (created_at DESC, id DESC) order; `id` is the job id's column. */
const afterCursor = (id: string) => `(created_at < ? OR (created_at = ? AND ${id} < ?))`;
/** afterCursor's parameters. */
export const cursorParams = (cursor: Cursor): SqlValue[] => [cursor.createdAt, cursor.createdAt, cursor.id];

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function browseSql(query: LibraryQuery): BrowseSql {
  const terms: string[] = [];
  const params: SqlValue[] = [];
  if (query.providers?.length) {
    terms.push(`provider IN (${marks(query.providers.length)})`);
    params.push(...query.providers);
  }
  if (query.modelIds?.length) {
    terms.push(`model_id IN (${marks(query.modelIds.length)})`);
    params.push(...query.modelIds);
  }
  if (query.states?.length) {
    terms.push(`state IN (${marks(query.states.length)})`);
    params.push(...query.states);
  }
  if (query.favourite !== undefined) {
    terms.push('favourite = ?');
    params.push(query.favourite ? 1 : 0);
  }
  if (query.from !== undefined) {
    terms.push('created_at >= ?');
    params.push(query.from);
  }
  if (query.to !== undefined) {
    terms.push('created_at < ?');
    params.push(query.to);
  }
  const match = query.text === undefined ? null : ftsQuery(query.text);
  if (match !== null) {
    terms.push('id IN (SELECT job_id FROM search WHERE doc IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?))');
    params.push(match);
  }
  const countWhere = terms.length ? `WHERE ${terms.join(' AND ')}` : '';
  const pageTerms = [...terms];
  const pageParams = [...params];
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (cursor) {
    pageTerms.push(afterCursor('id'));
    pageParams.push(...cursorParams(cursor));
  }
  return {
    pageWhere: pageTerms.length ? `WHERE ${pageTerms.join(' AND ')}` : '',
    pageParams,
    countWhere,
    countParams: params,
    wordsOnly: match !== null && terms.length === 1 ? { match, cursor } : null,
    limit: query.limit ?? defaultPageSize,
  };
}

/** How a words-only page finds its jobs; `few` and `many` differ only in how SQLite gets there. */
export type WordsPlan = 'few' | 'many';

/**
 * Above this many matches, walking the (created_at, job_id) index newest first and keeping the
 * matches is cheaper than sorting them all: a word in every job ("hunyuan3d") sorted 10 000
 * matches in 17 ms; the walk stops after a page of them (~1 ms). Below it the sort of a few hundred
 * is ~0.1 ms while the walk may pass thousands of non-matching jobs. Measured on 10 000 jobs.
 */
export const walkAboveMatches = 1500;

/** The page's job ids, newest first, for a words-only query; parameters: match, [cursorParams], limit. */
export function wordsPageSql(plan: WordsPlan, withCursor: boolean): string {
  // INDEXED BY / NOT INDEXED pin the plan: the planner cannot know how many rows MATCH yields.
  const from = plan === 'many' ? 'search INDEXED BY search_page' : 'search NOT INDEXED';
  const after = withCursor ? ` AND ${afterCursor('job_id')}` : '';
  return `SELECT job_id AS id FROM ${from} WHERE doc IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)${after} ORDER BY created_at DESC, job_id DESC LIMIT ?`;
}
