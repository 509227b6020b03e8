/** Records API: paged lists (per stage, for screeners only their queue) and single records. */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { requireUser } from '../http/middleware';
import { requireMember } from '../projects/policy';
import { notFound } from '../errors';
import { queueFor } from '../screening/service';
import { parseStage } from '../screening/service';
import { RECORD_SELECT, findRecord, toStoredRecord } from './repo';

const MAX_LIMIT = 500;

/** Routes for reading records. */
export function recordRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/projects/:pid/records', (c) => {
      const user = requireUser(c);
      const pid = c.req.param('pid');
      requireMember(deps.db, pid, user.id);
      const limit = Math.min(MAX_LIMIT, Math.max(1, Number(c.req.query('limit') ?? 100) || 100));
      const cursor = Number(c.req.query('cursor') ?? 0) || 0;
      const stageParam = c.req.query('stage');
      let rows: Record<string, unknown>[];
      if (stageParam) {
        // A stage's records as this person may know them (a screener's own queue; 'ft' only once 'ta' is visible).
        const q = queueFor(deps, user.id, pid, parseStage(stageParam));
        const ids = q.screener ? q.recordIds : [];
        const page = ids.slice(cursor, cursor + limit);
        const byId = new Map<string, Record<string, unknown>>();
        const stmt = deps.db.prepare(`${RECORD_SELECT} WHERE r.project_id = ? AND r.id = ?`);
        for (const id of page) byId.set(id, stmt.get(pid, id) as Record<string, unknown>);
        const records = page.map((id) => toStoredRecord(byId.get(id)!));
        const next = cursor + limit < ids.length ? String(cursor + limit) : null;
        return c.json({ records, nextCursor: next, total: ids.length });
      }
      rows = deps.db
        .prepare(`${RECORD_SELECT} WHERE r.project_id = ? AND r.seq > ? ORDER BY r.seq LIMIT ?`)
        .all(pid, cursor, limit + 1) as Record<string, unknown>[];
      const more = rows.length > limit;
      const records = rows.slice(0, limit).map(toStoredRecord);
      const total = (deps.db.prepare('SELECT COUNT(*) AS n FROM records WHERE project_id = ?').get(pid) as { n: number }).n;
      return c.json({ records, nextCursor: more ? String(records[records.length - 1]!.seq) : null, total });
    })
    .get('/projects/:pid/records/:rid', (c) => {
      const user = requireUser(c);
      const pid = c.req.param('pid');
      requireMember(deps.db, pid, user.id);
      const record = findRecord(deps.db, pid, c.req.param('rid'));
      if (!record) throw notFound('No such record in this project.');
      const duplicates = deps.db
        .prepare(`${RECORD_SELECT} WHERE r.project_id = ? AND r.duplicate_of = ? ORDER BY r.seq`)
        .all(pid, record.id)
        .map((r) => toStoredRecord(r as Record<string, unknown>));
      return c.json({ record, duplicates });
    });
}
