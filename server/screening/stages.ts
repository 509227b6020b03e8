/**
 * A stage's state, derived from SQLite: its records, screeners, assignments and outcomes; and the
 * blinding rule (DESIGN section 2) as one function every channel calls.
 */
import { stmt } from '../db/statements';
import type { DB } from '../db/database';
import type { Project, Stage } from '../../shared/api';
import type { Role } from '../../shared/roles';
import { findProject, findRole } from '../projects/repo';
import { listPrimaryRecordIds } from '../records/repo';
import { computeOutcomes, type Outcome } from './outcomes';
import * as repo from './repo';

export interface Screener {
  userId: string;
  name: string;
  role: Role;
}

/** Who screens a stage: every reviewer, plus leads and co-researchers a lead added (DESIGN section 1). */
export function screenersOf(db: DB, pid: string, stage: Stage): Screener[] {
  return stmt(db, 
      `SELECT m.user_id AS userId, u.name, m.role FROM project_members m JOIN users u ON u.id = m.user_id
       WHERE m.project_id = ? AND (m.role = 'reviewer' OR (m.role IN ('lead', 'co_researcher') AND EXISTS (
         SELECT 1 FROM stage_screeners s WHERE s.project_id = m.project_id AND s.stage = ? AND s.user_id = m.user_id)))
       ORDER BY u.name, m.user_id`,
    )
    .all(pid, stage) as Screener[];
}

/** Whether a user screens a stage. */
export function isScreener(db: DB, pid: string, stage: Stage, userId: string, role: Role | null = findRole(db, pid, userId)): boolean {
  if (role === 'reviewer') return true;
  if (role !== 'lead' && role !== 'co_researcher') return false;
  return repo.listExtraScreeners(db, pid, stage).includes(userId);
}

/** Whether the stage has been unblinded by a lead. */
export function isUnblinded(db: DB, pid: string, stage: Stage): boolean {
  return repo.findUnblinding(db, pid, stage) !== null;
}

/**
 * The blinding rule: may this user receive anything derived from other people's decisions at this
 * stage? Only once a lead unblinded it, or when the user is a lead who does not screen it.
 */
export function maySeeOthersDecisions(db: DB, pid: string, stage: Stage, userId: string, role: Role | null = findRole(db, pid, userId)): boolean {
  if (!role) return false;
  if (isUnblinded(db, pid, stage)) return true;
  return role === 'lead' && !isScreener(db, pid, stage, userId, role);
}

/** Whether the title/abstract pilot round was unblinded early for calibration. */
export function isPilotUnblinded(db: DB, pid: string): boolean {
  return repo.findUnblinding(db, pid, 'ta', 'pilot') !== null;
}

/**
 * The size of a pilot round whose records must stay as they are, else 0: once it was unblinded early
 * (and title/abstract screening not yet), a record moving into it would show its decisions to people
 * still blind. Duplicate changes and import removals both respect it.
 */
export function lockedPilotSize(db: DB, pid: string): number {
  const size = findProject(db, pid)?.pilotSize ?? 0;
  return size > 0 && isPilotUnblinded(db, pid) && !isUnblinded(db, pid, 'ta') ? size : 0;
}

/** The pilot records: the first `pilotSize` title/abstract records, screened by everyone. */
export function pilotRecordIds(db: DB, pid: string, pilotSize: number): string[] {
  return pilotSize > 0 ? listPrimaryRecordIds(db, pid).slice(0, pilotSize) : [];
}

/**
 * The records of a stage whose others' decisions this user may see: all of them, the pilot
 * records once the pilot was unblinded, or none. The per-record form of the blinding rule.
 */
export function visibleRecords(db: DB, pid: string, stage: Stage, userId: string, role: Role | null = findRole(db, pid, userId)): 'all' | Set<string> {
  if (maySeeOthersDecisions(db, pid, stage, userId, role)) return 'all';
  if (role && stage === 'ta' && isPilotUnblinded(db, pid)) {
    const project = findProject(db, pid);
    return new Set(pilotRecordIds(db, pid, project?.pilotSize ?? 0));
  }
  return new Set();
}

