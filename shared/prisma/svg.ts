/**
 * PRISMA 2020 flow diagram as a standalone SVG 1.1 document, built as a string so the same
 * code serves `GET /api/projects/:pid/prisma.svg` and the browser. Every user-supplied string
 * (source names, exclusion reasons, labels, title, link URLs) goes through escapeXml.
 */
import { prismaBoxes } from './boxes';
import type { PrismaBox, PrismaCountRef } from './boxes';
import { resolveLabels } from './labels';
import type { PrismaLabelKey, PrismaLabels } from './labels';
import { FONT_SIZE, INDENT, LINE_HEIGHT, MARGIN, PAD_X, PAD_Y, SMALL_FONT_SIZE, countSuffix, layoutPrisma } from './layout';
import type { PlacedBox, PrismaLayout, Rect } from './layout';
import { PRISMA_PALETTE as C } from './palette';
import { escapeXml } from './text';
import type { PrismaBoxId, PrismaCountId, PrismaCounts, PrismaPhase } from './types';

/** Options for prismaSvg. */
export interface PrismaSvgOptions {
  /** accessible name (<title>) and a visible heading; defaults to "PRISMA 2020 flow diagram", not drawn */
  title?: string;
  /** URL a number should link to (e.g. the filtered record list), or null for plain text */
  link?: (countId: PrismaCountId, item?: string) => string | null;
  /** replacement wording, e.g. a translation of the template */
  labels?: PrismaLabels;
  /** prefix of element ids, so several diagrams can share one HTML page; default "prisma" */
  idPrefix?: string;
}

const FONT_FAMILY = "Arial, Helvetica, 'Liberation Sans', sans-serif";
const PHASE_KEYS: Record<PrismaPhase, PrismaLabelKey> = {
  identification: 'phaseIdentification',
  screening: 'phaseScreening',
  included: 'phaseIncluded',
};

/** Only web and same-site URLs become links; anything like javascript: is dropped. */
function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (scheme && !['http', 'https', 'mailto'].includes(scheme[1].toLowerCase())) return null;
  return trimmed;
}

const num = (v: number) => Math.round(v * 10) / 10;

/** Text content of one rendered line: the words, then "(n = …)" with the number linked if asked. */
function lineContent(text: string, count: PrismaCountRef | undefined, last: boolean, nLabel: string, options: PrismaSvgOptions): string {
  if (!count || !last) return escapeXml(text);
  const suffix = countSuffix(nLabel, count.n);
  const head = text.slice(0, text.length - suffix.length);
  const href = safeHref(options.link?.(count.id, count.item));
  const figure = String(count.n);
  const linked = href
    ? `<a href="${escapeXml(href)}" xlink:href="${escapeXml(href)}"><tspan fill="${C.link}" text-decoration="underline">${figure}</tspan></a>`
    : figure;
  return `${escapeXml(head)}(${escapeXml(nLabel)} = ${linked})`;
}

function renderBox(placed: PlacedBox, prefix: string, nLabel: string, options: PrismaSvgOptions): string {
  const { box, rect, rendered, centred } = placed;
  const contentHeight = rendered.length * LINE_HEIGHT;
  const top = rect.y + (rect.height - contentHeight) / 2;
  const lines = rendered.map((line, i) => {
    const source = box.lines[line.source];
    const x = centred ? rect.x + rect.width / 2 : rect.x + PAD_X + (source.indent ? INDENT : 0);
    const baseline = top + i * LINE_HEIGHT + LINE_HEIGHT * 0.72;
    const anchor = centred ? ' text-anchor="middle"' : '';
    const weight = source.heading ? ' font-weight="bold"' : '';
    return `<text x="${num(x)}" y="${num(baseline)}"${anchor}${weight}>${lineContent(line.text, source.count, line.last, nLabel, options)}</text>`;
  });
  return [
    `<g id="${prefix}-${box.id}">`,
    `<rect x="${num(rect.x)}" y="${num(rect.y)}" width="${num(rect.width)}" height="${num(rect.height)}" rx="4" fill="${C.boxFill}" stroke="${C.boxStroke}" stroke-width="1.5"/>`,
    ...lines,
    '</g>',
  ].join('\n');
}

/** Straight or elbowed arrows between boxes, ending on the target's edge. */
function renderArrows(layout: PrismaLayout, prefix: string): string {
  const rect = (id: PrismaBoxId): Rect | undefined => layout.boxes.get(id)?.rect;
  const paths: string[] = [];
  const down = (from: PrismaBoxId, to: PrismaBoxId) => {
    const a = rect(from);
    const b = rect(to);
    if (!a || !b) return;
    const x = a.x + a.width / 2;
    paths.push(`M${num(x)} ${num(a.y + a.height)} V${num(b.y)}`);
  };
  const right = (from: PrismaBoxId, to: PrismaBoxId) => {
    const a = rect(from);
    const b = rect(to);
    if (!a || !b) return;
    const y = a.y + a.height / 2;
    paths.push(`M${num(a.x + a.width)} ${num(y)} H${num(b.x)}`);
  };
  down('identified', 'screened');
  down('screened', 'sought');
  down('sought', 'assessed');
  down('assessed', 'included');
  right('identified', 'removed');
  right('screened', 'excludedScreening');
  right('sought', 'notRetrieved');
  right('assessed', 'excludedReports');
  down('otherIdentified', 'otherSought');
  down('otherSought', 'otherAssessed');
  right('otherSought', 'otherNotRetrieved');
  right('otherAssessed', 'otherExcludedReports');
  const otherAssessed = rect('otherAssessed');
  const included = rect('included');
  if (otherAssessed && included) {
    // Down from the other-methods column, then left into the included box, as in the template.
    const x = otherAssessed.x + otherAssessed.width / 2;
    const y = included.y + included.height / 2;
    paths.push(`M${num(x)} ${num(otherAssessed.y + otherAssessed.height)} V${num(y)} H${num(included.x + included.width)}`);
  }
  return paths
    .map((d) => `<path d="${d}" fill="none" stroke="${C.arrow}" stroke-width="1.5" marker-end="url(#${prefix}-arrow)"/>`)
    .join('\n');
}

