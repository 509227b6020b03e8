/**
 * Colours of the PRISMA diagram. The official template's yellow header and blue phase bars
 * are kept as pale tints so that dark text on them passes WCAG 2.2 AA (≥ 4.5:1) with room
 * to spare; the unit tests check every text-on-fill pair listed in PRISMA_TEXT_PAIRS.
 */

/** Named colours used by the SVG. */
export const PRISMA_PALETTE = {
  background: '#ffffff',
  boxFill: '#ffffff',
  boxStroke: '#374151',
  text: '#111827',
  link: '#1d4ed8',
  headerDatabasesFill: '#fde68a',
  headerOtherFill: '#e5e7eb',
  phaseFill: '#bfdbfe',
  phaseText: '#0f172a',
  arrow: '#374151',
  muted: '#374151',
} as const;

/** Every [text colour, background colour] combination the diagram draws. */
export const PRISMA_TEXT_PAIRS: readonly (readonly [string, string])[] = [
  [PRISMA_PALETTE.text, PRISMA_PALETTE.boxFill],
  [PRISMA_PALETTE.link, PRISMA_PALETTE.boxFill],
  [PRISMA_PALETTE.text, PRISMA_PALETTE.headerDatabasesFill],
  [PRISMA_PALETTE.text, PRISMA_PALETTE.headerOtherFill],
  [PRISMA_PALETTE.phaseText, PRISMA_PALETTE.phaseFill],
  [PRISMA_PALETTE.text, PRISMA_PALETTE.background],
  [PRISMA_PALETTE.muted, PRISMA_PALETTE.background],
];

/** WCAG 2.x relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new RangeError(`expected a #rrggbb colour, got ${hex}`);
  const [r, g, b] = match.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio between two #rrggbb colours (1 to 21). */
export function contrastRatio(foreground: string, background: string): number {
  const a = relativeLuminance(foreground);
  const b = relativeLuminance(background);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
