/**
 * Text handling for a hand-written SVG: escaping user input, and wrapping lines without a
 * DOM to measure them (the SVG is built on the server too).
 */

// Characters XML 1.0 forbids even when escaped: C0 controls other than tab, LF and CR, and
// U+FFFE/U+FFFF. A reason pasted from a PDF can carry them, and one would make the whole
// document unparseable. Unpaired surrogates are dropped too (no lookbehind: older Safari).
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const SURROGATES = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;

/** Escapes text for XML character data and attribute values, dropping characters XML cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN_IN_XML, '')
    .replace(SURROGATES, (match) => (match.length === 2 ? match : ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Collapses runs of whitespace (including newlines in user input) to single spaces. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// Glyph advances as a share of the font size, roughly Arial/Liberation Sans by character
// class, plus a safety margin: without a DOM to measure, an overestimate only wraps a
// little early, while an underestimate would spill text out of its box.
const SAFETY = 1.06;
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;
function glyphWidth(ch: string): number {
  if (ch === ' ') return 0.28;
  if (WIDE.test(ch)) return 1;
  if (/[ilj.,:;'!|()[\]{}]/.test(ch)) return 0.3;
  if (/[frtI\/-]/.test(ch)) return 0.36;
  if (/[mwMW@%]/.test(ch)) return 0.9;
  if (/[A-Z]/.test(ch)) return 0.7;
  // other lower-case letters, digits, and anything else
  return 0.56;
}

/** Estimated rendered width in px of `text` at `fontSize` (bold glyphs about 10% wider). */
export function estimateWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += glyphWidth(ch);
  return units * fontSize * SAFETY * (bold ? 1.1 : 1);
}

/**
 * Greedy word wrap to `maxWidth` px. `suffix` (e.g. "(n = 12)") is kept whole and goes on the
 * last line if it fits there, else on a line of its own. Words longer than a line are split.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false, suffix = ''): string[] {
  const fits = (s: string) => estimateWidth(s, fontSize, bold) <= maxWidth;
  const lines: string[] = [];
  let current = '';
  for (const word of normaliseSpace(text).split(' ').filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = 1;
      const chars = [...rest];
      while (cut < chars.length && fits(chars.slice(0, cut + 1).join(''))) cut++;
      lines.push(chars.slice(0, cut).join(''));
      rest = chars.slice(cut).join('');
    }
    current = rest;
  }
  if (suffix) {
    const withSuffix = current ? `${current} ${suffix}` : suffix;
    if (fits(withSuffix)) current = withSuffix;
    else {
      if (current) lines.push(current);
      current = suffix;
    }
  }
  if (current) lines.push(current);
  return lines;
}
