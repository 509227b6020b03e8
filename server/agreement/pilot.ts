/**
 * The pilot round's agreement on its own: the same figures over the pilot records only (the first
 * `pilotSize` title/abstract records, which every screener screens). Teams report these to show
 * the calibration worked before the main screening.
 *
 * Visibility (DESIGN section 2): whoever may see the 'ta' stage sees them; once a lead unblinded
 * the pilot early, every member does, because the pilot's decisions are then open to all (the board
 * already shows its conflicts).
 */
import type { Deps } from '../context';
import type { PilotAgreement } from '../../shared/agreement/report';
import { forbidden } from '../errors';
import { requireMember } from '../projects/policy';
import { isPilotUnblinded, maySeeOthersDecisions, pilotRecordIds, type StageState } from '../screening/stages';
import * as screeningRepo from '../screening/repo';
import { snapshotOf, type Rating } from './compute';

/** Whether this user may see the pilot's figures: the stage is visible to them, or the pilot was unblinded. */
export function maySeePilot(deps: Deps, userId: string, pid: string): boolean {
  const role = requireMember(deps.db, pid, userId);
  return maySeeOthersDecisions(deps.db, pid, 'ta', userId, role) || isPilotUnblinded(deps.db, pid);
}

/** Throws 403 `blinded` unless the user may see the pilot's figures. */
export function requirePilotVisible(deps: Deps, userId: string, pid: string): void {
  if (!maySeePilot(deps, userId, pid)) {
    throw forbidden('The pilot round is still blinded: its figures appear once a lead unblinds the pilot or the stage.', 'blinded');
  }
}

/** The moment that froze the pilot's independent judgements: its own unblinding, else the stage's. */
function freezePoint(deps: Deps, pid: string): PilotAgreement['unblinding'] {
  const all = screeningRepo.listUnblindings(deps.db, pid).filter((u) => u.stage === 'ta');
  const u = all.find((x) => x.scope === 'pilot') ?? all.find((x) => x.scope === 'stage');
  return u ? { scope: u.scope, at: u.at, lastDecisionEvent: u.lastDecisionEvent } : null;
}

/**
 * The pilot figures from a 'ta' stage state over the given raters (ids in report order); null when
 * the project has no pilot. No authorization: callers check it first.
 */
export function pilotAgreement(deps: Deps, state: StageState, raterIds: readonly string[]): PilotAgreement | null {
  if (state.stage !== 'ta' || state.project.pilotSize <= 0) return null;
  const pid = state.project.id;
  const recordIds = pilotRecordIds(deps.db, pid, state.project.pilotSize);
  const pilot = new Set(recordIds);
  const ratings = (rows: readonly screeningRepo.DecisionRow[]): Rating[] =>
    rows.filter((d) => pilot.has(d.recordId)).map((d) => ({ recordId: d.recordId, userId: d.userId, decision: d.decision }));
  const unblinding = freezePoint(deps, pid);
  const maybeAs = state.project.maybeAs;
  return {
    recordIds,
    unblinding,
    atUnblinding: unblinding
      ? snapshotOf(ratings(screeningRepo.decisionsAsOf(deps.db, pid, 'ta', unblinding.lastDecisionEvent)), raterIds, maybeAs)
      : null,
    now: snapshotOf(ratings(state.decisions), raterIds, maybeAs),
  };
}

/** Who decided on the pilot records (now or as frozen), so the raters list includes them. */
export function pilotDeciders(deps: Deps, state: StageState): string[] {
  if (state.stage !== 'ta' || state.project.pilotSize <= 0) return [];
  const pilot = new Set(pilotRecordIds(deps.db, state.project.id, state.project.pilotSize));
  const unblinding = freezePoint(deps, state.project.id);
  const frozen = unblinding ? screeningRepo.decisionsAsOf(deps.db, state.project.id, 'ta', unblinding.lastDecisionEvent) : [];
  return [...state.decisions, ...frozen].filter((d) => pilot.has(d.recordId)).map((d) => d.userId);
}