/** Plain-text account of the whole flow for <desc>, so screen-reader users get every number. */
function describeFlow(boxes: PrismaBox[], labels: Record<PrismaLabelKey, string>): string {
  const sentence = (box: PrismaBox) =>
    box.lines.map((l) => (l.count ? `${l.text} (${labels.n} = ${l.count.n})` : l.text)).join(' ');
  const parts: string[] = [];
  for (const column of ['databases', 'other'] as const) {
    const inColumn = boxes.filter((b) => b.column === column);
    if (inColumn.length === 0) continue;
    const header = column === 'databases' ? labels.headerDatabases : labels.headerOther;
    const phases = (Object.keys(PHASE_KEYS) as PrismaPhase[])
      .map((phase) => {
        const inPhase = inColumn.filter((b) => b.phase === phase);
        return inPhase.length ? `${labels[PHASE_KEYS[phase]]}: ${inPhase.map(sentence).join('; ')}.` : '';
      })
      .filter(Boolean);
    parts.push(`${header}. ${phases.join(' ')}`);
  }
  return parts.join(' ');
}

/** Renders the PRISMA 2020 flow for new systematic reviews as a standalone SVG 1.1 document. */
export function prismaSvg(counts: PrismaCounts, options: PrismaSvgOptions = {}): string {
  const labels = resolveLabels(options.labels);
  const prefix = (options.idPrefix ?? 'prisma').replace(/[^A-Za-z0-9_-]/g, '') || 'prisma';
  const title = options.title?.trim() ? options.title.trim() : null;
  const boxes = prismaBoxes(counts, labels);
  const layout = layoutPrisma(boxes, {
    title,
    headerDatabases: labels.headerDatabases,
    headerOther: labels.headerOther,
    phases: { identification: labels.phaseIdentification, screening: labels.phaseScreening, included: labels.phaseIncluded },
    n: labels.n,
  });
  const { width, height } = layout;

  const titleText = layout.titleLines
    .map((l) => `<text x="${MARGIN}" y="${num(l.y)}" font-size="18" font-weight="bold">${escapeXml(l.text)}</text>`)
    .join('\n');
  const headers = layout.headers.map(({ key, rect, lines }) => {
    const fill = key === 'headerDatabases' ? C.headerDatabasesFill : C.headerOtherFill;
    const text = lines
      .map((line, i) => {
        const y = rect.y + PAD_Y + i * LINE_HEIGHT + LINE_HEIGHT * 0.72;
        return `<text x="${num(rect.x + rect.width / 2)}" y="${num(y)}" text-anchor="middle" font-weight="bold">${escapeXml(line)}</text>`;
      })
      .join('\n');
    return `<g id="${prefix}-${key}">\n<rect x="${num(rect.x)}" y="${num(rect.y)}" width="${num(rect.width)}" height="${num(rect.height)}" rx="6" fill="${fill}" stroke="${C.boxStroke}" stroke-width="1"/>\n${text}\n</g>`;
  });
  const phases = layout.phases.map(({ phase, rect }) => {
    const cx = rect.x + rect.width / 2;
    const cy = rect.y + rect.height / 2;
    return [
      `<g id="${prefix}-phase-${phase}">`,
      `<rect x="${num(rect.x)}" y="${num(rect.y)}" width="${num(rect.width)}" height="${num(rect.height)}" rx="8" fill="${C.phaseFill}"/>`,
      `<text x="${num(cx)}" y="${num(cy)}" transform="rotate(-90 ${num(cx)} ${num(cy)})" text-anchor="middle" dominant-baseline="central" font-weight="bold" fill="${C.phaseText}">${escapeXml(labels[PHASE_KEYS[phase]])}</text>`,
      '</g>',
    ].join('\n');
  });
  const boxMarkup = [...layout.boxes.values()].map((p) => renderBox(p, prefix, labels.n, options));

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-labelledby="${prefix}-title ${prefix}-desc">`,
    `<title id="${prefix}-title">${escapeXml(title ?? labels.title)}</title>`,
    `<desc id="${prefix}-desc">${escapeXml(describeFlow(boxes, labels))}</desc>`,
    '<defs>',
    `<marker id="${prefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${C.arrow}"/></marker>`,
    '</defs>',
    `<rect x="0" y="0" width="${num(width)}" height="${num(height)}" fill="${C.background}"/>`,
    `<g font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}" fill="${C.text}">`,
    titleText,
    ...headers,
    ...phases,
    renderArrows(layout, prefix),
    ...boxMarkup,
    `<text x="${MARGIN}" y="${num(layout.footerY)}" font-size="${SMALL_FONT_SIZE}" fill="${C.muted}">${escapeXml(labels.source)}</text>`,
    '</g>',
    '</svg>',
    '',
  ]
    .filter((part) => part !== '')
    .join('\n')
    .concat('\n');
}
