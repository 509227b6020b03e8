/**
 * Finding records: the records list's filters (words in title/abstract through FTS5, source,
 * import, duplicate status, prior label, not in a given group), keyset paging by arrival order or
 * by relevance (bm25), and the facets the filter menus offer. Parsing is pure; the rest is the
 * repository for these reads.
 */
import type { DB } from '../db/database';
import { badRequest } from '../errors';
import { selectRecordsByIds, toStoredRecord, type StoredRecord } from './repo';
import { catchUpIndex } from './fts';

/** Which records the duplicate filter keeps. */
export type DuplicateFilter = 'all' | 'only' | 'exclude';

/** The records list's filters, validated. */
export interface RecordFilters {
  /** an FTS5 MATCH expression built by `ftsQueries`, or null */
  match: string | null;
  /** a search that only leaves words out: records matching this FTS5 expression are dropped */
  exclude: string | null;
  source: string | null;
  importId: string | null;
  duplicates: DuplicateFilter;
  /** a prior label: tool and (optionally) its normalised label */
  label: { tool: string; label: 'include' | 'exclude' | 'maybe' | null } | null;
  /** leave out this primary record and every record linked to it (the merge form's candidates) */
  notInGroup: string | null;
  /** the words and phrases searched for, as FTS5 sees them (punctuation dropped) */
  words: string[];
  /** the same, as clauses (all needed; any term of one will do) and the terms left out */
  plan: SearchPlan;
  /** text was typed but had no letters or digits, so it does not filter */
  searchIgnored: boolean;
}

/** The order of the records list: arrival (the default; keyset by seq) or bm25 relevance. */
export type RecordSort = 'arrival' | 'relevance';

/** A record as the records pages show it: the stored record plus its review state. */
export interface ListedRecord extends StoredRecord {
  duplicateConfirmedAt: string | null;
  duplicateConfirmedBy: { id: string; name: string } | null;
  /** how many records are linked to this one as its duplicates */
  duplicateCount: number;
}

const MAX_Q = 500;
const MAX_TERMS = 32;
const LABEL = /^([a-z0-9_-]{1,40})(?::(include|exclude|maybe))?$/;

/**
 * A search as people type it: words and "quoted phrases" that must all appear, OR between two of
 * them for either, and -word or NOT word to leave records with that word out (PubMed's and most
 * databases' conventions; only upper-case OR/AND/NOT are operators, so "not" can still be searched).
 */
export interface SearchPlan {
  /** every clause must match; a clause is one or more terms, any of which will do */
  clauses: string[][];
  /** records with any of these terms are left out */
  excluded: string[];
}

/** The letters and digits of one typed term, as FTS5 indexes them, or '' for punctuation alone. */
const termOf = (text: string) => (text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).join(' ');

/** Reads a typed search into clauses and exclusions; 400 when it has too many terms. */
export function searchPlan(q: string): SearchPlan {
  const plan: SearchPlan = { clauses: [], excluded: [] };
  let or = false;
  let not = false;
  for (const m of q.normalize('NFKC').matchAll(/"([^"]*)"|(\S+)/g)) {
    const quoted = m[1] !== undefined;
    const raw = m[1] ?? m[2]!;
    if (!quoted && (raw === 'OR' || raw === '|')) {
      or = plan.clauses.length > 0;
      continue;
    }
    if (!quoted && raw === 'AND') continue;
    if (!quoted && raw === 'NOT') {
      not = true;
      continue;
    }
    const negated = not || (!quoted && raw.length > 1 && raw.startsWith('-'));
    const term = termOf(negated && !quoted && raw.startsWith('-') ? raw.slice(1) : raw);
    not = false;
    if (!term) continue;
    if (negated) plan.excluded.push(term);
    else if (or) plan.clauses[plan.clauses.length - 1]!.push(term);
    else plan.clauses.push([term]);
    or = false;
  }
  if (plan.clauses.flat().length + plan.excluded.length > MAX_TERMS) throw badRequest(`Search for at most ${MAX_TERMS} words at a time.`, { q: 'too many words' }, 'bad_query');
  return plan;
}

/**
 * One term as a safe FTS5 phrase: its letters and digits quoted, with a prefix star. A phrase
 * ending in a single letter gets no star: "C++" searches the word "c", not every word starting
 * with c (which matched nearly every record).
 */
const phrase = (w: string) => `"${w.replace(/"/g, '""')}"${/(^|\s)\S$/u.test(w) ? '' : '*'}`;

