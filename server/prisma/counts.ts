/**
 * The live PRISMA 2020 counts, and the records behind each, from the screening state. Pure (no SQL),
 * so the rules below are tested on their own and shared by the flow and the record lists.
 *
 * Rules:
 * - identified: per import source, the sum of `imports.parsed` (+ the lead's `notImported`); sources
 *   the lead marked as registers are drawn under Registers, with the lead's own register counts;
 * - duplicates: records linked to a primary record (`duplicate_of`); automation / other: lead-entered;
 * - screened: the primary records (the 'ta' stage); excluded: settled 'ta' excludes;
 * - sought: settled 'ta' includes (the 'ft' stage);
 * - each settled 'ft' exclude gets ONE reason (see `recordReason`); it is "not retrieved" when that
 *   reason is the not-retrieved reason, otherwise a "report excluded" under that reason;
 * - assessed: sought − not retrieved; included reports: settled 'ft' includes (+ the other-methods
 *   column's assessed − excluded); studies: the lead's `includedStudies`, else one per report.
 * Records not yet settled (pending or in conflict) are in no box after "screened" / "sought", so the
 * consistency check shows the gap until screening is done.
 */
import type { PrismaCounts, ReasonCount, SourceCount } from '../../shared/prisma/types';
import { NO_REASON, type PrismaManual } from '../../shared/prisma/report';
import type { Outcome } from '../screening/outcomes';
import type { ResolutionRow } from '../screening/repo';

/** What the counts are computed from. */
export interface PrismaInputs {
  identified: SourceCount[];
  duplicates: number;
  /** primary records in arrival order ('ta' records) and their 'ta' outcomes */
  ta: { records: string[]; outcomes: Map<string, Outcome> };
  /** 'ft' records and outcomes, with the stage's resolutions */
  ft: { records: string[]; outcomes: Map<string, Outcome>; resolutions: Map<string, ResolutionRow> };
  /** the project's exclusion reasons, in order */
  reasons: string[];
  manual: PrismaManual;
}

/** The record ids behind each record-backed number. */
export interface PrismaSets {
  screened: string[];
  excludedScreening: string[];
  sought: string[];
  notRetrieved: string[];
  assessed: string[];
  excludedReports: Map<string, string[]>;
  included: string[];
}

/** The counts, the sets behind them, and the rule in force. */
export interface PrismaComputation {
  counts: PrismaCounts;
  sets: PrismaSets;
  notRetrievedReason: string | null;
  unsettled: { ta: { pending: number; conflict: number }; ft: { pending: number; conflict: number } };
}

/** The reason counted as "not retrieved": the lead's choice, else the project's "Full text unavailable". */
export function notRetrievedReasonOf(reasons: readonly string[], manual: PrismaManual): string | null {
  if (manual.notRetrievedReason) return manual.notRetrievedReason;
  return reasons.find((r) => r.trim().toLowerCase() === 'full text unavailable') ?? null;
}

/**
 * One reason per excluded record: the exclusion reason the lead chose when settling it; else the
 * lead's note if it is exactly one of the project's reasons (settlements from before the choice);
 * else the reason most excluding reviewers gave, ties broken by the project's order of reasons (reasons
 * since removed from the project come after, alphabetically); NO_REASON when nobody gave one.
 */
export function recordReason(outcome: Outcome, resolution: ResolutionRow | undefined, reasons: readonly string[]): string {
  if (resolution?.exclusionReason) return resolution.exclusionReason;
  if (resolution && reasons.includes(resolution.reason)) return resolution.reason;
  const tally = new Map<string, number>();
  for (const d of outcome.decisions) {
    if (d.decision !== 'exclude') continue;
    for (const r of new Set(d.reasons)) tally.set(r, (tally.get(r) ?? 0) + 1);
  }
  if (tally.size === 0) return NO_REASON;
  const rank = (r: string) => {
    const i = reasons.indexOf(r);
    return i === -1 ? reasons.length : i;
  };
  return [...tally].sort(([ra, na], [rb, nb]) => nb - na || rank(ra) - rank(rb) || ra.localeCompare(rb))[0]![0];
}

const total = (list: readonly { n: number }[]) => list.reduce((s, x) => s + x.n, 0);

/** Adds counts per name into a list, keeping first-seen order. */
function merge(into: SourceCount[], extra: readonly SourceCount[]): SourceCount[] {
  const out = into.map((s) => ({ ...s }));
  for (const e of extra) {
    const hit = out.find((s) => s.source === e.source);
    if (hit) hit.n += e.n;
    else out.push({ ...e });
  }
  return out;
}

function unsettled(outcomes: Map<string, Outcome>) {
  let pending = 0;
  let conflict = 0;
  for (const o of outcomes.values()) {
    if (o.status === 'pending') pending++;
    else if (o.status === 'conflict') conflict++;
  }
  return { pending, conflict };
}

/** Computes every count of the flow and the records behind it. */
export function computePrisma(input: PrismaInputs): PrismaComputation {
  const { manual, reasons } = input;
  const registerNames = new Set(manual.registerSources);
  const fromImports = merge(input.identified, manual.notImported);
  const identified = fromImports.filter((s) => !registerNames.has(s.source));
  const registers = merge(fromImports.filter((s) => registerNames.has(s.source)), manual.registers);

  const settled = (ids: string[], outcomes: Map<string, Outcome>, final: 'include' | 'exclude') =>
    ids.filter((id) => outcomes.get(id)?.final === final);
  const excludedScreening = settled(input.ta.records, input.ta.outcomes, 'exclude');
  const sought = input.ft.records;
  const notRetrievedReason = notRetrievedReasonOf(reasons, manual);
  const notRetrieved: string[] = [];
  const byReason = new Map<string, string[]>();
  for (const id of settled(input.ft.records, input.ft.outcomes, 'exclude')) {
    const reason = recordReason(input.ft.outcomes.get(id)!, input.ft.resolutions.get(id), reasons);
    if (reason === notRetrievedReason) notRetrieved.push(id);
    else {
      const list = byReason.get(reason);
      if (list) list.push(id);
      else byReason.set(reason, [id]);
    }
  }
  // Project order first, then reasons no longer listed (alphabetically), then NO_REASON.
  const order = (r: string) => (r === NO_REASON ? reasons.length + 1 : reasons.includes(r) ? reasons.indexOf(r) : reasons.length);
  const excludedReports = new Map([...byReason].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b)));
  const gone = new Set(notRetrieved);
  const assessed = sought.filter((id) => !gone.has(id));
  const included = settled(input.ft.records, input.ft.outcomes, 'include');

  const other = manual.otherMethods;
  const includedReports = included.length + (other ? Math.max(0, other.assessed - total(other.excludedReports)) : 0);
  const counts: PrismaCounts = {
    identified,
    registers,
    duplicates: input.duplicates,
    automation: manual.automation,
    removedOther: manual.removedOther,
    screened: input.ta.records.length,
    excludedScreening: excludedScreening.length,
    sought: sought.length,
    notRetrieved: notRetrieved.length,
    assessed: assessed.length,
    excludedReports: [...excludedReports].map(([reason, ids]): ReasonCount => ({ reason, n: ids.length })),
    included: manual.includedStudies ?? includedReports,
    includedReports,
  };
  if (other) counts.otherMethods = structuredClone(other);
  return {
    counts,
    sets: { screened: input.ta.records, excludedScreening, sought, notRetrieved, assessed, excludedReports, included },
    notRetrievedReason,
    unsettled: { ta: unsettled(input.ta.outcomes), ft: unsettled(input.ft.outcomes) },
  };
}
