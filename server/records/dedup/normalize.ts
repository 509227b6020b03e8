const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', kappa: 'κ', mu: 'μ', micro: 'µ', plusmn: '±', times: '×',
};

/** Greek letters as some databases spell them out ("beta-amyloid" vs "β-amyloid"). */
const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ι: 'iota',
  κ: 'kappa', λ: 'lambda', μ: 'mu', µ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', ς: 'sigma',
  τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o',
  ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};

const GREEK_RE = new RegExp(`[${Object.keys(GREEK).join('')}]`, 'g');

/** Decodes the HTML entities that leak into titles from web exports. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, code: string) => {
    if (code[0] === '#') {
      const n = code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[code.toLowerCase()] ?? m;
  });
}

/**
 * Folds text for comparison: entities decoded, tags (<i>, MathML) dropped, Greek letters
 * spelt out, diacritics removed, lower case, every run of other characters one space. So
 * "[The Müllerian duct]." and "The Mullerian Duct" fold to the same string.
 */
export function foldText(raw: string): string {
  let text = raw.includes('&') ? decodeEntities(raw) : raw;
  // Tags go without a trace: "PM<sub>2.5</sub>" must fold like "PM2.5"
  if (text.includes('<')) text = text.replace(/<[^>]{0,200}>/g, '');
  // Embase appends the original language: "… [Japanese]", "… [Article in French]"
  if (/[\])]\s*\.?\s*$/.test(text)) text = text.replace(LANGUAGE_NOTE, '');
  text = text.toLowerCase();
  if (!ASCII.test(text)) {
    text = text.replace(GREEK_RE, (ch) => ` ${GREEK[ch]} `).normalize('NFKD').replace(/\p{M}+/gu, '');
  }
  return text.replace(/[^a-z0-9]+/g, ' ').trim();
}

const ASCII = /^[\x00-\x7f]*$/;
const LANGUAGE_NOTE = /\s*[[(](?:article in |text in )?[A-Z][a-z]+(?:, [A-Z][a-z]+)*[\])]\s*\.?\s*$/;

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in into is it its of on or that the their this to was were with'.split(' '),
);

/** Title words that carry meaning, for blocking and overlap scores. */
export function contentTokens(words: readonly string[]): string[] {
  return words.filter((t) => t.length > 1 && !STOPWORDS.has(t));
}

const ROMAN = new Set(['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii']);

/**
 * Numbers among a folded title's words, plus Roman numerals after "part"/"phase": titles of
 * the parts of a series ("… Part 1" / "… Part 2") differ in nothing else.
 */
export function titleNumbers(words: readonly string[]): string {
  const nums: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const c = w.charCodeAt(0);
    if (c >= 48 && c <= 57 && /^\d+$/.test(w)) nums.push(String(Number(w)));
    else if (ROMAN.has(w) && i > 0 && /^(part|phase|series|study|paper|section)$/.test(words[i - 1])) nums.push(`r${w}`);
  }
  return nums.length ? nums.sort().join(' ') : '';
}

const NOTICE = /\b(erratum|errata|corrigendum|correction to|correction of|retraction|retracted|withdrawn|reply to|in reply|author reply|authors reply|comment on|commentary on|expression of concern)\b/;

/** Words that mark a notice about another paper (erratum, retraction, reply) rather than the paper itself. */
export function noticeKind(folded: string): string {
  return NOTICE.exec(folded)?.[1] ?? '';
}

function isInitials(token: string): boolean {
  return /^([A-Z]\.?-?){1,4}$/.test(token) || /^[A-Z]\.[A-Za-z]/.test(token);
}

/**
 * The family name of the first author, folded: "Smith, J" / "Smith J" / "J. Smith" /
 * "E J Reimer" all give "smith"/"reimer"; compound names keep their particles ("vandeschoot").
 */
export function familyName(author: string | undefined): string {
  if (!author) return '';
  const name = decodeEntities(author).trim();
  let family: string;
  if (name.includes(',')) family = name.slice(0, name.indexOf(','));
  else {
    const tokens = name.split(/\s+/);
    const lead: string[] = [];
    for (const t of tokens) {
      if (isInitials(t)) break;
      lead.push(t);
    }
    family = lead.length === tokens.length && tokens.length > 1 ? tokens[tokens.length - 1] : lead.join(' ');
    if (!family) family = tokens[tokens.length - 1];
  }
  return foldText(family).replace(/ /g, '');
}

const MONTH = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;

/** Digits of the first page ("221-8" → "221", "S31–S32" → "31"); null when unknown or mangled by a spreadsheet ("Jan-14"). */
export function startPage(pages: string): string | null {
  const p = pages.trim();
  if (!p || MONTH.test(p)) return null;
  const first = /^[^\d]{0,3}?(\d+)/.exec(p);
  return first ? String(Number(first[1])) : null;
}

/** The volume number ("38 (Supplement 1)" → "38"); null when absent or not a plain number. */
export function volumeNumber(volume: string): string | null {
  const m = /^\s*(\d+)\s*(?:\(.*\))?\s*$/.exec(volume);
  return m ? String(Number(m[1])) : null;
}
