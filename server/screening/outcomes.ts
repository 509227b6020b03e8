/**
 * Where each record stands at a stage, from the screeners' current decisions and any resolution:
 * pending, agreed, in conflict, or resolved. Pure, so the board, HTTP and tests share it.
 */
import type { Decision } from '../../shared/screening';
import type { RecordStatus } from '../../shared/screening';
import type { DecisionRow, ResolutionRow } from './repo';

export interface Outcome {
  status: RecordStatus;
  /** the settled decision (agreed or resolved), else null */
  final: 'include' | 'exclude' | null;
  decisions: DecisionRow[];
}

export interface OutcomeRules {
  /** decisions needed before agreement counts (reviewersPerRecord, capped by the number of screeners) */
  required: number;
  /** how a 'maybe' counts when comparing decisions (project rule; default include) */
  maybeAs: 'include' | 'exclude';
}

/** The include/exclude a decision counts as for agreement. */
export const normalise = (d: Decision, maybeAs: 'include' | 'exclude'): 'include' | 'exclude' => (d === 'maybe' ? maybeAs : d);

const UNDECIDED: Outcome = Object.freeze({ status: 'pending', final: null, decisions: Object.freeze([]) as unknown as DecisionRow[] });

/** Outcomes for `recordIds` given every current decision and resolution of the stage. */
export function computeOutcomes(
  recordIds: string[],
  decisions: DecisionRow[],
  resolutions: Map<string, ResolutionRow>,
  rules: OutcomeRules,
): Map<string, Outcome> {
  const byRecord = new Map<string, DecisionRow[]>();
  for (const d of decisions) {
    const list = byRecord.get(d.recordId);
    if (list) list.push(d);
    else byRecord.set(d.recordId, [d]);
  }
  const out = new Map<string, Outcome>();
  for (const id of recordIds) {
    const ds = byRecord.get(id);
    const resolution = resolutions.get(id);
    if (resolution) {
      out.set(id, { status: 'resolved', final: resolution.decision, decisions: ds ?? [] });
      continue;
    }
    // Most records of a large stage are undecided: they share one frozen outcome.
    if (!ds) {
      out.set(id, UNDECIDED);
      continue;
    }
    const kinds = new Set(ds.map((d) => normalise(d.decision, rules.maybeAs)));
    if (kinds.size > 1) out.set(id, { status: 'conflict', final: null, decisions: ds });
    else if (ds.length >= rules.required && kinds.size === 1) out.set(id, { status: 'agreed', final: [...kinds][0]!, decisions: ds });
    else out.set(id, { status: 'pending', final: null, decisions: ds });
  }
  return out;
}
