/**
 * Highlighting of inclusion and exclusion terms in titles and abstracts. Pure, so it is cheap to
 * test and to run on every record shown. A term ending in `*` matches any word starting with it
 * ("refugee*" matches "refugees"); matching ignores case and only takes whole words.
 */

/** A piece of text, highlighted as a sign to include or exclude, or plain (null). */
export interface Segment {
  text: string;
  kind: 'include' | 'exclude' | null;
}

interface Matcher {
  regex: RegExp | null;
  kindOf: (match: string) => 'include' | 'exclude';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD = '[\\p{L}\\p{N}]';

function compile(include: readonly string[], exclude: readonly string[]): Matcher {
  const terms = [
    ...include.map((t) => ({ t: t.trim(), kind: 'include' as const })),
    ...exclude.map((t) => ({ t: t.trim(), kind: 'exclude' as const })),
  ].filter((x) => x.t.replace(/\*$/, '').length > 0);
  if (!terms.length) return { regex: null, kindOf: () => 'include' };
  // Longer terms first, so "peer review" wins over "peer" where both are listed.
  terms.sort((a, b) => b.t.length - a.t.length);
  const source = terms
    .map(({ t }) => (t.endsWith('*') ? `${escape(t.slice(0, -1))}${WORD}*` : escape(t)))
    .join('|');
  const regex = new RegExp(`(?<!${WORD})(?:${source})(?!${WORD})`, 'giu');
  const exact = new Map<string, 'include' | 'exclude'>();
  const prefixes: { p: string; kind: 'include' | 'exclude' }[] = [];
  for (const { t, kind } of terms) {
    if (t.endsWith('*')) prefixes.push({ p: t.slice(0, -1).toLocaleLowerCase(), kind });
    else if (!exact.has(t.toLocaleLowerCase())) exact.set(t.toLocaleLowerCase(), kind);
  }
  return {
    regex,
    kindOf: (match) => {
      const m = match.toLocaleLowerCase();
      return exact.get(m) ?? prefixes.find((x) => m.startsWith(x.p))?.kind ?? 'include';
    },
  };
}

let cache: { key: string; matcher: Matcher } | null = null;

/** Splits `text` into plain and highlighted segments for the given term lists. */
export function highlight(text: string, include: readonly string[], exclude: readonly string[]): Segment[] {
  const key = JSON.stringify([include, exclude]);
  if (cache?.key !== key) cache = { key, matcher: compile(include, exclude) };
  const { regex, kindOf } = cache.matcher;
  if (!regex || !text) return [{ text, kind: null }];
  const out: Segment[] = [];
  let last = 0;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    if (m.index > last) out.push({ text: text.slice(last, m.index), kind: null });
    out.push({ text: m[0], kind: kindOf(m[0]) });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), kind: null });
  return out;
}
