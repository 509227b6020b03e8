/**
 * Query plans for searching a 100,000-record project by relevance: the words narrow the records
 * through the full-text index and each match is looked up by rowid, so a page reads the matches,
 * never the whole project (the plan does not depend on the data; see query-plans.test.ts).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../server/db/migrate';
import { countRecords, parseRecordFilters, searchByRelevance } from '../../server/records/search';

const db = new Database(':memory:', { verbose: (sql) => captured.push(String(sql)) });
let captured: string[] = [];
runMigrations(db, join(import.meta.dirname, '../../migrations'));

/** The plan of the last SELECT that `run` makes (the page itself, after the index catch-up). */
function planOf(run: () => unknown): string {
  captured = [];
  run();
  const sql = captured.filter((s) => /^\s*(SELECT|WITH)/i.test(s)).pop()!;
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
}

const filters = (params: Record<string, string>) => parseRecordFilters((n) => params[n]);

describe('query plans for relevance search', () => {
  for (const [name, params] of [
    ['words', { q: 'smoke health' }],
    ['words and a group left out', { q: 'smoke', notInGroup: 'r1', duplicates: 'exclude' }],
    ['words and a source', { q: 'smoke', source: 'MEDLINE' }],
  ] as const) {
    it(`drives a relevance page from the full-text matches (${name})`, () => {
      for (const after of [null, { score: -3.5, seq: 10 }]) {
        const plan = planOf(() => searchByRelevance(db, 'p', filters(params), after, 50));
        expect(plan).toMatch(/VIRTUAL TABLE INDEX \d+:M/); // the FTS5 MATCH
        expect(plan).toMatch(/SEARCH r USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        expect(plan).not.toMatch(/SCAN r\b/);
        expect(plan).not.toMatch(/\(project_id=\?\)/);
      }
    });
  }

  it('counts matches from indexes alone: the project’s ids checked against the full-text matches', () => {
    const plan = planOf(() => countRecords(db, 'p', filters({ q: 'smoke' })));
    expect(plan).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    expect(plan).toMatch(/SEARCH r USING COVERING INDEX \S+ \(project_id=\?\)/);
    expect(plan).not.toMatch(/SCAN r\b/);
  });
});
