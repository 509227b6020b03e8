/**
 * The duplicate part of a record's history, told as it happened. A record's links change after
 * import (a lead merges, splits, moves records with them), so what was found at import is read
 * from the `before` of the record's first duplicate event, not from its link today.
 */
import type { DB } from '../db/database';
import type { HistoryActor, HistoryRecordRef, RecordHistoryEvent } from '../../shared/discussions';

type Row = Record<string, string | number | null>;
type Actor = (id: string | null | undefined) => HistoryActor | null;

/** A duplicate event's before/after link (older events have no `via`). */
interface Link {
  duplicateOf: string | null;
  reason: string | null;
  score: number | null;
  via?: string | null;
}

const DUPLICATE_EVENTS = `SELECT entity_id, actor_id, type, before, after, at FROM events
  WHERE project_id = ? AND entity = 'record' AND type LIKE 'record.duplicate%' AND entity_id = ? ORDER BY id`;

const linkOf = (json: unknown): Link | null => (typeof json === 'string' ? (JSON.parse(json) as Link) : null);

function titles(db: DB) {
  const cache = new Map<string, HistoryRecordRef>();
  return (id: string | null | undefined): HistoryRecordRef | undefined => {
    if (!id) return undefined;
    if (!cache.has(id)) {
      const r = db.prepare('SELECT title FROM records WHERE id = ?').get(id) as { title: string } | undefined;
      cache.set(id, { id, title: r?.title ?? '' });
    }
    return cache.get(id);
  };
}

/**
 * What the import found about this record (a duplicate of another, or others duplicating it) and
 * how later records joined its group. `record` holds its id, created_at, duplicate columns and source.
 */
export function duplicateStory(db: DB, pid: string, record: Row, actor: Actor): RecordHistoryEvent[] {
  const ref = titles(db);
  const rid = String(record.id);
  const out: RecordHistoryEvent[] = [];
  const own = db.prepare(DUPLICATE_EVENTS).all(pid, rid) as Row[];
  const atImport: Link = own.length
    ? linkOf(own[0]!.before)!
    : { duplicateOf: record.duplicate_of as string | null, reason: record.duplicate_reason as string | null, score: record.duplicate_score as number | null };
  if (atImport.duplicateOf) {
    const other = ref(atImport.duplicateOf)!;
    out.push({ kind: 'duplicate_of', at: String(record.created_at), otherId: other.id, otherTitle: other.title, reason: String(atImport.reason ?? ''), score: atImport.score ?? null });
  }
  // Records in this record's group today: found at import, or joined later (the last change that brought them here).
  const members = db
    .prepare(
      `SELECT r.id, r.title, r.created_at, r.duplicate_reason, r.duplicate_score, i.source FROM records r JOIN imports i ON i.id = r.import_id
       WHERE r.project_id = ? AND r.duplicate_of = ? ORDER BY r.seq`,
    )
    .all(pid, rid) as Row[];
  for (const d of members) {
    const changes = db.prepare(DUPLICATE_EVENTS).all(pid, d.id) as Row[];
    const joined = changes.findLast((e) => linkOf(e.after)?.duplicateOf === rid && linkOf(e.before)?.duplicateOf !== rid);
    const first = changes.length ? linkOf(changes[0]!.before) : null;
    if (!joined || first?.duplicateOf === rid) {
      const reason = first?.duplicateOf === rid ? first.reason : d.duplicate_reason;
      const score = first?.duplicateOf === rid ? first.score : d.duplicate_score;
      out.push({ kind: 'duplicate_found', at: String(d.created_at), otherId: String(d.id), otherTitle: String(d.title), source: String(d.source), reason: String(reason ?? ''), score: (score as number | null) ?? null });
    }
    if (joined) {
      const via = linkOf(joined.after)?.via;
      out.push({ kind: 'duplicate_joined', at: String(joined.at), by: actor(joined.actor_id as string | null), other: { id: String(d.id), title: String(d.title) }, via: ref(via) ?? null });
    }
  }
  return out;
}

/** One of the record's own duplicate events (confirmed, split, merged, moved) as a history entry. */
export function duplicateReview(db: DB, r: Row, actor: Actor): RecordHistoryEvent {
  const ref = titles(db);
  const before = linkOf(r.before);
  const after = linkOf(r.after);
  const by = actor(r.actor_id as string | null);
  const at = String(r.at);
  switch (r.type) {
    case 'record.duplicate_split':
      return { kind: 'duplicate_review', at, by, action: 'split', other: ref(before?.duplicateOf) };
    case 'record.duplicate_merged':
      return { kind: 'duplicate_review', at, by, action: 'merged', other: ref(after?.duplicateOf) };
    case 'record.duplicate_moved':
      return { kind: 'duplicate_review', at, by, action: 'moved_in', other: ref(after?.duplicateOf), via: ref(after?.via) };
    case 'record.duplicate_moved_back':
      return { kind: 'duplicate_review', at, by, action: 'moved_back', other: ref(after?.duplicateOf) };
    default:
      return { kind: 'duplicate_review', at, by, action: 'confirmed', other: ref(after?.duplicateOf) };
  }
}
