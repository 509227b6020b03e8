/**
 * Geometry of the PRISMA 2020 flow diagram: where each box sits, following the official
 * template — phase bars on the left, the databases-and-registers column with its "removed /
 * excluded" boxes to the right of the main flow, and the optional other-methods column on
 * the far right, whose assessed reports join the "included" box.
 */
import type { PrismaBox } from './boxes';
import type { PrismaBoxId, PrismaPhase } from './types';
import { estimateWidth, wrapText } from './text';

export const FONT_SIZE = 14;
export const SMALL_FONT_SIZE = 12;
export const LINE_HEIGHT = 19;
export const PAD_X = 12;
export const PAD_Y = 10;
export const INDENT = 14;
export const BOX_WIDTH = 300;
const ARROW_GAP = 52;
const COLUMN_GAP = 64;
const ROW_GAP = 44;
export const MARGIN = 20;
const PHASE_WIDTH = 34;
const PHASE_GAP = 16;

/** Grid slot of every box: row 0 identification … row 4 included; column 0–3 left to right. */
const SLOTS: Record<PrismaBoxId, { row: number; col: number }> = {
  identified: { row: 0, col: 0 },
  removed: { row: 0, col: 1 },
  screened: { row: 1, col: 0 },
  excludedScreening: { row: 1, col: 1 },
  sought: { row: 2, col: 0 },
  notRetrieved: { row: 2, col: 1 },
  assessed: { row: 3, col: 0 },
  excludedReports: { row: 3, col: 1 },
  included: { row: 4, col: 0 },
  otherIdentified: { row: 0, col: 2 },
  otherSought: { row: 2, col: 2 },
  otherNotRetrieved: { row: 2, col: 3 },
  otherAssessed: { row: 3, col: 2 },
  otherExcludedReports: { row: 3, col: 3 },
};

const PHASE_ROWS: Record<PrismaPhase, [number, number]> = {
  identification: [0, 0],
  screening: [1, 3],
  included: [4, 4],
};

/** A rectangle in SVG user units. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A box's rectangle and its text already wrapped into rendered lines. */
export interface PlacedBox {
  box: PrismaBox;
  rect: Rect;
  /** one entry per rendered line; `source` indexes box.lines */
  rendered: { text: string; source: number; last: boolean }[];
  /** centre the text (single-figure boxes, as in the template) rather than left-align it */
  centred: boolean;
}

/** Everything the renderer needs to draw the diagram. */
export interface PrismaLayout {
  width: number;
  height: number;
  titleLines: { text: string; y: number }[];
  headers: { key: 'headerDatabases' | 'headerOther'; rect: Rect; lines: string[] }[];
  phases: { phase: PrismaPhase; rect: Rect }[];
  boxes: Map<PrismaBoxId, PlacedBox>;
  footerY: number;
}

/** Text of the "(n = …)" suffix, shared by layout (to measure) and renderer (to draw). */
export function countSuffix(nLabel: string, n: number): string {
  return `(${nLabel} = ${n})`;
}

/** Lays out the diagram; `texts` holds the already-resolved header, phase and title strings. */
export function layoutPrisma(
  boxes: PrismaBox[],
  texts: { title: string | null; headerDatabases: string; headerOther: string; phases: Record<PrismaPhase, string>; n: string },
): PrismaLayout {
  const withOther = boxes.some((b) => b.column === 'other');
  const columnX = [MARGIN + PHASE_WIDTH + PHASE_GAP];
  columnX.push(columnX[0] + BOX_WIDTH + ARROW_GAP);
  columnX.push(columnX[1] + BOX_WIDTH + COLUMN_GAP);
  columnX.push(columnX[2] + BOX_WIDTH + ARROW_GAP);
  const width = columnX[withOther ? 3 : 1] + BOX_WIDTH + MARGIN;
  let y = MARGIN;

  const titleLines: PrismaLayout['titleLines'] = [];
  if (texts.title) {
    for (const line of wrapText(texts.title, width - 2 * MARGIN, 18, true)) {
      titleLines.push({ text: line, y: y + 18 });
      y += 24;
    }
    y += 10;
  }

  const headerSpan = 2 * BOX_WIDTH + ARROW_GAP;
  const headerText = (text: string) => wrapText(text, headerSpan - 2 * PAD_X, FONT_SIZE, true);
  const headerSpecs: { key: 'headerDatabases' | 'headerOther'; x: number; lines: string[] }[] = [
    { key: 'headerDatabases', x: columnX[0], lines: headerText(texts.headerDatabases) },
  ];
  if (withOther) headerSpecs.push({ key: 'headerOther', x: columnX[2], lines: headerText(texts.headerOther) });
  const headerHeight = Math.max(...headerSpecs.map((h) => h.lines.length)) * LINE_HEIGHT + 2 * PAD_Y;
  const headers = headerSpecs.map((h) => ({ key: h.key, lines: h.lines, rect: { x: h.x, y, width: headerSpan, height: headerHeight } }));
  y += headerHeight + 24;

  // Wrap every box's text first: row heights follow from the tallest box in the row.
  const placed = new Map<PrismaBoxId, PlacedBox>();
  const rowHeights = [0, 0, 0, 0, 0];
  for (const box of boxes) {
    const rendered: PlacedBox['rendered'] = [];
    box.lines.forEach((line, source) => {
      const indent = line.indent ? INDENT : 0;
      const suffix = line.count ? countSuffix(texts.n, line.count.n) : '';
      const wrapped = wrapText(line.text, BOX_WIDTH - 2 * PAD_X - indent, FONT_SIZE, line.heading, suffix);
      wrapped.forEach((text, i) => rendered.push({ text, source, last: i === wrapped.length - 1 }));
    });
    const centred = box.lines.every((l) => !l.heading && !l.indent);
    const { row, col } = SLOTS[box.id];
    const height = rendered.length * LINE_HEIGHT + 2 * PAD_Y;
    rowHeights[row] = Math.max(rowHeights[row], height);
    placed.set(box.id, { box, rendered, centred, rect: { x: columnX[col], y: 0, width: BOX_WIDTH, height } });
  }

  // A phase bar must be tall enough for its rotated label.
  const phaseNeed = (phase: PrismaPhase) => estimateWidth(texts.phases[phase], FONT_SIZE, true) + 2 * PAD_Y;
  rowHeights[0] = Math.max(rowHeights[0], phaseNeed('identification'));
  rowHeights[4] = Math.max(rowHeights[4], phaseNeed('included'));
  const screeningSpan = rowHeights[1] + rowHeights[2] + rowHeights[3] + 2 * ROW_GAP;
  rowHeights[2] += Math.max(0, phaseNeed('screening') - screeningSpan);

  const rowY: number[] = [];
  for (const h of rowHeights) {
    rowY.push(y);
    y += h + ROW_GAP;
  }
  for (const p of placed.values()) {
    const { row } = SLOTS[p.box.id];
    p.rect = { ...p.rect, y: rowY[row], height: rowHeights[row] };
  }

  const phases = (Object.keys(PHASE_ROWS) as PrismaPhase[]).map((phase) => {
    const [first, last] = PHASE_ROWS[phase];
    const top = rowY[first];
    return { phase, rect: { x: MARGIN, y: top, width: PHASE_WIDTH, height: rowY[last] + rowHeights[last] - top } };
  });

  const footerY = y - ROW_GAP + 28;
  return { width, height: footerY + MARGIN, titleLines, headers, phases, boxes: placed, footerY };
}
