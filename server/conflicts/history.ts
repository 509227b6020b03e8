/**
 * A record's story for the audit view beside its discussion: import, duplicate links, decisions,
 * votes, resolutions and unblinding — filtered by the blinding rule (DESIGN section 2), so a
 * blinded screener sees their own decision events and nothing derived from anyone else's.
 */
import type { Deps } from '../context';
import { STAGES, type Stage } from '../../shared/api';
import type { HistoryActor, HistoryDecision, RecordHistory, RecordHistoryEvent } from '../../shared/discussions';
import { notFound } from '../errors';
import { userDisplayName } from '../auth/users';
import { requireMember } from '../projects/policy';
import { findProject } from '../projects/repo';
import { isPilotUnblinded, mayKnowStageRecords, pilotRecordIds, stageState, visibleRecords } from '../screening/stages';
import * as screeningRepo from '../screening/repo';
import { duplicateReview, duplicateStory } from './duplicateHistory';

type Row = Record<string, string | number | null>;

/** The history of one record as `userId` may see it, oldest first. */
export function recordHistory(deps: Pick<Deps, 'db'>, userId: string, pid: string, recordId: string): RecordHistory {
  const { db } = deps;
  const role = requireMember(db, pid, userId);
  const record = db
    .prepare(
      `SELECT r.id, r.title, r.created_at, r.duplicate_of, r.duplicate_reason, r.duplicate_score, i.source, i.filename, i.created_by
       FROM records r JOIN imports i ON i.id = r.import_id WHERE r.project_id = ? AND r.id = ?`,
    )
    .get(pid, recordId) as Row | undefined;
  if (!record) throw notFound('No such record in this project.');

  const names = new Map<string, string>();
  const actor = (id: string | null | undefined): HistoryActor | null => {
    if (!id) return null;
    if (!names.has(id)) names.set(id, userDisplayName(db, id));
    return { id, name: names.get(id)! };
  };

  // The blinding rule, per stage: 'all', or the records whose others' entries this user may see.
  const visible = new Map(STAGES.map((s) => [s, visibleRecords(db, pid, s, userId, role)] as const));
  const othersVisible = (stage: Stage) => {
    const v = visible.get(stage)!;
    return v === 'all' || v.has(recordId);
  };

  const events: RecordHistoryEvent[] = [];
  events.push({ kind: 'imported', at: String(record.created_at), by: actor(record.created_by as string), source: String(record.source), filename: (record.filename as string | null) ?? null });
  events.push(...duplicateStory(db, pid, record, actor));

  const decisionRows = db
    .prepare('SELECT stage, user_id, before, after, at FROM decision_events WHERE project_id = ? AND record_id = ? ORDER BY id')
    .all(pid, recordId) as Row[];
  for (const r of decisionRows) {
    const stage = r.stage as Stage;
    // A blinded screener sees only their own decisions; others' do not exist for them.
    if (r.user_id !== userId && !othersVisible(stage)) continue;
    events.push({ kind: 'decision', at: String(r.at), stage, by: actor(r.user_id as string)!, before: decisionOf(r.before), after: decisionOf(r.after) });
  }

  // Votes and resolutions exist only for disputed records, so they are others' data at that stage.
  const voteRows = db
    .prepare('SELECT stage, user_id, before, after, at FROM vote_events WHERE project_id = ? AND record_id = ? ORDER BY id')
    .all(pid, recordId) as Row[];
  for (const r of voteRows) {
    const stage = r.stage as Stage;
    if (!othersVisible(stage)) continue;
    events.push({ kind: 'vote', at: String(r.at), stage, by: actor(r.user_id as string)!, before: voteOf(r.before), after: voteOf(r.after) });
  }
  const auditRows = db
    .prepare(`SELECT id, actor_id, type, before, after, at FROM events WHERE project_id = ? AND entity = 'record' AND entity_id = ? ORDER BY id`)
    .all(pid, recordId) as Row[];
  for (const r of auditRows) {
    if (r.type === 'record.resolved') {
      const after = JSON.parse(String(r.after)) as { stage: Stage; decision: 'include' | 'exclude'; reason: string; source: 'lead' | 'quorum'; exclusionReason?: string | null };
      if (!othersVisible(after.stage)) continue;
      events.push({
        kind: 'resolved', at: String(r.at), stage: after.stage, by: actor(r.actor_id as string | null), source: after.source, decision: after.decision, reason: after.reason,
        exclusionReason: after.exclusionReason ?? null,
      });
    } else if (String(r.type).startsWith('record.duplicate_')) {
      // Duplicate review is a lead's bibliographic judgement, not a screening decision: visible to every member.
      events.push(duplicateReview(db, r, actor));
    } else if (r.type === 'record.quorum_withdrawn') {
      // The withdrawal event does not name its stage; it follows a vote on this record in the same transaction.
      const stage = stageOfWithdrawal(voteRows, String(r.at));
      if (stage && othersVisible(stage)) events.push({ kind: 'resolution_withdrawn', at: String(r.at), stage });
    }
  }

  // Unblinding belongs to a record's story where the record is in that stage and the user may know it.
  const pilotSize = findProject(db, pid)?.pilotSize ?? 0;
  for (const u of screeningRepo.listUnblindings(db, pid)) {
    if (u.scope === 'pilot') {
      if (!isPilotUnblinded(db, pid) || !pilotRecordIds(db, pid, pilotSize).includes(recordId)) continue;
    } else if (u.stage === 'ta') {
      if (record.duplicate_of) continue; // duplicates are not screened
    } else if (!mayKnowStageRecords(db, pid, u.stage, userId, role) || !stageState(db, pid, u.stage).recordIds.includes(recordId)) continue;
    events.push({ kind: 'unblinded', at: u.at, stage: u.stage, scope: u.scope, by: actor(u.byUser) });
  }

  // Stable sort: same-instant entries keep the order above (import before its duplicate link, …).
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { recordId, title: String(record.title), events, hiddenStages: STAGES.filter((s) => !othersVisible(s)) };
}

function decisionOf(json: unknown): HistoryDecision | null {
  if (typeof json !== 'string') return null;
  const v = JSON.parse(json) as HistoryDecision;
  return { decision: v.decision, reasons: v.reasons ?? [], note: v.note ?? '' };
}

function voteOf(json: unknown): { vote: 'include' | 'exclude'; comment: string } | null {
  if (typeof json !== 'string') return null;
  const v = JSON.parse(json) as { vote: 'include' | 'exclude'; comment?: string };
  return { vote: v.vote, comment: v.comment ?? '' };
}

/** The stage of the latest vote on the record at or before `at`. */
function stageOfWithdrawal(voteRows: Row[], at: string): Stage | null {
  let stage: Stage | null = null;
  for (const r of voteRows) if (String(r.at) <= at) stage = r.stage as Stage;
  return stage;
}
