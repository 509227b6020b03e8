/** Agreement repository: when each current decision was recorded, and names of former screeners. */
import type { DB } from '../db/database';
import { userDisplayName } from '../auth/users';
import type { Stage } from '../../shared/api';

/** Key of a (record, user) pair in `decisionOrder`. */
export const orderKey = (recordId: string, userId: string) => `${recordId}\u0000${userId}`;

/**
 * For each (record, user) at a stage, the id of the newest decision event: the server's order of
 * the current decisions (client clocks may disagree, event ids cannot).
 */
export function decisionOrder(db: DB, pid: string, stage: Stage): Map<string, number> {
  const rows = db
    .prepare('SELECT record_id, user_id, MAX(id) AS id FROM decision_events WHERE project_id = ? AND stage = ? GROUP BY record_id, user_id')
    .all(pid, stage) as { record_id: string; user_id: string; id: number }[];
  return new Map(rows.map((r) => [orderKey(r.record_id, r.user_id), r.id]));
}

/** Display names of users by id (people who decided but no longer screen). */
export function userNames(db: DB, ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id, userDisplayName(db, id)]));
}
