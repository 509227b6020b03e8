/**
 * Agreement service: the report of `GET /api/projects/:pid/agreement` and the board's live summary.
 * Both obey the blinding rule (DESIGN section 2) through the screening policy functions.
 *
 * Which decisions count: `now` uses the current decisions on the records in the stage now;
 * `atUnblinding` replays the append-only decision events up to the unblinding's
 * `lastDecisionEvent` and keeps decisions on records that are still primary (not since marked
 * duplicates), so later changes of the stage's contents cannot rewrite the independent judgements.
 */
import type { Deps } from '../context';
import type { Stage } from '../../shared/api';
import type { AgreementRater, AgreementReport, BoardAgreement, PilotAgreementReport } from '../../shared/agreement/report';
import { THREE_CATEGORIES, TWO_CATEGORIES } from '../../shared/agreement/report';
import { listPrimaryRecordIds } from '../records/repo';
import { requireUnblindedFor } from '../screening/service';
import { badRequest } from '../errors';
import { requireMember } from '../projects/policy';
import { stageState, type StageState } from '../screening/stages';
import * as screeningRepo from '../screening/repo';
import { boardAgreementOf, driftOf, snapshotOf, type Rating } from './compute';
import { decisionOrder, orderKey, userNames } from './repo';
import { pilotAgreement, pilotDeciders, requirePilotVisible } from './pilot';

/** Smallest default number of doubly rated records per batch in the drift series. */
export const DEFAULT_BATCH = 20;
/** Batches the default batch size aims at most for: a readable chart and table. */
const MAX_DEFAULT_BATCHES = 50;

/**
 * The default batch size: 20 records, or larger so the series has at most 50 batches (40,000
 * doubly screened records in batches of 20 drew 2,000 points and a 2,000-row table).
 */
export function defaultBatch(ratings: readonly Rating[]): number {
  const raters = new Map<string, number>();
  for (const r of ratings) raters.set(r.recordId, (raters.get(r.recordId) ?? 0) + 1);
  let doubly = 0;
  for (const n of raters.values()) if (n > 1) doubly++;
  return Math.max(DEFAULT_BATCH, Math.ceil(doubly / MAX_DEFAULT_BATCHES));
}

/** The raters of a stage: its screeners (by name), then anyone else who decided there (by name). */
function ratersOf(deps: Deps, state: StageState, extra: Iterable<string>): AgreementRater[] {
  const raters: AgreementRater[] = state.screeners.map((s) => ({ userId: s.userId, name: s.name }));
  const known = new Set(raters.map((r) => r.userId));
  const others = [...new Set(extra)].filter((id) => !known.has(id));
  if (others.length === 0) return raters;
  const names = userNames(deps.db, others);
  const more = others.map((userId) => ({ userId, name: names.get(userId)! }));
  more.sort((x, y) => x.name.localeCompare(y.name) || x.userId.localeCompare(y.userId));
  return [...raters, ...more];
}

/** Ratings from decision rows restricted to `records`, with their server order when known. */
function ratingsOf(rows: readonly screeningRepo.DecisionRow[], records: Set<string>, order?: Map<string, number>): Rating[] {
  return rows
    .filter((d) => records.has(d.recordId))
    .map((d) => ({ recordId: d.recordId, userId: d.userId, decision: d.decision, order: order?.get(orderKey(d.recordId, d.userId)) }));
}

/** The full agreement report for a stage; 403 `blinded` where the blinding rule forbids it. */
export function agreementReport(deps: Deps, userId: string, pid: string, stage: Stage, batch: number | null = null): AgreementReport {
  // 'ft' holds the records others' 'ta' decisions let through, so it needs 'ta' visible as well.
  if (stage === 'ft') requireUnblindedFor(deps, userId, pid, 'ta');
  requireUnblindedFor(deps, userId, pid, stage);
  const { db } = deps;
  const state = stageState(db, pid, stage);
  const maybeAs = state.project.maybeAs;
  const unblinding = screeningRepo.findUnblinding(db, pid, stage);

  const now = ratingsOf(state.decisions, new Set(state.recordIds), decisionOrder(db, pid, stage));
  const then = unblinding
    ? ratingsOf(screeningRepo.decisionsAsOf(db, pid, stage, unblinding.lastDecisionEvent), new Set(listPrimaryRecordIds(db, pid)))
    : null;
  const raters = ratersOf(deps, state, [...[...now, ...(then ?? [])].map((r) => r.userId), ...pilotDeciders(deps, state)]);
  const ids = raters.map((r) => r.userId);
  const batchSize = batch ?? defaultBatch(now);
  return {
    scope: 'stage',
    stage,
    maybeAs,
    categories: { three: [...THREE_CATEGORIES], two: [...TWO_CATEGORIES] },
    raters,
    unblinded: !!unblinding,
    unblindedAt: unblinding?.at ?? null,
    lastDecisionEvent: unblinding?.lastDecisionEvent ?? null,
    atUnblinding: then ? snapshotOf(then, ids, maybeAs) : null,
    now: snapshotOf(now, ids, maybeAs),
    drift: { batchSize, pairs: driftOf(now, ids, maybeAs, batchSize) },
    pilot: pilotAgreement(deps, state, ids),
  };
}

/**
 * The pilot round's figures alone (`scope=pilot`): for members who may see the pilot (unblinded
 * early) though not yet the stage; 400 `no_pilot` without a pilot, 403 `blinded` before it opens.
 */
export function pilotAgreementReport(deps: Deps, userId: string, pid: string, stage: Stage): PilotAgreementReport {
  requireMember(deps.db, pid, userId);
  const state = stageState(deps.db, pid, 'ta');
  if (stage !== 'ta' || state.project.pilotSize <= 0) {
    throw badRequest('Only the title/abstract stage of a project with a pilot round (pilot size above 0) has pilot figures.', { scope: 'no pilot' }, 'no_pilot');
  }
  requirePilotVisible(deps, userId, pid);
  const raters = ratersOf(deps, state, pilotDeciders(deps, state));
  return {
    scope: 'pilot',
    stage: 'ta',
    maybeAs: state.project.maybeAs,
    categories: { three: [...THREE_CATEGORIES], two: [...TWO_CATEGORIES] },
    raters,
    pilot: pilotAgreement(deps, state, raters.map((r) => r.userId))!,
  };
}

/**
 * The board's live summary from a stage state it already computed (no extra queries unless someone
 * who no longer screens has decisions). The caller decides whether the view may see it.
 */
export function boardAgreement(deps: Deps, state: StageState): BoardAgreement {
  const ratings = ratingsOf(state.decisions, new Set(state.recordIds));
  const raters = ratersOf(deps, state, ratings.map((r) => r.userId));
  return boardAgreementOf(ratings, raters, state.project.maybeAs);
}