/** The FTS5 expression for any of a list of terms. */
const anyOf = (terms: string[]) => (terms.length === 1 ? phrase(terms[0]!) : `(${terms.map(phrase).join(' OR ')})`);

/**
 * Turns a read search into safe FTS5 expressions: `match` for what must be there (with its
 * exclusions), or `exclude` alone when the search only leaves words out. Operators and column
 * filters typed by the user never reach FTS5 as typed, so nothing typed can be a syntax error.
 */
export function ftsQueries(plan: SearchPlan): { match: string | null; exclude: string | null } {
  const without = plan.excluded.length ? anyOf(plan.excluded) : null;
  if (!plan.clauses.length) return { match: null, exclude: without };
  const must = plan.clauses.map(anyOf).join(' AND ');
  return { match: without ? `(${must}) NOT ${without}` : must, exclude: null };
}

/** Reads and checks the list filters from the query string; 400 for values it does not know. */
export function parseRecordFilters(query: (name: string) => string | undefined): RecordFilters {
  const q = query('q')?.trim() ?? '';
  if (q.length > MAX_Q) throw badRequest(`The search is too long (${MAX_Q} characters at most).`, { q: 'too long' }, 'bad_query');
  const dup = query('duplicates') || 'all';
  if (dup !== 'all' && dup !== 'only' && dup !== 'exclude') {
    throw badRequest("duplicates must be 'only', 'exclude' or 'all'.", { duplicates: 'unknown value' }, 'bad_filter');
  }
  let label: RecordFilters['label'] = null;
  const rawLabel = query('label');
  if (rawLabel) {
    const m = LABEL.exec(rawLabel.trim().toLowerCase());
    if (!m) throw badRequest("label must look like 'rayyan:include' (tool, then include, exclude or maybe).", { label: 'unknown value' }, 'bad_filter');
    label = { tool: m[1]!, label: (m[2] as 'include' | 'exclude' | 'maybe' | undefined) ?? null };
  }
  const plan = q ? searchPlan(q) : { clauses: [], excluded: [] };
  const { match, exclude } = ftsQueries(plan);
  return {
    match, exclude, source: query('source') || null, importId: query('import') || null, duplicates: dup, label,
    notInGroup: query('notInGroup') || null, words: plan.clauses.flat(), plan, searchIgnored: !!q && !match && !exclude,
  };
}

/** Reads `sort` ('arrival', the default, or 'relevance'); 400 for anything else. */
export function parseSort(raw: string | undefined): RecordSort {
  if (!raw || raw === 'arrival') return 'arrival';
  if (raw === 'relevance') return 'relevance';
  throw badRequest("sort must be 'arrival' or 'relevance'.", { sort: 'unknown value' }, 'bad_filter');
}

/** A whole number from the query within [min, max], the fallback when absent; 400 otherwise. */
export function queryInt(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw badRequest(`${name} must be a whole number from ${min} to ${max}.`, { [name]: 'out of range' }, 'bad_filter');
  return n;
}

/** 400 when a filter names a source or import this project does not have. */
export function checkFilterTargets(db: DB, pid: string, f: RecordFilters): void {
  if (f.source && !db.prepare('SELECT 1 FROM imports WHERE project_id = ? AND source = ?').get(pid, f.source)) {
    throw badRequest(`No import in this project came from "${f.source}".`, { source: 'unknown source' }, 'bad_filter');
  }
  if (f.importId && !db.prepare('SELECT 1 FROM imports WHERE project_id = ? AND id = ?').get(pid, f.importId)) {
    throw badRequest('There is no such import in this project.', { import: 'unknown import' }, 'bad_filter');
  }
}

/** The WHERE clause (records r joined to imports i) and its parameters for a project's filters. */
function whereOf(db: DB, pid: string, f: RecordFilters, withMatch = true): { sql: string; params: unknown[] } {
  const conds = ['r.project_id = ?'];
  const params: unknown[] = [pid];
  if (f.match && withMatch) {
    catchUpIndex(db); // records from an import that just committed may not be indexed yet
    conds.push('r.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)');
    params.push(f.match);
  }
  if (f.exclude) {
    catchUpIndex(db);
    conds.push('r.rowid NOT IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)');
    params.push(f.exclude);
  }
  if (f.source) {
    conds.push('i.source = ?');
    params.push(f.source);
  }
  if (f.importId) {
    conds.push('r.import_id = ?');
    params.push(f.importId);
  }
  if (f.duplicates === 'only') conds.push('r.duplicate_of IS NOT NULL');
  if (f.duplicates === 'exclude') conds.push('r.duplicate_of IS NULL');
  if (f.notInGroup) {
    conds.push('r.id != ? AND (r.duplicate_of IS NULL OR r.duplicate_of != ?)');
    params.push(f.notInGroup, f.notInGroup);
  }
  if (f.label) {
    // A label read from a file whose record turned out to be a duplicate (a Rayyan export imported
    // after the database searches) belongs to the record kept for screening too.
    const match = `json_extract(j.value, '$.tool') = ?${f.label.label ? " AND json_extract(j.value, '$.label') = ?" : ''}`;
    conds.push(`(EXISTS (SELECT 1 FROM json_each(r.prior_labels) j WHERE ${match})
      OR EXISTS (SELECT 1 FROM records g, json_each(g.prior_labels) j WHERE g.duplicate_of = r.id AND g.prior_labels != '[]' AND ${match}))`);
    const one = f.label.label ? [f.label.tool, f.label.label] : [f.label.tool];
    params.push(...one, ...one);
  }
  return { sql: conds.join(' AND '), params };
}

