/**
 * The audit log as a lead reads it: pages in either direction, by kind, each event with its
 * actor's name and the names of what it touched — and never anything the blinding rule hides.
 */
import type { DB } from '../db/database';
import { stmt } from '../db/statements';
import type { Stage } from '../../shared/api';
import type { AuditEvent, AuditKind, AuditPage, AuditQuery } from '../../shared/audit';
import { findRole } from '../projects/repo';
import { mayKnowStageRecords, maySeeOthersDecisions, visibleRecords } from '../screening/stages';

type Row = Record<string, string | number | null>;

const FORMER = 'former member';
const parse = (s: string | number | null): unknown => (typeof s === 'string' ? JSON.parse(s) : null);
const isStage = (s: unknown): s is Stage => s === 'ta' || s === 'ft';

/** The SQL for one page; the kind filter reads the events_kind index, the rest events_project. */
export function pageSql(order: 'asc' | 'desc', byKind: boolean): string {
  // Named: with both id bounds and no statistics the planner takes events_project and filters by
  // kind, which walks every event of a large project to find a page of a rare kind.
  return `SELECT e.id, e.actor_id, e.type, e.kind, e.entity, e.entity_id, e.before, e.after, e.at, u.name AS actor_name
    FROM events e${byKind ? ' INDEXED BY events_kind' : ''} LEFT JOIN users u ON u.id = e.actor_id
    WHERE e.project_id = ?${byKind ? ' AND e.kind = ?' : ''} AND e.id > ? AND e.id < ?
    ORDER BY e.id ${order === 'desc' ? 'DESC' : 'ASC'} LIMIT ?`;
}

function readRows(db: DB, pid: string, order: 'asc' | 'desc', kind: AuditKind | undefined, after: number, before: number, limit: number): Row[] {
  const args = kind ? [pid, kind, after, before, limit] : [pid, after, before, limit];
  return stmt(db, pageSql(order, !!kind)).all(...args) as Row[];
}

/**
 * What this viewer may see of an event, by the blinding rule (DESIGN section 2): settlements of a
 * record whose others' decisions they may not see, and full texts of a stage whose records come from
 * others' title/abstract decisions, are left out; a reassignment's count of undecided records loses
 * the count. Leads who screen a stage are blind to it like anyone else.
 */
export function blindingFilter(db: DB, pid: string, userId: string) {
  const role = findRole(db, pid, userId);
  const visible = new Map<Stage, 'all' | Set<string>>();
  const visibleAt = (stage: Stage) => {
    if (!visible.has(stage)) visible.set(stage, visibleRecords(db, pid, stage, userId, role));
    return visible.get(stage)!;
  };
  let fullText: boolean | undefined;
  return (e: { type: string; entityId: string | null; before: unknown; after: unknown }): typeof e | null => {
    if (e.type === 'record.resolved' || e.type === 'record.quorum_withdrawn') {
      const stage = ((e.after ?? e.before) as { stage?: unknown } | null)?.stage;
      if (!isStage(stage)) return null;
      const v = visibleAt(stage);
      return v === 'all' || (e.entityId !== null && v.has(e.entityId)) ? e : null;
    }
    if (e.type.startsWith('record.fulltext_')) {
      fullText ??= mayKnowStageRecords(db, pid, 'ft', userId, role);
      return fullText ? e : null;
    }
    if (e.type === 'stage.reassigned' && isStage(e.entityId) && !maySeeOthersDecisions(db, pid, e.entityId, userId, role)) {
      const { moved: _hidden, ...rest } = (e.after ?? {}) as Record<string, unknown>;
      return { ...e, after: rest };
    }
    return e;
  };
}

