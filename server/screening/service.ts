/**
 * Screening service: projecting decisions, unblinding, conflicts, resolutions and the decisions
 * view. HTTP routes and the sync projection both call these (one write path).
 */
import type { Deps } from '../context';
import type { Stage } from '../../shared/api';
import type { ConflictItem, DecisionValue } from '../../shared/screening';
import { AppError, badRequest, conflict, forbidden } from '../errors';
import { nowIso } from '../ids';
import { appendEvent } from '../audit/events';
import { findProject } from '../projects/repo';
import { recordHeads } from '../records/repo';
import type { StoredConflict } from '../../shared/board';
import { requireLead, requireMember } from '../projects/policy';
import { checkDecision } from './validate';
import { assignedRecordIds, isScreener, isUnblinded, mayKnowStageRecords, maySeeOthersDecisions, stageQueue, stageState, visibleRecords, type StageState } from './stages';
import * as repo from './repo';
import { normalise, type Outcome } from './outcomes';
import { ensureAssignments, reassign } from './assignments';
import { votesByRecord, type VoteRow } from '../conflicts/votes';
import { userDisplayName } from '../auth/users';

/** Result of projecting one private-document entry. */
export type ProjectionResult = { ok: true; changed: boolean } | { ok: false; reason: string };

/** Projects one decision (null = withdrawn) from a private document into SQLite, if valid. */
export function projectDecision(deps: Deps, pid: string, stage: Stage, userId: string, recordId: string, raw: unknown): ProjectionResult {
  const { db } = deps;
  const project = findProject(db, pid);
  if (!project) return { ok: false, reason: 'Unknown project.' };
  const checked = checkDecision(db, project, stage, userId, recordId, raw);
  if (!checked.ok) {
    repo.insertRejected(db, pid, userId, `decisions:${stage}:${recordId}`, raw, checked.reason);
    return checked;
  }
  const changed = db.transaction(() => {
    const before = repo.findDecision(db, pid, stage, recordId, userId);
    if (sameDecision(before, checked.value)) return false;
    repo.writeDecision(db, pid, stage, recordId, userId, before, checked.value);
    return true;
  })();
  return { ok: true, changed };
}

function sameDecision(a: DecisionValue | null, b: DecisionValue | null): boolean {
  if (!a || !b) return a === b;
  return a.decision === b.decision && a.note === b.note && a.at === b.at && a.reasons.join('\u0000') === b.reasons.join('\u0000');
}

/** Ensures the stage exists as a name. */
export function parseStage(s: string | undefined): Stage {
  if (s === 'ta' || s === 'ft') return s;
  throw badRequest("Stage must be 'ta' (title/abstract) or 'ft' (full text).", { stage: 'unknown stage' }, 'bad_stage');
}

/** A screener's queue at a stage and whether the stage is unblinded (no one else's data). */
export function queueFor(deps: Deps, userId: string, pid: string, stage: Stage) {
  const role = requireMember(deps.db, pid, userId);
  const screener = isScreener(deps.db, pid, stage, userId, role);
  if (!mayKnowStageRecords(deps.db, pid, stage, userId, role)) {
    // Whether a lead unblinded the stage is on everyone's board; saying false here contradicted it.
    return { stage, screener, recordIds: [], total: null, unblinded: isUnblinded(deps.db, pid, stage), opensAfterUnblinding: 'ta' as const };
  }
  ensureAssignments(deps.db, pid, stage);
  const state = stageQueue(deps.db, pid, stage);
  return {
    stage,
    screener,
    recordIds: screener ? assignedRecordIds(state, userId) : [],
    total: state.recordIds.length,
    unblinded: isUnblinded(deps.db, pid, stage),
  };
}