/** SELECT of every records column (what toStoredRecord reads, plus the review columns). */
const COLUMNS = `r.*, i.source AS source, cu.name AS confirmed_by_name,
  (SELECT COUNT(*) FROM records d WHERE d.duplicate_of = r.id) AS duplicate_count`;
const JOINS = 'JOIN imports i ON i.id = r.import_id LEFT JOIN users cu ON cu.id = r.duplicate_confirmed_by';
const SELECT = `SELECT ${COLUMNS} FROM records r ${JOINS}`;

/** Maps a row selected with SELECT. */
export function toListedRecord(row: Record<string, unknown>): ListedRecord {
  const by = row.duplicate_confirmed_by as string | null;
  return {
    ...toStoredRecord(row),
    duplicateConfirmedAt: (row.duplicate_confirmed_at as string | null) ?? null,
    duplicateConfirmedBy: by ? { id: by, name: (row.confirmed_by_name as string | null) ?? '' } : null,
    duplicateCount: Number(row.duplicate_count ?? 0),
  };
}

/** One page of matching records after `afterSeq`, in arrival order; `more` when another page follows. */
export function searchRecords(db: DB, pid: string, f: RecordFilters, afterSeq: number, limit: number): { records: ListedRecord[]; more: boolean } {
  const w = whereOf(db, pid, f);
  const rows = db.prepare(`${SELECT} WHERE ${w.sql} AND r.seq > ? ORDER BY r.seq LIMIT ?`).all(...w.params, afterSeq, limit + 1) as Record<string, unknown>[];
  return { records: rows.slice(0, limit).map(toListedRecord), more: rows.length > limit };
}

/** A relevance page's position: the last record's score and arrival number. */
export interface RankCursor {
  score: number;
  seq: number;
}

/** Title words count this many times as much as abstract words: a title names what the report is about. */
const TITLE_WEIGHT = 10;

/** Reads a relevance cursor ("<score>_<seq>", as `searchByRelevance` makes them); 400 otherwise. */
export function parseRankCursor(raw: string | undefined): RankCursor | null {
  if (!raw) return null;
  const m = /^(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)_(\d{1,15})$/i.exec(raw);
  const score = m ? Number(m[1]) : NaN;
  if (!m || !Number.isFinite(score)) throw badRequest('This cursor does not belong to a relevance listing; start again without it.', { cursor: 'malformed' }, 'bad_filter');
  return { score, seq: Number(m[2]) };
}

/**
 * One page of matching records, best first (bm25 with titles weighted above abstracts; ties in
 * arrival order, so the order is total and pages neither skip nor repeat). Without search words
 * there is nothing to rank by, and the order is arrival.
 */
