/**
 * Validation of a decision written in a private document, before it may reach SQLite:
 * known record of this project, in the stage, assigned to this screener, allowed value and reasons.
 */
import { stmt } from '../db/statements';
import type { DB } from '../db/database';
import type { Project, Stage } from '../../shared/api';
import { decisionValue, type DecisionValue } from '../../shared/screening';
import { recordStanding } from '../records/repo';
import { findRole } from '../projects/repo';
import { computeOutcomes } from './outcomes';
import { isScreener, maySeeOthersDecisions, screenersOf } from './stages';
import * as repo from './repo';

export type Checked = { ok: true; value: DecisionValue | null } | { ok: false; reason: string };

/** The settled 'ta' outcome of one record (whether it reached full text). */
function passedTitleAbstract(db: DB, project: Project, recordId: string): boolean {
  const decisions = stmt(db, 'SELECT * FROM decisions WHERE project_id = ? AND stage = ? AND record_id = ?')
    .all(project.id, 'ta', recordId) as Record<string, string>[];
  const rows = decisions.map((r) => ({ recordId, userId: r.user_id!, decision: r.decision as DecisionValue['decision'], reasons: [], note: '', at: '' }));
  const resolutions = new Map([...repo.listResolutions(db, project.id, 'ta')].filter(([id]) => id === recordId));
  const required = Math.max(1, Math.min(project.reviewersPerRecord, screenersOf(db, project.id, 'ta').length || 1));
  return computeOutcomes([recordId], rows, resolutions, { required, maybeAs: project.maybeAs }).get(recordId)?.final === 'include';
}

/** Checks a decision value (null = withdrawn) a user wrote for a record at a stage. */
export function checkDecision(db: DB, project: Project, stage: Stage, userId: string, recordId: string, raw: unknown): Checked {
  const standing = recordStanding(db, recordId);
  if (!standing || standing.projectId !== project.id) return { ok: false, reason: 'Unknown record for this project.' };
  if (!standing.primary) return { ok: false, reason: 'This record is a duplicate; screen its primary record instead.' };
  const role = findRole(db, project.id, userId);
  if (!isScreener(db, project.id, stage, userId, role)) return { ok: false, reason: 'You are not a screener of this stage.' };
  // A uniform refusal while title/abstract is blinded for this person: which records reached full
  // text is derived from the other reviewers' decisions.
  if (stage === 'ft' && !maySeeOthersDecisions(db, project.id, 'ta', userId, role)) {
    return { ok: false, reason: 'Full-text screening opens once title/abstract screening is unblinded.' };
  }
  if (stage === 'ft' && !passedTitleAbstract(db, project, recordId)) {
    return { ok: false, reason: 'This record has not passed title/abstract screening.' };
  }
  if (project.assignment === 'balanced') {
    const assigned = stmt(db, 'SELECT 1 FROM assignments WHERE project_id = ? AND stage = ? AND record_id = ? AND user_id = ?')
      .get(project.id, stage, recordId, userId);
    if (!assigned) return { ok: false, reason: 'This record is not assigned to you.' };
  }
  if (raw === null || raw === undefined) return { ok: true, value: null };
  const parsed = decisionValue.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'Not a valid decision (include, exclude or maybe, with reasons, note and time).' };
  const value = parsed.data;
  const unknown = value.reasons.filter((r) => !project.exclusionReasons.includes(r));
  if (unknown.length) return { ok: false, reason: `Unknown exclusion reason: ${unknown.join(', ')}.` };
  if (value.decision !== 'exclude' && value.reasons.length) return { ok: false, reason: 'Exclusion reasons go with an exclude decision only.' };
  if (stage === 'ft' && value.decision === 'exclude' && value.reasons.length === 0) {
    return { ok: false, reason: 'A full-text exclusion needs at least one reason.' };
  }
  return { ok: true, value };
}