/** Unblinds a stage (lead only, audited); the independent judgements are those up to now. */
export function unblind(deps: Deps, userId: string, pid: string, stage: Stage, scope: 'stage' | 'pilot' = 'stage') {
  const { db } = deps;
  requireLead(db, pid, userId);
  if (scope === 'pilot') {
    const project = findProject(db, pid);
    if (stage !== 'ta' || !project?.pilotSize) throw badRequest('Only a title/abstract stage with a pilot round (pilot size > 0) has a pilot to unblind.', undefined, 'no_pilot');
  }
  const at = nowIso();
  const inserted = db.transaction(() => {
    refuseEarlyUnblinding(deps, pid, stage, scope);
    const lastDecisionEvent = repo.lastDecisionEventId(db, pid);
    const ok = repo.insertUnblinding(db, pid, { stage, scope, byUser: userId, at, lastDecisionEvent });
    const type = scope === 'pilot' ? 'stage.pilot_unblinded' : 'stage.unblinded';
    if (ok) appendEvent(db, { projectId: pid, actorId: userId, type, entity: 'stage', entityId: stage, after: { stage, scope, lastDecisionEvent } });
    return ok;
  })();
  if (!inserted) throw new AppError(409, 'already_unblinded', scope === 'pilot' ? 'The pilot round is already unblinded.' : 'This stage is already unblinded.');
  deps.board.audienceChanged(pid);
  return { stage, scope, unblinded: true, at };
}

/**
 * Unblinding freezes the independent judgements and opens the rest of the stage: with no records
 * yet, every later decision would be made in the open and there would be nothing to freeze. Full
 * text waits for title/abstract, because its records come from others' title/abstract decisions:
 * its unblinding, shown to everyone, would tell people still blind there that some were included.
 */
function refuseEarlyUnblinding(deps: Deps, pid: string, stage: Stage, scope: 'stage' | 'pilot'): void {
  const { db } = deps;
  if (repo.findUnblinding(db, pid, stage, scope)) return; // answered as already unblinded
  if (stageQueue(db, pid, stage).recordIds.length === 0) {
    const what = stage === 'ft' ? 'No records have reached full-text screening yet' : 'This project has no records to screen yet';
    throw conflict(`${what}, so there is nothing to unblind. Unblinding now would let screeners see each other’s decisions on every record added later.`, 'nothing_to_unblind');
  }
  if (stage === 'ft' && scope === 'stage' && !isUnblinded(db, pid, 'ta')) {
    throw conflict('Unblind title and abstract screening first: full-text screening follows from it, and reviewers cannot start it until then.', 'earlier_stage_blinded');
  }
}

/** Throws 403 `blinded` unless the blinding rule lets this user see others' decisions at the stage. */
export function requireUnblindedFor(deps: Deps, userId: string, pid: string, stage: Stage): void {
  const role = requireMember(deps.db, pid, userId);
  if (!maySeeOthersDecisions(deps.db, pid, stage, userId, role)) {
    throw forbidden('This stage is still blinded: other reviewers’ decisions are hidden until a lead unblinds it.', 'blinded');
  }
}

/** Conflicts at a stage from a stage state: records whose screeners disagree (open or resolved). */
export function conflictsOf(deps: Deps, state: StageState): ConflictItem[] {
  return conflictsInOrder(deps, state).map((c) => c.conflict);
}

