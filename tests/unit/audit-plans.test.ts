/**
 * The Activity page's queries on a 100,000-event project: a page of one kind seeks through the
 * events_kind index (a virtual column of type prefixes) and reads only that page, in either order,
 * without sorting; without a kind, events_project does the same. Every lookup that names an event's
 * actor or subject goes by primary key.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../server/db/migrate';
import { appendEvent } from '../../server/audit/events';
import { auditPage, pageSql } from '../../server/audit/feed';
import { AUDIT_KINDS } from '../../shared/audit';

let captured: string[] = [];
const db = new Database(':memory:', { verbose: (sql) => captured.push(String(sql)) });
runMigrations(db, join(import.meta.dirname, '../../migrations'));

const plan = (sql: string, args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');

beforeAll(() => {
  // Mostly duplicate links, a settings change every 1,000 events: the rare kind a lead filters for.
  db.transaction(() => {
    for (let i = 0; i < 100_000; i++) {
      const settings = i % 1000 === 0;
      appendEvent(db, { projectId: 'p', actorId: 'u', type: settings ? 'project.settings_changed' : 'record.duplicate_merged', entity: settings ? 'project' : 'record', entityId: settings ? 'p' : `r${i}`, after: { n: i } });
    }
    appendEvent(db, { projectId: 'other', actorId: 'u', type: 'project.settings_changed', entity: 'project', entityId: 'other' });
  })();
});

describe('audit log query plans', () => {
  it('seeks a page of one kind through events_kind, newest or oldest first, without a sort', () => {
    for (const order of ['desc', 'asc'] as const) {
      const p = plan(pageSql(order, true), ['p', 'settings', 0, 1e15, 50]);
      expect(p, order).toMatch(/SEARCH e USING INDEX events_kind \(project_id=\? AND kind=\? AND id>\? AND id<\?\)/);
      expect(p, order).not.toMatch(/TEMP B-TREE|SCAN e\b/);
      expect(p, order).toMatch(/SEARCH u USING INDEX sqlite_autoindex_users_1 \(id=\?\)|SEARCH u USING (INTEGER )?PRIMARY KEY/);
    }
  });

  it('pages the whole log through events_project', () => {
    for (const order of ['desc', 'asc'] as const) {
      const p = plan(pageSql(order, false), ['p', 0, 1e15, 50]);
      expect(p, order).toMatch(/SEARCH e USING INDEX events_project \(project_id=\? AND id>\? AND id<\?\)/);
      expect(p, order).not.toMatch(/TEMP B-TREE|SCAN e\b/);
    }
  });

  it('classifies every event type the server writes into the kinds clients offer', () => {
    const kindOf = (type: string) => {
      appendEvent(db, { projectId: 'k', actorId: null, type, entity: 'x' });
      return (db.prepare("SELECT kind FROM events WHERE project_id = 'k' ORDER BY id DESC LIMIT 1").get() as { kind: string }).kind;
    };
    const expected: Record<string, string> = {
      'import.completed': 'records', 'record.fulltext_uploaded': 'records', 'record.fulltext_linked': 'records',
      'record.duplicate_confirmed': 'duplicates', 'record.duplicate_split': 'duplicates', 'record.duplicate_merged': 'duplicates',
      'record.duplicate_moved': 'duplicates', 'record.duplicate_moved_back': 'duplicates',
      'record.resolved': 'screening', 'record.quorum_withdrawn': 'screening', 'stage.unblinded': 'screening', 'stage.pilot_unblinded': 'screening',
      'stage.reassigned': 'screening', 'stage.screeners_changed': 'screening',
      'member.joined': 'members', 'member.removed': 'members', 'member.role_changed': 'members', 'invitation.created': 'members',
      'project.created': 'settings', 'project.settings_changed': 'settings', 'prisma.updated': 'settings',
      'theme.created': 'synthesis', 'theme.changed': 'synthesis', 'theme.deleted': 'synthesis', 'theme.restored': 'synthesis',
      'something.new': 'other',
    };
    for (const [type, kind] of Object.entries(expected)) expect(kindOf(type), type).toBe(kind);
    expect(new Set(Object.values(expected))).toEqual(new Set(AUDIT_KINDS));
  });

  it('fills a page of a rare kind from 100,000 events correctly, and each lookup goes by key', () => {
    captured = [];
    const page = auditPage(db, 'p', 'u', { order: 'desc', limit: 50, kind: 'settings' });
    expect(page.events).toHaveLength(50);
    expect(page.events.every((e) => e.type === 'project.settings_changed')).toBe(true);
    expect(page.events.map((e) => (e.after as { n: number }).n)).toEqual(Array.from({ length: 50 }, (_, i) => 99_000 - i * 1000));
    const rest = auditPage(db, 'p', 'u', { order: 'desc', limit: 50, kind: 'settings', before: page.nextBefore! });
    expect(rest.events).toHaveLength(50);
    expect(rest.nextBefore).toBeNull();
    const queries = [...new Set(captured.filter((s) => /^\s*SELECT/i.test(s)))];
    expect(queries.length).toBeGreaterThan(1);
    const plans = queries.map((sql) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n'));
    for (const p of plans) expect(p).not.toMatch(/^SCAN (e|events)\b|TEMP B-TREE/m);
    const pages = plans.filter((p) => /\be USING/.test(p));
    expect(pages).toHaveLength(2);
    for (const p of pages) expect(p).toMatch(/SEARCH e USING INDEX events_kind \(project_id=\? AND kind=\? AND id>\? AND id<\?\)/);
  });
});
