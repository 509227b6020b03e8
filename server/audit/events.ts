/** The append-only event log: every change records who, what, when, before and after. */
import type { DB } from '../db/database';
import { nowIso } from '../ids';

export interface EventInput {
  projectId: string | null;
  actorId: string | null;
  type: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface EventRow {
  id: number;
  projectId: string | null;
  actorId: string | null;
  type: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  at: string;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const parse = (s: string | null) => (s === null ? null : JSON.parse(s));

/** Appends one event; call inside the same transaction as the change it describes. */
export function appendEvent(db: DB, e: EventInput): number {
  const r = db
    .prepare(
      'INSERT INTO events (project_id, actor_id, type, entity, entity_id, before, after, at) VALUES (?,?,?,?,?,?,?,?)',
    )
    .run(e.projectId, e.actorId, e.type, e.entity, e.entityId ?? null, json(e.before), json(e.after), nowIso());
  return Number(r.lastInsertRowid);
}

/** Events of a project after `afterId`, oldest first (the audit view and the catch-up feed). */
export function listEvents(db: DB, projectId: string, afterId = 0, limit = 500): EventRow[] {
  const rows = db
    .prepare(
      `SELECT id, project_id, actor_id, type, entity, entity_id, before, after, at
       FROM events WHERE project_id = ? AND id > ? ORDER BY id LIMIT ?`,
    )
    .all(projectId, afterId, limit) as Record<string, string | number | null>[];
  return rows.map((r) => ({
    id: r.id as number,
    projectId: r.project_id as string | null,
    actorId: r.actor_id as string | null,
    type: r.type as string,
    entity: r.entity as string,
    entityId: r.entity_id as string | null,
    before: parse(r.before as string | null),
    after: parse(r.after as string | null),
    at: r.at as string,
  }));
}
