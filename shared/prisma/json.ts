/**
 * The PRISMA 2020 flow as plain JSON for `GET /api/projects/:pid/prisma.json`: the raw counts,
 * the same boxes (ids, wording, numbers) the SVG draws, and the consistency problems.
 */
import { prismaBoxes } from './boxes';
import { checkPrismaConsistency } from './consistency';
import type { PrismaProblem } from './consistency';
import { resolveLabels } from './labels';
import type { PrismaLabels } from './labels';
import type { PrismaBoxId, PrismaCountId, PrismaCounts, PrismaPhase } from './types';

/** One box of the flow as JSON. */
export interface PrismaJsonBox {
  id: PrismaBoxId;
  column: 'databases' | 'other';
  phase: PrismaPhase;
  /** the box's lines as drawn, each with its number when it has one */
  lines: { text: string; countId: PrismaCountId | null; item: string | null; n: number | null }[];
}

/** The whole flow as JSON. */
export interface PrismaJson {
  template: 'PRISMA 2020 flow diagram for new systematic reviews';
  counts: PrismaCounts;
  /** true when the other-methods column is drawn */
  otherMethods: boolean;
  boxes: PrismaJsonBox[];
  problems: PrismaProblem[];
}

/** Plain JSON form of the flow (counts, boxes with ids and wording, problems); safe to JSON.stringify. */
export function prismaJson(counts: PrismaCounts, labels?: PrismaLabels): PrismaJson {
  const boxes = prismaBoxes(counts, resolveLabels(labels)).map((box) => ({
    id: box.id,
    column: box.column,
    phase: box.phase,
    lines: box.lines.map((line) => ({
      text: line.text,
      countId: line.count?.id ?? null,
      item: line.count?.item ?? null,
      n: line.count?.n ?? null,
    })),
  }));
  return {
    template: 'PRISMA 2020 flow diagram for new systematic reviews',
    // A deep copy, so later changes to the caller's object cannot alter a response being built.
    counts: JSON.parse(JSON.stringify(counts)) as PrismaCounts,
    otherMethods: boxes.some((b) => b.column === 'other'),
    boxes,
    problems: checkPrismaConsistency(counts),
  };
}
