/**
 * The lead's final decision on a disputed record, with — for an exclusion — one of the project's
 * exclusion reasons, which the PRISMA diagram counts. The free-text `reason` stays the lead's note,
 * as it always was, so older clients keep working.
 */
import { z } from 'zod';
import type { Deps } from '../context';
import type { Stage } from '../../shared/api';
import { badRequest, forbidden, notFound } from '../errors';
import { nowIso } from '../ids';
import { appendEvent } from '../audit/events';
import { requireLead } from '../projects/policy';
import { findProject } from '../projects/repo';
import { isUnblinded, stageState, visibleRecords } from '../screening/stages';
import * as screeningRepo from '../screening/repo';

export const resolveBody = z.object({
  decision: z.enum(['include', 'exclude']),
  /** the lead's note (free text) */
  reason: z.string().max(2000).optional(),
  /** one of the project's exclusion reasons; only with `exclude` */
  exclusionReason: z.string().max(200).optional(),
});
export type ResolveInput = z.infer<typeof resolveBody>;

/** The chosen reason, checked against the project's list; a legacy note naming one of them counts as the choice. */
function exclusionReasonOf(input: ResolveInput, reasons: readonly string[]): string | null {
  const chosen = input.exclusionReason?.trim();
  if (chosen) {
    if (input.decision !== 'exclude') throw badRequest('An exclusion reason goes only with an exclusion.', { exclusionReason: 'only with exclude' }, 'bad_reason');
    if (!reasons.includes(chosen)) throw badRequest('That is not one of this project’s exclusion reasons.', { exclusionReason: 'not one of the project’s exclusion reasons' }, 'bad_reason');
    return chosen;
  }
  const note = input.reason?.trim() ?? '';
  return input.decision === 'exclude' && reasons.includes(note) ? note : null;
}

/** Records the lead's final decision (audited) once the stage (or the record's pilot) is unblinded. */
export function resolveRecord(deps: Deps, userId: string, pid: string, stage: Stage, recordId: string, input: ResolveInput) {
  const { db } = deps;
  requireLead(db, pid, userId);
  const visible = visibleRecords(db, pid, stage, userId);
  if (!isUnblinded(db, pid, stage) && (visible === 'all' || !visible.has(recordId))) {
    throw forbidden('Unblind the stage (or its pilot round) before settling its conflicts.', 'blinded');
  }
  const state = stageState(db, pid, stage);
  if (!state.outcomes.has(recordId)) throw notFound('That record is not in this stage.');
  const exclusionReason = exclusionReasonOf(input, findProject(db, pid)?.exclusionReasons ?? []);
  const at = nowIso();
  const reason = input.reason ?? '';
  db.transaction(() => {
    const prior = screeningRepo.listResolutions(db, pid, stage).get(recordId);
    const before = prior ? { ...prior, exclusionReason: prior.exclusionReason ?? null } : null;
    const row = { recordId, decision: input.decision, reason, source: 'lead' as const, byUser: userId, at };
    screeningRepo.upsertResolution(db, pid, stage, { ...row, exclusionReason });
    appendEvent(db, { projectId: pid, actorId: userId, type: 'record.resolved', entity: 'record', entityId: recordId, before, after: { stage, ...row, exclusionReason } });
  })();
  deps.board.refresh(pid);
  return { recordId, stage, decision: input.decision, reason, exclusionReason, at };
}
