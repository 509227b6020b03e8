/**
 * The board document `p/<pid>/board`, derived by the server from SQLite. Because what a person may
 * see depends on the blinding rule, each audience (which stages are visible to them) gets its own
 * server-side view; a client always opens `p/<pid>/board` and is served the view for its audience.
 */
import * as Y from 'yjs';
import type { Deps, BoardControl } from '../context';
import { STAGES, type Stage } from '../../shared/api';
import type { ReviewerProgress } from '../../shared/screening';
import type { Role } from '../../shared/roles';
import type { SyncExtension } from '../sync/documents';
import { conflictsInOrder, conflictsOf } from './service';
import { conflictsMapName, type StoredBoardStage, type StoredConflict } from '../../shared/board';
import { assignedRecordIds, isPilotUnblinded, maySeeOthersDecisions, pilotRecordIds, stageStates, type StageState } from './stages';
import * as repo from './repo';
import { writeSenseCheck } from '../themes/senseCheck';
import { boardAgreement } from '../agreement/service';

const VIEW = /^p\/([^/]+)\/board#(.+)$/;

/** The audience key for a user: which stages they may see live, e.g. 'ta:1,ft:0'. */
export function audienceKey(deps: Pick<Deps, 'db'>, pid: string, userId: string, role: Role | null): string {
  return STAGES.map((s) => `${s}:${maySeeOthersDecisions(deps.db, pid, s, userId, role) ? 1 : 0}`).join(',');
}

/** Internal name of an audience's board view. */
export const boardViewName = (pid: string, audience: string) => `p/${pid}/board#${audience}`;

/** One stage's board entry for an audience, and its live conflicts (stored apart, see shared/board.ts) when it has them. */
function buildStage(
  deps: Deps,
  pid: string,
  stage: Stage,
  visible: Map<Stage, boolean>,
  stateOf: (stage: Stage) => StageState,
): { entry: StoredBoardStage; conflicts: StoredConflict[] | null } {
  const unblinding = repo.findUnblinding(deps.db, pid, stage);
  const base = { stage, unblinded: !!unblinding, unblindedAt: unblinding?.at ?? null, visible: visible.get(stage) === true };
  if (stage === 'ft' && !visible.get('ta')) return { entry: { ...base, total: null, visible: false }, conflicts: null };
  const state = stateOf(stage);
  const entry: StoredBoardStage = { ...base, total: state.recordIds.length };
  if (!entry.visible) {
    // The pilot round, once unblinded early, is visible to every member for the calibration discussion.
    if (stage === 'ta' && isPilotUnblinded(deps.db, pid)) {
      const pilot = new Set(pilotRecordIds(deps.db, pid, state.project.pilotSize));
      entry.pilot = { recordIds: [...pilot], conflicts: conflictsOf(deps, state).filter((c) => pilot.has(c.recordId)) };
    }
    return { entry, conflicts: null };
  }
  const decidedBy = new Map<string, number>();
  for (const d of state.decisions) decidedBy.set(d.userId, (decidedBy.get(d.userId) ?? 0) + 1);
  entry.progress = state.screeners.map((s): ReviewerProgress => ({
    userId: s.userId,
    name: s.name,
    decided: decidedBy.get(s.userId) ?? 0,
    assigned: assignedRecordIds(state, s.userId).length,
  }));
  const counts = { agreedInclude: 0, agreedExclude: 0, conflicts: 0, resolved: 0, pending: 0 };
  for (const o of state.outcomes.values()) {
    if (o.status === 'agreed') o.final === 'include' ? counts.agreedInclude++ : counts.agreedExclude++;
    else if (o.status === 'conflict') counts.conflicts++;
    else if (o.status === 'resolved') counts.resolved++;
    else counts.pending++;
  }
  entry.counts = { ...counts, unscreened: unscreenedCount(state) };
  entry.agreement = boardAgreement(deps, state);
  if (!entry.unblinded) return { entry, conflicts: null };
  entry.liveConflicts = true;
  return { entry, conflicts: conflictsInOrder(deps, state) };
}

/**
 * Records someone assigned to them has not decided yet. `pending` is not enough: with three
 * screeners and two decisions required, a record two have agreed on is settled, but the third
 * would still see their decisions once the stage is unblinded.
 */
