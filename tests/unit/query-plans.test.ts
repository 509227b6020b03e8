/**
 * The query plans that keep large projects fast. Without statistics SQLite guesses, and at
 * 100,000 records a wrong guess turned a 500-record lookup into a walk over the whole project
 * (an export took 28 s instead of 4). The plan does not depend on the data, so an empty database
 * with every migration shows the plan the server gets; each query is captured as it runs.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../server/db/migrate';
import * as prismaRepo from '../../server/prisma/repo';
import { listPrimaryRecordIds, recordHeads } from '../../server/records/repo';
import { countRecords, parseRecordFilters, recordFacets, recordsByIds } from '../../server/records/search';

const db = new Database(':memory:', { verbose: (sql) => captured.push(String(sql)) });
let captured: string[] = [];
runMigrations(db, join(import.meta.dirname, '../../migrations'));

/** The plan lines of every query `run` makes. */
function plansOf(run: () => unknown): string[] {
  captured = [];
  run();
  const queries = captured.filter((sql) => /^\s*SELECT/i.test(sql));
  expect(queries.length).toBeGreaterThan(0);
  return queries.map((sql) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n'));
}

const ids = ['a1', 'b2', 'c3'];
const noFilters = parseRecordFilters(() => undefined);

describe('query plans for large projects', () => {
  it('looks records up by id through the primary key, never by walking the project', () => {
    for (const [name, run] of [
      ['records list by ids', () => recordsByIds(db, 'p', ids)],
      ['conflict titles', () => recordHeads(db, 'p', ids)],
      ['PRISMA list page', () => prismaRepo.recordsByIds(db, 'p', ids)],
    ] as const) {
      const [plan] = plansOf(run);
      expect(plan, name).toMatch(/SEARCH r(ecords)? USING INDEX sqlite_autoindex_records_1 \(id=\?\)/);
      expect(plan, name).not.toMatch(/\(project_id=\?/);
    }
  });

  it('reads a stage’s record ids from an index alone', () => {
    const [plan] = plansOf(() => listPrimaryRecordIds(db, 'p'));
    expect(plan).toMatch(/USING COVERING INDEX records_dup_seq_id \(project_id=\? AND duplicate_of=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('counts a project’s records from an index alone, joining imports only to filter by source', () => {
    const [plain] = plansOf(() => countRecords(db, 'p', noFilters));
    expect(plain).toMatch(/COVERING INDEX/);
    expect(plain).not.toMatch(/imports/);
    const [bySource] = plansOf(() => countRecords(db, 'p', parseRecordFilters((n) => (n === 'source' ? 'MEDLINE' : undefined))));
    expect(bySource).toMatch(/imports/);
  });

  it('builds the filter menus without reading every record', () => {
    const plans = plansOf(() => recordFacets(db, 'p'));
    const labels = plans.find((p) => p.includes('json_each') || p.includes('VIRTUAL TABLE'));
    expect(labels).toMatch(/USING INDEX records_labelled/);
    const sources = plans.find((p) => p.includes('records_import'));
    expect(sources).toMatch(/COVERING INDEX records_import/);
    for (const p of plans) expect(p).not.toMatch(/^SCAN r(ecords)?\b/m);
  });

  it('counts the records of PRISMA sources from the import index', () => {
    const [count] = plansOf(() => prismaRepo.recordsFromSources(db, 'p', ['MEDLINE'], 0, 50));
    expect(count).toMatch(/COVERING INDEX records_import/);
  });
});