/** The same conflicts, each with its record's arrival number (the board keeps them apart and orders by it). */
export function conflictsInOrder(deps: Deps, state: StageState): StoredConflict[] {
  const names = new Map(state.screeners.map((s) => [s.userId, s.name]));
  const nameOf = (id: string) => names.get(id) ?? userName(deps, id);
  const resolutions = repo.listResolutions(deps.db, state.project.id, state.stage);
  const votes = votesByRecord(deps, state.project.id, state.stage);
  // The independent judgements (as at unblinding) are kept beside any change made after discussion.
  const unblinding = repo.findUnblinding(deps.db, state.project.id, state.stage);
  const disagreeing: [string, Outcome][] = [];
  for (const [recordId, o] of state.outcomes) {
    if (o.decisions.length > 1 && new Set(o.decisions.map((d) => normalise(d.decision, state.project.maybeAs))).size > 1) disagreeing.push([recordId, o]);
  }
  const inConflict = new Set(disagreeing.map(([id]) => id));
  const original = new Map(
    (unblinding ? repo.decisionsAsOf(deps.db, state.project.id, state.stage, unblinding.lastDecisionEvent) : [])
      .filter((d) => inConflict.has(d.recordId))
      .map((d) => [`${d.recordId}|${d.userId}`, d]),
  );
  const heads = recordHeads(deps.db, state.project.id, [...inConflict]);
  const out: StoredConflict[] = [];
  for (const [recordId, o] of disagreeing) {
    const r = resolutions.get(recordId);
    const head = heads.get(recordId);
    const conflict: ConflictItem = {
      recordId,
      title: head?.title ?? '',
      decisions: o.decisions.map((d) => {
        const before = original.get(`${recordId}|${d.userId}`);
        const changed = before && (before.decision !== d.decision || before.note !== d.note || before.reasons.join() !== d.reasons.join());
        return {
          userId: d.userId, name: nameOf(d.userId), decision: d.decision, reasons: d.reasons, note: d.note, at: d.at,
          original: changed ? { decision: before.decision, reasons: before.reasons, note: before.note, at: before.at } : null,
        };
      }),
      votes: tally(votes.get(recordId) ?? []),
      status: r ? 'resolved' : 'open',
      resolution: r ? { decision: r.decision, reason: r.reason, source: r.source, by: r.byUser, at: r.at } : null,
    };
    out.push({ seq: head?.seq ?? 0, conflict });
  }
  return out;
}

function tally(vs: VoteRow[]): ConflictItem['votes'] {
  return {
    include: vs.filter((v) => v.vote === 'include').length,
    exclude: vs.filter((v) => v.vote === 'exclude').length,
    voters: vs.map((v) => ({ userId: v.userId, name: v.name, vote: v.vote, comment: v.comment })),
  };
}

function userName(deps: Deps, id: string): string {
  return userDisplayName(deps.db, id);
}

/** GET conflicts: only where the blinding rule allows. */
export function listConflicts(deps: Deps, userId: string, pid: string, stage: Stage): ConflictItem[] {
  const role = requireMember(deps.db, pid, userId);
  const visible = visibleRecords(deps.db, pid, stage, userId, role);
  if (visible !== 'all' && visible.size === 0) requireUnblindedFor(deps, userId, pid, stage);
  const all = conflictsOf(deps, stageState(deps.db, pid, stage));
  return visible === 'all' ? all : all.filter((c) => visible.has(c.recordId));
}

/** Final decision per record and each reviewer's decision, subject to the blinding rule. */
export function decisionsView(deps: Deps, userId: string, pid: string, stage: Stage) {
  const role = requireMember(deps.db, pid, userId);
  if (!mayKnowStageRecords(deps.db, pid, stage, userId, role)) return { stage, blinded: true, records: [] };
  const state = stageState(deps.db, pid, stage);
  const visible = visibleRecords(deps.db, pid, stage, userId, role);
  const records = state.recordIds.map((recordId) => {
    const o = state.outcomes.get(recordId)!;
    const mine = o.decisions.find((d) => d.userId === userId) ?? null;
    if (visible !== 'all' && !visible.has(recordId)) return { recordId, status: null, final: null, decisions: mine ? [mine] : [] };
    return { recordId, status: o.status, final: o.final, decisions: o.decisions };
  });
  return { stage, blinded: visible !== 'all', records };
}

/** Moves a screener's undecided balanced assignments to another screener (lead only, audited). */
export function reassignScreener(deps: Deps, userId: string, pid: string, stage: Stage, from: string, to: string) {
  const { db } = deps;
  requireLead(db, pid, userId);
  if (!isScreener(db, pid, stage, to)) throw badRequest('The new screener must screen this stage.', { to: 'not a screener' });
  // one transaction: the audit entry exists exactly when the assignments moved, and no decision
  // can land between reading who decided what and moving the rest
  const moved = db.transaction(() => {
    const n = reassign(db, pid, stage, from, to);
    appendEvent(db, { projectId: pid, actorId: userId, type: 'stage.reassigned', entity: 'stage', entityId: stage, after: { from, to, moved: n } });
    return n;
  })();
  deps.board.refresh(pid);
  return { moved };
}