/** Whether a user may know which records a stage holds ('ft' holds what others' 'ta' decisions let through). */
export function mayKnowStageRecords(db: DB, pid: string, stage: Stage, userId: string, role: Role | null = findRole(db, pid, userId)): boolean {
  return stage === 'ta' || maySeeOthersDecisions(db, pid, 'ta', userId, role);
}

export interface StageState {
  project: Project;
  stage: Stage;
  /** the stage's record ids, in arrival order */
  recordIds: string[];
  screeners: Screener[];
  /** balanced mode: record → assigned screeners; 'all' mode: null (every screener has every record) */
  assignments: Map<string, string[]> | null;
  outcomes: Map<string, Outcome>;
  decisions: repo.DecisionRow[];
}

/** Which records a stage holds and who screens which: what a screener's queue needs. */
export type StageQueue = Pick<StageState, 'project' | 'stage' | 'recordIds' | 'screeners' | 'assignments'>;

/**
 * A stage's records and screeners without its decisions: 'ta' holds every primary record, 'ft'
 * the records whose 'ta' outcome is a settled include (so it needs the 'ta' state; a caller that
 * has it passes it). Queue pages need only this, and at 'ta' it costs an index read.
 */
export function stageQueue(db: DB, pid: string, stage: Stage, ta?: StageState): StageQueue {
  const project = findProject(db, pid);
  if (!project) throw new Error(`unknown project ${pid}`);
  let recordIds: string[];
  if (stage === 'ft') {
    // 'ta' holds every primary record, in arrival order.
    const taState = ta ?? stageState(db, pid, 'ta');
    recordIds = taState.recordIds.filter((id) => taState.outcomes.get(id)?.final === 'include');
  } else recordIds = listPrimaryRecordIds(db, pid);
  const screeners = screenersOf(db, pid, stage);
  const assignments = project.assignment === 'balanced' ? repo.listAssignments(db, pid, stage) : null;
  return { project, stage, recordIds, screeners, assignments };
}

/** Computes a stage's state: its queue, decisions and outcomes ('ft' reuses a 'ta' state passed in). */
export function stageState(db: DB, pid: string, stage: Stage, ta?: StageState): StageState {
  const queue = stageQueue(db, pid, stage, ta);
  const { project, recordIds, screeners } = queue;
  // Decisions on records that left the stage (merged as duplicates, or no longer through 'ta') stay
  // stored and attributed, but no longer count towards progress or outcomes.
  const inStage = new Set(recordIds);
  const decisions = repo.listDecisions(db, pid, stage).filter((d) => inStage.has(d.recordId));
  const required = Math.max(1, Math.min(project.reviewersPerRecord, screeners.length || 1));
  const outcomes = computeOutcomes(
    recordIds,
    decisions,
    repo.listResolutions(db, pid, stage),
    { required, maybeAs: project.maybeAs },
  );
  return { ...queue, outcomes, decisions };
}

/**
 * Each stage's state computed at most once: for callers that need several stages, or the same
 * stage for several audiences, while nothing is written in between (one board refresh).
 */
export function stageStates(db: DB, pid: string): (stage: Stage) => StageState {
  const memo = new Map<Stage, StageState>();
  const get = (stage: Stage): StageState => {
    let state = memo.get(stage);
    if (!state) memo.set(stage, (state = stageState(db, pid, stage, stage === 'ft' ? get('ta') : undefined)));
    return state;
  };
  return get;
}

/** Record ids a screener is to screen, in order. */
export function assignedRecordIds(state: StageQueue, userId: string): string[] {
  if (!state.screeners.some((s) => s.userId === userId)) return [];
  if (!state.assignments) return state.recordIds;
  return state.recordIds.filter((id) => state.assignments!.get(id)?.includes(userId));
}