function unscreenedCount(state: StageState): number {
  const active = new Set(state.screeners.map((s) => s.userId));
  // someone removed from the stage keeps their assignment rows but no longer screens
  const assignedActive = (id: string) => {
    if (!state.assignments) return active.size;
    let n = 0;
    for (const u of state.assignments.get(id) ?? []) if (active.has(u)) n++;
    return n;
  };
  // Counts, not a set of deciders per record: at 100,000 records this runs at every board refresh.
  // Each person has one current decision per record, so a count of the right deciders is enough.
  const decidedBy = new Map<string, number>();
  for (const d of state.decisions) {
    const counted = active.has(d.userId) && (!state.assignments || (state.assignments.get(d.recordId) ?? []).includes(d.userId));
    decidedBy.set(d.recordId, (decidedBy.get(d.recordId) ?? 0) + (counted ? 1 : 0));
  }
  let n = 0;
  for (const id of state.recordIds) {
    const decided = decidedBy.get(id);
    if (decided === undefined || decided < assignedActive(id)) n++;
  }
  return n;
}

/** Makes a stage's conflicts map hold exactly `conflicts`, writing only the entries that changed. */
function writeConflicts(map: Y.Map<StoredConflict>, conflicts: readonly StoredConflict[]): void {
  const live = new Set<string>();
  for (const c of conflicts) {
    live.add(c.conflict.recordId);
    const prev = map.get(c.conflict.recordId);
    if (!prev || JSON.stringify(prev) !== JSON.stringify(c)) map.set(c.conflict.recordId, c);
  }
  for (const key of [...map.keys()]) if (!live.has(key)) map.delete(key);
}

/**
 * Milliseconds to wait before refreshing a project's board: the debounce, or longer after a costly
 * refresh. A refresh recomputes whole stages on the server's only thread (about 0.7 s for 100,000
 * records), and screeners deciding every few seconds would otherwise keep that thread busy; waiting
 * `costRatio` times the last refresh's cost after it ended caps boards at 1/(1+costRatio) of the thread.
 */
export function refreshDelay(debounceMs: number, last: { costMs: number; endedAt: number } | undefined, now: number, costRatio = 4): number {
  if (!last) return debounceMs;
  return Math.max(debounceMs, last.endedAt + last.costMs * costRatio - now);
}

/** Writes the views and tells viewers when their audience changes. */
export class BoardService implements BoardControl {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** the cost of each project's last refresh, for refreshDelay */
  private readonly lastRefresh = new Map<string, { costMs: number; endedAt: number }>();

  constructor(
    private readonly deps: Deps,
    private readonly debounceMs = 30,
  ) {}

  /** The sync extension that fills a view when it is loaded (views are never persisted). */
  extension(): SyncExtension {
    return {
      onLoad: (name, doc) => {
        const m = VIEW.exec(name);
        if (m) this.fill(m[1]!, m[2]!, doc, stageStates(this.deps.db, m[1]!));
      },
    };
  }

  refresh(pid: string): void {
    if (this.pending.has(pid)) return;
    const delay = refreshDelay(this.debounceMs, this.lastRefresh.get(pid), performance.now());
    const t = setTimeout(() => {
      this.pending.delete(pid);
      this.refreshNow(pid);
    }, delay);
    t.unref();
    this.pending.set(pid, t);
  }

  /** Recomputes every loaded view of a project now. */
  refreshNow(pid: string): void {
    const started = performance.now();
    // Every audience's view derives from the same stage states; compute them once.
    const states = stageStates(this.deps.db, pid);
    const views = this.deps.sync.loadedDocs(`p/${pid}/board#`);
    for (const { name, doc } of views) {
      const m = VIEW.exec(name);
      if (m) this.fill(pid, m[2]!, doc, states);
    }
    const endedAt = performance.now();
    if (views.length) this.lastRefresh.set(pid, { costMs: endedAt - started, endedAt });
    else this.lastRefresh.delete(pid);
  }

  audienceChanged(pid: string): void {
    this.refresh(pid);
    this.deps.sync.reconnectViews(`p/${pid}/board#`);
  }

  private fill(pid: string, audience: string, doc: Y.Doc, stateOf: (stage: Stage) => StageState): void {
    const visible = new Map(audience.split(',').map((p) => p.split(':')).map(([s, v]) => [s as Stage, v === '1']));
    const stages = doc.getMap<StoredBoardStage>('stages');
    doc.transact(() => {
      for (const stage of STAGES) {
        const { entry, conflicts } = buildStage(this.deps, pid, stage, visible, stateOf);
        const prev = stages.get(stage);
        if (!prev || JSON.stringify(prev) !== JSON.stringify(entry)) stages.set(stage, entry);
        writeConflicts(doc.getMap<StoredConflict>(conflictsMapName(stage)), conflicts ?? []);
      }
      writeSenseCheck(this.deps, pid, doc);
    }, 'board');
  }
}
