/**
 * Arithmetic checks on a PRISMA 2020 flow: each box should follow from the ones above it.
 * Live counts can legitimately be out of step (records still being screened), so these are
 * reported as problems for the lead to see, not thrown.
 */
import type { PrismaCountId, PrismaCounts } from './types';

/** One inconsistency, with a stable code for translation and the counts involved. */
export interface PrismaProblem {
  code:
    | 'invalidCount'
    | 'blankName'
    | 'screened'
    | 'sought'
    | 'assessed'
    | 'includedReports'
    | 'includedStudies'
    | 'otherSought'
    | 'otherAssessed';
  counts: PrismaCountId[];
  message: string;
}

const total = (list: readonly { n: number }[]): number => list.reduce((s, x) => s + x.n, 0);

/** Every count as [id, value, label for messages], including per-source and per-reason ones. */
function everyCount(c: PrismaCounts): [PrismaCountId, number, string][] {
  const list: [PrismaCountId, number, string][] = [
    ...c.identified.map((s): [PrismaCountId, number, string] => ['identified', s.n, `records identified from ${s.source}`]),
    ...c.registers.map((s): [PrismaCountId, number, string] => ['registers', s.n, `records identified from ${s.source}`]),
    ['duplicates', c.duplicates, 'duplicate records removed'],
    ['automation', c.automation, 'records marked ineligible by automation tools'],
    ['removedOther', c.removedOther, 'records removed for other reasons'],
    ['screened', c.screened, 'records screened'],
    ['excludedScreening', c.excludedScreening, 'records excluded'],
    ['sought', c.sought, 'reports sought for retrieval'],
    ['notRetrieved', c.notRetrieved, 'reports not retrieved'],
    ['assessed', c.assessed, 'reports assessed for eligibility'],
    ...c.excludedReports.map((r): [PrismaCountId, number, string] => ['excludedReports', r.n, `reports excluded (${r.reason})`]),
    ['included', c.included, 'studies included'],
    ['includedReports', c.includedReports, 'reports of included studies'],
  ];
  const o = c.otherMethods;
  if (o) {
    list.push(
      ...o.identified.map((s): [PrismaCountId, number, string] => ['otherIdentified', s.n, `records identified from ${s.source}`]),
      ['otherSought', o.sought, 'reports sought by other methods'],
      ['otherNotRetrieved', o.notRetrieved, 'reports not retrieved by other methods'],
      ['otherAssessed', o.assessed, 'reports assessed from other methods'],
      ...o.excludedReports.map((r): [PrismaCountId, number, string] => ['otherExcludedReports', r.n, `reports excluded (${r.reason})`]),
    );
  }
  return list;
}

/** Lists where the flow's numbers do not add up (empty when consistent); never throws. */
export function checkPrismaConsistency(c: PrismaCounts): PrismaProblem[] {
  const problems: PrismaProblem[] = [];
  const add = (code: PrismaProblem['code'], counts: PrismaCountId[], message: string) => problems.push({ code, counts, message });

  for (const [id, n, label] of everyCount(c)) {
    if (!Number.isInteger(n) || n < 0) add('invalidCount', [id], `${label} is ${n}, not a whole number ≥ 0`);
  }
  const names: [PrismaCountId, string][] = [
    ...c.identified.map((s): [PrismaCountId, string] => ['identified', s.source]),
    ...c.registers.map((s): [PrismaCountId, string] => ['registers', s.source]),
    ...c.excludedReports.map((r): [PrismaCountId, string] => ['excludedReports', r.reason]),
    ...(c.otherMethods?.identified ?? []).map((s): [PrismaCountId, string] => ['otherIdentified', s.source]),
    ...(c.otherMethods?.excludedReports ?? []).map((r): [PrismaCountId, string] => ['otherExcludedReports', r.reason]),
  ];
  for (const [id, name] of names) {
    if (name.trim() === '') add('blankName', [id], 'a source or exclusion reason has no name');
  }

  const identified = total(c.identified) + total(c.registers);
  const removed = c.duplicates + c.automation + c.removedOther;
  if (c.screened !== identified - removed) {
    add('screened', ['screened', 'identified', 'registers', 'duplicates', 'automation', 'removedOther'],
      `records screened (${c.screened}) ≠ records identified (${identified}) − removed before screening (${removed}) = ${identified - removed}`);
  }
  if (c.sought !== c.screened - c.excludedScreening) {
    add('sought', ['sought', 'screened', 'excludedScreening'],
      `reports sought (${c.sought}) ≠ records screened (${c.screened}) − records excluded (${c.excludedScreening}) = ${c.screened - c.excludedScreening}`);
  }
  if (c.assessed !== c.sought - c.notRetrieved) {
    add('assessed', ['assessed', 'sought', 'notRetrieved'],
      `reports assessed (${c.assessed}) ≠ reports sought (${c.sought}) − not retrieved (${c.notRetrieved}) = ${c.sought - c.notRetrieved}`);
  }

  const o = c.otherMethods;
  const keptHere = c.assessed - total(c.excludedReports);
  const keptOther = o ? o.assessed - total(o.excludedReports) : 0;
  if (c.includedReports !== keptHere + keptOther) {
    const expected = o
      ? `reports assessed − excluded in both columns (${keptHere} + ${keptOther}) = ${keptHere + keptOther}`
      : `reports assessed (${c.assessed}) − reports excluded (${total(c.excludedReports)}) = ${keptHere}`;
    const ids: PrismaCountId[] = ['includedReports', 'assessed', 'excludedReports'];
    if (o) ids.push('otherAssessed', 'otherExcludedReports');
    add('includedReports', ids, `reports of included studies (${c.includedReports}) ≠ ${expected}`);
  }
  // A study may be reported in several papers, never in none.
  if (c.included > c.includedReports) {
    add('includedStudies', ['included', 'includedReports'],
      `studies included (${c.included}) > reports of included studies (${c.includedReports}): each study needs at least one report`);
  } else if (c.included === 0 && c.includedReports > 0) {
    add('includedStudies', ['included', 'includedReports'],
      `${c.includedReports} reports of included studies but no studies included`);
  }

  if (o) {
    const otherIdentified = total(o.identified);
    if (o.sought > otherIdentified) {
      add('otherSought', ['otherSought', 'otherIdentified'],
        `reports sought by other methods (${o.sought}) > records identified by other methods (${otherIdentified})`);
    }
    if (o.assessed !== o.sought - o.notRetrieved) {
      add('otherAssessed', ['otherAssessed', 'otherSought', 'otherNotRetrieved'],
        `reports assessed from other methods (${o.assessed}) ≠ sought (${o.sought}) − not retrieved (${o.notRetrieved}) = ${o.sought - o.notRetrieved}`);
    }
  }
  return problems;
}
