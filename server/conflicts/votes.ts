/**
 * Votes on disputed records: validated, projected from private documents into SQLite, tallied,
 * and — when the project allows it — settling a record once quorum and majority are reached.
 */
import { stmt } from '../db/statements';
import type { Deps } from '../context';
import type { Stage } from '../../shared/api';
import { voteValue, type VoteValue } from '../../shared/screening';
import { canVote } from '../../shared/roles';
import { findProject, findRole } from '../projects/repo';
import { appendEvent } from '../audit/events';
import { nowIso } from '../ids';
import { isUnblinded, stageState } from '../screening/stages';
import * as screeningRepo from '../screening/repo';

export interface VoteRow {
  recordId: string;
  userId: string;
  name: string;
  vote: 'include' | 'exclude';
  comment: string;
  at: string;
}

/** Current votes at a stage, grouped by record. */
export function votesByRecord(deps: Pick<Deps, 'db'>, pid: string, stage: Stage): Map<string, VoteRow[]> {
  const rows = stmt(deps.db, 
      `SELECT v.record_id, v.user_id, u.name, v.vote, v.comment, v.client_at FROM votes v JOIN users u ON u.id = v.user_id
       WHERE v.project_id = ? AND v.stage = ? ORDER BY v.updated_at`,
    )
    .all(pid, stage) as Record<string, string>[];
  const m = new Map<string, VoteRow[]>();
  for (const r of rows) {
    const v: VoteRow = { recordId: r.record_id!, userId: r.user_id!, name: r.name!, vote: r.vote as VoteRow['vote'], comment: r.comment!, at: r.client_at! };
    const list = m.get(v.recordId);
    if (list) list.push(v);
    else m.set(v.recordId, [v]);
  }
  return m;
}

type Result = { ok: true; changed: boolean } | { ok: false; reason: string };

/** Projects one vote entry (key `<stage>:<recordId>`, null = withdrawn) from a private document. */
export function projectVote(deps: Deps, pid: string, userId: string, key: string, raw: unknown): Result {
  const { db } = deps;
  const [stage, recordId] = key.split(':') as [string, string | undefined];
  if ((stage !== 'ta' && stage !== 'ft') || !recordId) return { ok: false, reason: 'A vote key is <stage>:<recordId>.' };
  if (!canVote(findRole(db, pid, userId))) return { ok: false, reason: 'Your role cannot vote.' };
  if (!isUnblinded(db, pid, stage)) return { ok: false, reason: 'Voting opens when a lead unblinds the stage.' };
  const state = stageState(db, pid, stage);
  const outcome = state.outcomes.get(recordId);
  if (!outcome) return { ok: false, reason: 'Unknown record for this stage.' };
  const disputed = new Set(outcome.decisions.map((d) => (d.decision === 'maybe' ? state.project.maybeAs : d.decision))).size > 1;
  if (!disputed) return { ok: false, reason: 'Only disputed records are voted on.' };
  let value: VoteValue | null = null;
  if (raw !== null && raw !== undefined) {
    const parsed = voteValue.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: 'Not a valid vote (include or exclude, with comment and time).' };
    value = parsed.data;
  }
  const changed = db.transaction(() => {
    const before = stmt(db, 'SELECT vote, comment, client_at AS at FROM votes WHERE project_id = ? AND stage = ? AND record_id = ? AND user_id = ?')
      .get(pid, stage, recordId, userId) as VoteValue | undefined;
    if (before && value && before.vote === value.vote && before.comment === value.comment && before.at === value.at) return false;
    if (!before && !value) return false;
    if (value) {
      stmt(db, 
        `INSERT INTO votes (project_id, stage, record_id, user_id, vote, comment, client_at, updated_at) VALUES (?,?,?,?,?,?,?,?)
         ON CONFLICT (project_id, stage, record_id, user_id) DO UPDATE SET vote = excluded.vote, comment = excluded.comment,
           client_at = excluded.client_at, updated_at = excluded.updated_at`,
      ).run(pid, stage, recordId, userId, value.vote, value.comment, value.at, nowIso());
    } else {
      stmt(db, 'DELETE FROM votes WHERE project_id = ? AND stage = ? AND record_id = ? AND user_id = ?').run(pid, stage, recordId, userId);
    }
    stmt(db, 'INSERT INTO vote_events (project_id, stage, record_id, user_id, before, after, at) VALUES (?,?,?,?,?,?,?)').run(
      pid, stage, recordId, userId, before ? JSON.stringify(before) : null, value ? JSON.stringify(value) : null, nowIso(),
    );
    settleByQuorum(deps, pid, stage as Stage, recordId);
    return true;
  })();
  return { ok: true, changed };
}

/** Settles a record when the project allows it and quorum and majority are reached (call in a transaction). */
function settleByQuorum(deps: Deps, pid: string, stage: Stage, recordId: string): void {
  const { db } = deps;
  const project = findProject(db, pid);
  if (!project?.autoSettle.enabled) return;
  if (screeningRepo.listResolutions(db, pid, stage).get(recordId)?.source === 'lead') return; // a lead's decision stands
  const votes = votesByRecord(deps, pid, stage).get(recordId) ?? [];
  const { quorum, majority } = project.autoSettle;
  const include = votes.filter((v) => v.vote === 'include').length;
  const exclude = votes.length - include;
  let decision: 'include' | 'exclude' | null = null;
  if (votes.length >= quorum) {
    if (include / votes.length >= majority && include > exclude) decision = 'include';
    else if (exclude / votes.length >= majority && exclude > include) decision = 'exclude';
  }
  const current = screeningRepo.listResolutions(db, pid, stage).get(recordId);
  if (!decision) {
    // A quorum settlement undone by a changed vote is withdrawn, so the record is open again.
    if (current?.source === 'quorum') {
      stmt(db, 'DELETE FROM resolutions WHERE project_id = ? AND stage = ? AND record_id = ?').run(pid, stage, recordId);
      appendEvent(db, { projectId: pid, actorId: null, type: 'record.quorum_withdrawn', entity: 'record', entityId: recordId, before: { stage, ...current } });
    }
    return;
  }
  if (current?.decision === decision && current.source === 'quorum') return;
  const row = { recordId, decision, reason: `Settled by vote: ${include} include, ${exclude} exclude (quorum ${quorum}, majority ${Math.round(majority * 100)}%).`, source: 'quorum' as const, byUser: null, at: nowIso() };
  screeningRepo.upsertResolution(db, pid, stage, row);
  appendEvent(db, { projectId: pid, actorId: null, type: 'record.resolved', entity: 'record', entityId: recordId, before: current ?? null, after: { stage, ...row } });
}