/** Names for the ids an event's before/after mention: people (by user id) and records (by id). */
function namer(db: DB, pid: string) {
  const cache = new Map<string, string | null>();
  const person = (id: string) => (stmt(db, 'SELECT name FROM users WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? null;
  const record = (id: string) => (stmt(db, 'SELECT title FROM records WHERE id = ? AND project_id = ?').get(id, pid) as { title: string } | undefined)?.title ?? null;
  const lookup = (id: string, kind: 'person' | 'record') => {
    const key = `${kind}:${id}`;
    if (!cache.has(key)) cache.set(key, kind === 'person' ? person(id) : record(id));
    return cache.get(key)!;
  };
  const imports = new Map<string, { filename: string | null; gone: boolean }>();
  // A removed import's file name survives in the event that removed it.
  const importFile = (id: string) => {
    let found = imports.get(id);
    if (!found) {
      const row = stmt(db, 'SELECT filename FROM imports WHERE id = ?').get(id) as { filename: string | null } | undefined;
      const removal = row ? undefined : (stmt(db, "SELECT before FROM events WHERE project_id = ? AND entity = 'import' AND entity_id = ? AND type = 'import.removed'").get(pid, id) as { before: string | null } | undefined);
      const filename = row ? row.filename : ((parse(removal?.before ?? null) as { filename?: string | null } | null)?.filename ?? null);
      imports.set(id, (found = { filename, gone: !row }));
    }
    return found;
  };
  return { person: (id: string) => lookup(id, 'person') ?? FORMER, record: (id: string) => lookup(id, 'record'), importFile };
}

const PERSON_FIELDS = ['from', 'to', 'confirmedBy', 'byUser'];
const RECORD_FIELDS = ['duplicateOf', 'via'];

/** Adds actor name, subject and refs to an event row, with before/after as the viewer may see them. */
function describe(db: DB, pid: string, names: ReturnType<typeof namer>, r: Row, seen: { before: unknown; after: unknown }): AuditEvent {
  const { before, after } = seen;
  const entityId = r.entity_id as string | null;
  const refs: Record<string, string> = {};
  for (const side of [before, after]) {
    if (Array.isArray(side)) for (const id of side) if (typeof id === 'string') refs[id] = names.person(id); // screeners
    if (!side || typeof side !== 'object') continue;
    const o = side as Record<string, unknown>;
    for (const f of PERSON_FIELDS) if (typeof o[f] === 'string') refs[o[f] as string] = names.person(o[f] as string);
    for (const f of RECORD_FIELDS) if (typeof o[f] === 'string') refs[o[f] as string] = names.record(o[f] as string) ?? '';
    if (Array.isArray(o.editors)) for (const id of o.editors) if (typeof id === 'string') refs[id] = names.person(id);
  }
  let subject: string | null = null;
  let gone = false;
  if (entityId && r.entity === 'record') subject = names.record(entityId);
  else if (entityId && r.entity === 'member') subject = names.person(entityId);
  else if (entityId && r.entity === 'import') {
    const found = names.importFile(entityId);
    subject = found.filename;
    gone = found.gone;
  } else if (r.entity === 'theme') subject = ((after ?? before) as { name?: string } | null)?.name ?? null;
  return {
    id: r.id as number,
    projectId: pid,
    type: r.type as string,
    kind: r.kind as AuditKind,
    entity: r.entity as string,
    entityId,
    actorId: r.actor_id as string | null,
    actorName: r.actor_id ? ((r.actor_name as string | null) ?? FORMER) : null,
    subject,
    refs,
    before,
    after,
    at: r.at as string,
    ...(gone ? { gone } : {}),
  };
}

/** One page of a project's log as `userId` may see it; full unless it is the last. */
export function auditPage(db: DB, pid: string, userId: string, q: AuditQuery): AuditPage {
  const visible = blindingFilter(db, pid, userId);
  const names = namer(db, pid);
  let after = q.after ?? 0;
  let before = q.before ?? Number.MAX_SAFE_INTEGER;
  const events: AuditEvent[] = [];
  let more = true;
  // Hidden events leave gaps; read on until the page is full so that paging stays predictable.
  // One row past the page tells whether there is more without an empty last page.
  while (events.length < q.limit && more) {
    const want = q.limit - events.length;
    const rows = readRows(db, pid, q.order, q.kind, after, before, want + 1);
    more = rows.length > want;
    const page = rows.slice(0, want);
    for (const r of page) {
      const seen = visible({ type: r.type as string, entityId: r.entity_id as string | null, before: parse(r.before), after: parse(r.after) });
      if (seen) events.push(describe(db, pid, names, r, seen));
    }
    const last = page.at(-1)?.id as number | undefined;
    if (last !== undefined) {
      if (q.order === 'desc') before = last;
      else after = last;
    }
  }
  const next = more ? (q.order === 'desc' ? before : after) : null;
  return q.order === 'desc' ? { events, nextBefore: next } : { events, nextAfter: next };
}

/** Every event of the project as `userId` may see it, oldest first, a page at a time (the CSV download). */
export function* allAuditEvents(db: DB, pid: string, userId: string, kind?: AuditKind): Generator<AuditEvent[]> {
  let after = 0;
  for (;;) {
    const page = auditPage(db, pid, userId, { order: 'asc', after, limit: 500, kind });
    if (page.events.length) yield page.events;
    if (page.nextAfter == null) return;
    after = page.nextAfter;
  }
}