export function searchByRelevance(db: DB, pid: string, f: RecordFilters, after: RankCursor | null, limit: number): { records: ListedRecord[]; nextCursor: string | null } {
  if (!f.match) {
    const page = searchRecords(db, pid, f, after?.seq ?? 0, limit);
    const last = page.records[page.records.length - 1];
    return { records: page.records, nextCursor: page.more && last ? `0_${last.seq}` : null };
  }
  catchUpIndex(db);
  const w = whereOf(db, pid, f, false);
  // The matches come from the index and each is looked up by rowid: a page reads only matching
  // records, never the whole project.
  const sql = `WITH m AS MATERIALIZED (SELECT rowid AS rid, bm25(records_fts, ${TITLE_WEIGHT}, 1) AS score FROM records_fts WHERE records_fts MATCH ?)
    SELECT ${COLUMNS}, m.score AS score FROM m CROSS JOIN records r ON r.rowid = m.rid ${JOINS}
    WHERE ${w.sql}${after ? ' AND (m.score > ? OR (m.score = ? AND r.seq > ?))' : ''} ORDER BY m.score, r.seq LIMIT ?`;
  const rows = db.prepare(sql).all(f.match, ...w.params, ...(after ? [after.score, after.score, after.seq] : []), limit + 1) as Record<string, unknown>[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { records: page.map(toListedRecord), nextCursor: rows.length > limit && last ? `${last.score as number}_${last.seq as number}` : null };
}

/** How many records match. */
export function countRecords(db: DB, pid: string, f: RecordFilters): number {
  const w = whereOf(db, pid, f);
  // Only the source filter needs the imports; the join would cost a lookup per record (90 ms at 100,000).
  const from = f.source ? 'records r JOIN imports i ON i.id = r.import_id' : 'records r';
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${from} WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
}

/** Ids of every matching record (to filter a stage's queue). */
export function matchingIds(db: DB, pid: string, f: RecordFilters): Set<string> {
  const w = whereOf(db, pid, f);
  const rows = db.prepare(`SELECT r.id FROM records r JOIN imports i ON i.id = r.import_id WHERE ${w.sql}`).all(...w.params) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

/** Whether no filter is set. */
export const noFilters = (f: RecordFilters) => !f.match && !f.exclude && !f.source && !f.importId && f.duplicates === 'all' && !f.label && !f.notInGroup;

/** The given records of a project, in the order of `ids` (unknown ids are skipped). */
export function recordsByIds(db: DB, pid: string, ids: readonly string[]): ListedRecord[] {
  const byId = new Map<string, ListedRecord>();
  for (const r of selectRecordsByIds<Record<string, unknown>>(db, SELECT, pid, ids)) byId.set(r.id as string, toListedRecord(r));
  return ids.map((id) => byId.get(id)).filter((r): r is ListedRecord => !!r);
}

/** One record of a project with its review state, or null. */
export function findListedRecord(db: DB, pid: string, rid: string): ListedRecord | null {
  const row = db.prepare(`${SELECT} WHERE r.project_id = ? AND r.id = ?`).get(pid, rid) as Record<string, unknown> | undefined;
  return row ? toListedRecord(row) : null;
}

/** The duplicates linked to a primary record, in arrival order. */
export function duplicatesOf(db: DB, pid: string, primaryId: string): ListedRecord[] {
  return (db.prepare(`${SELECT} WHERE r.project_id = ? AND r.duplicate_of = ? ORDER BY r.seq`).all(pid, primaryId) as Record<string, unknown>[]).map(toListedRecord);
}

/** What the filter menus offer: sources, imports, prior labels (with reviewers) and duplicate counts. */
export function recordFacets(db: DB, pid: string) {
  const sources = db
    .prepare('SELECT i.source, COUNT(r.import_id) AS n FROM imports i LEFT JOIN records r ON r.import_id = i.id WHERE i.project_id = ? GROUP BY i.source ORDER BY MIN(i.created_at), MIN(i.rowid)')
    .all(pid) as { source: string; n: number }[];
  const imports = db
    .prepare('SELECT id, source, filename, format, parsed, added, duplicates, created_at AS createdAt FROM imports WHERE project_id = ? ORDER BY created_at, rowid')
    .all(pid) as { id: string; source: string; filename: string | null; format: string; parsed: number; added: number; duplicates: number; createdAt: string }[];
  const labels = db
    .prepare(
      `SELECT json_extract(j.value, '$.tool') AS tool, json_extract(j.value, '$.label') AS label, COUNT(DISTINCT r.id) AS n,
         json_group_array(DISTINCT json_extract(j.value, '$.reviewer')) AS reviewers
       FROM records r, json_each(r.prior_labels) j WHERE r.project_id = ? AND r.prior_labels != '[]' GROUP BY tool, label ORDER BY tool, label`,
    )
    .all(pid) as { tool: string; label: string; n: number; reviewers: string }[];
  const dup = db
    .prepare('SELECT COUNT(*) AS total, SUM(duplicate_of IS NOT NULL) AS duplicates FROM records WHERE project_id = ?')
    .get(pid) as { total: number; duplicates: number | null };
  return {
    sources,
    imports,
    labels: labels.map((l) => ({ tool: l.tool, label: l.label, n: l.n, reviewers: (JSON.parse(l.reviewers) as (string | null)[]).filter((x): x is string => !!x).sort() })),
    total: dup.total,
    duplicates: dup.duplicates ?? 0,
  };
}
