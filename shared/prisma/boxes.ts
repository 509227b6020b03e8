/**
 * What each box of the PRISMA 2020 flow says, independent of how it is drawn: the SVG and
 * the JSON export are both built from this, so they cannot disagree.
 */
import type { PrismaLabelKey } from './labels';
import type { PrismaBoxId, PrismaCountId, PrismaCounts, PrismaPhase, ReasonCount, SourceCount } from './types';

/** One number in a box, with what the `link` callback needs to point at it. */
export interface PrismaCountRef {
  id: PrismaCountId;
  n: number;
  /** the source or reason, for per-source and per-reason numbers */
  item?: string;
}

/** One line of a box: a text, optionally followed by "(n = …)". */
export interface PrismaLine {
  text: string;
  count?: PrismaCountRef;
  /** a heading line ("Records identified from:") */
  heading?: boolean;
  /** an item under a heading (one database, one reason) */
  indent?: boolean;
}

/** One box of the flow. */
export interface PrismaBox {
  id: PrismaBoxId;
  column: 'databases' | 'other';
  phase: PrismaPhase;
  lines: PrismaLine[];
}

type Labels = Record<PrismaLabelKey, string>;

const sum = (list: readonly { n: number }[]): number => list.reduce((s, x) => s + x.n, 0);

/** Lines for one group of sources (databases, registers): one line, or a total with the sources under it. */
function sourceLines(id: 'identified' | 'registers', groupLabel: string, sources: readonly SourceCount[]): PrismaLine[] {
  if (sources.length === 0) return [{ text: groupLabel, count: { id, n: 0 } }];
  if (sources.length === 1) {
    const [only] = sources;
    return [{ text: `${groupLabel}: ${only.source}`, count: { id, n: only.n, item: only.source } }];
  }
  return [
    { text: groupLabel, count: { id, n: sum(sources) } },
    ...sources.map((s) => ({ text: s.source, count: { id, n: s.n, item: s.source }, indent: true })),
  ];
}

/** "Reports excluded (n = total)" followed by one line per reason, as PRISMA asks. */
function reasonLines(id: 'excludedReports' | 'otherExcludedReports', label: string, reasons: readonly ReasonCount[]): PrismaLine[] {
  return [
    { text: label, count: { id, n: sum(reasons) }, heading: true },
    ...reasons.map((r) => ({ text: r.reason, count: { id, n: r.n, item: r.reason }, indent: true })),
  ];
}

/** True when the "other methods" column has anything to show. */
export function hasOtherMethods(counts: PrismaCounts): boolean {
  const other = counts.otherMethods;
  if (!other) return false;
  return (
    other.identified.some((s) => s.n > 0) ||
    other.sought > 0 ||
    other.notRetrieved > 0 ||
    other.assessed > 0 ||
    other.excludedReports.some((r) => r.n > 0)
  );
}

/** The boxes of the flow with their text and numbers, the other-methods ones only when that column is used. */
export function prismaBoxes(counts: PrismaCounts, labels: Labels): PrismaBox[] {
  const db = (id: PrismaBoxId, phase: PrismaPhase, lines: PrismaLine[]): PrismaBox => ({ id, column: 'databases', phase, lines });
  const single = (id: 'screened' | 'excludedScreening' | 'sought' | 'notRetrieved' | 'assessed', n: number): PrismaLine[] => [{ text: labels[id], count: { id, n } }];

  const boxes: PrismaBox[] = [
    db('identified', 'identification', [
      { text: labels.identified, heading: true },
      ...sourceLines('identified', labels.databases, counts.identified),
      ...sourceLines('registers', labels.registers, counts.registers),
    ]),
    db('removed', 'identification', [
      { text: labels.removed, heading: true },
      { text: labels.duplicates, count: { id: 'duplicates', n: counts.duplicates }, indent: true },
      { text: labels.automation, count: { id: 'automation', n: counts.automation }, indent: true },
      { text: labels.removedOther, count: { id: 'removedOther', n: counts.removedOther }, indent: true },
    ]),
    db('screened', 'screening', single('screened', counts.screened)),
    db('excludedScreening', 'screening', single('excludedScreening', counts.excludedScreening)),
    db('sought', 'screening', single('sought', counts.sought)),
    db('notRetrieved', 'screening', single('notRetrieved', counts.notRetrieved)),
    db('assessed', 'screening', single('assessed', counts.assessed)),
    db('excludedReports', 'screening', reasonLines('excludedReports', labels.excludedReports, counts.excludedReports)),
    db('included', 'included', [
      { text: labels.included, count: { id: 'included', n: counts.included } },
      { text: labels.includedReports, count: { id: 'includedReports', n: counts.includedReports } },
    ]),
  ];

  const other = counts.otherMethods;
  if (other && hasOtherMethods(counts)) {
    const box = (id: PrismaBoxId, phase: PrismaPhase, lines: PrismaLine[]): PrismaBox => ({ id, column: 'other', phase, lines });
    const identifiedLines: PrismaLine[] =
      other.identified.length === 0
        ? [{ text: labels.otherNone, count: { id: 'otherIdentified', n: 0 } }]
        : other.identified.map((s) => ({ text: s.source, count: { id: 'otherIdentified', n: s.n, item: s.source }, indent: true }));
    boxes.push(
      box('otherIdentified', 'identification', [{ text: labels.otherIdentified, heading: true }, ...identifiedLines]),
      box('otherSought', 'screening', [{ text: labels.sought, count: { id: 'otherSought', n: other.sought } }]),
      box('otherNotRetrieved', 'screening', [{ text: labels.notRetrieved, count: { id: 'otherNotRetrieved', n: other.notRetrieved } }]),
      box('otherAssessed', 'screening', [{ text: labels.assessed, count: { id: 'otherAssessed', n: other.assessed } }]),
      box('otherExcludedReports', 'screening', reasonLines('otherExcludedReports', labels.excludedReports, other.excludedReports)),
    );
  }
  return boxes;
}
