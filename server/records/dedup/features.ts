import type { ParsedRecord } from '../../../shared/records';
import { normalizeDoi, normalizePmid } from '../formats/normalize';
import { contentTokens, familyName, foldText, noticeKind, startPage, titleNumbers, volumeNumber } from './normalize';

/** What de-duplication compares, computed once per record. */
export interface MatchFeatures {
  /** folded title, translated-title brackets and punctuation gone */
  title: string;
  /** content words in title order */
  words: string[];
  /** the distinct words as interned ids, sorted: overlap is then a merge of two small integer arrays */
  tokenIds: Int32Array;
  /** letter and digit counts of the folded title, for a cheap lower bound on edit distance */
  charCounts: Uint8Array;
  /** numbers in the title, sorted, as one string */
  numbers: string;
  /** erratum / retraction / reply marker word, or '' */
  notice: string;
  year: number | null;
  family: string;
  page: string | null;
  volume: string | null;
  doi: string | null;
  pmid: string | null;
  journal: string;
}

/** Turns a token into a small integer, the same one every time for the same token. */
export type Interner = (token: string) => number;

/** Extracts the comparison features of a record. */
export function featuresOf(
  rec: Pick<ParsedRecord, 'title' | 'authors' | 'year' | 'pages' | 'volume' | 'doi' | 'pmid' | 'journal'>,
  intern: Interner,
): MatchFeatures {
  const title = foldText(rec.title);
  const allWords = title ? title.split(' ') : [];
  const words = contentTokens(allWords);
  return {
    title: detached(title),
    words,
    tokenIds: Int32Array.from(new Set(words), intern).sort(),
    charCounts: charCounts(title),
    numbers: titleNumbers(allWords),
    notice: noticeKind(title),
    year: rec.year,
    family: detached(familyName(rec.authors[0])),
    page: startPage(rec.pages),
    volume: volumeNumber(rec.volume),
    // callers may hand in records that were not normalised by a parser
    doi: detached(normalizeDoi(rec.doi)),
    pmid: normalizePmid(rec.pmid),
    journal: detached(foldText(rec.journal)),
  };
}

/**
 * A copy of `s` that holds no reference to a larger string. V8 cuts substrings as views of their
 * parent, so a DOI kept by the index would keep the whole chunk of the import file it was read
 * from alive (about 180 MB more at the peak of a 100,000-record import).
 */
function detached<T extends string | null>(s: T): T {
  // 13 characters is where V8 starts making views instead of copies
  return (s === null || s.length < 13 ? s : (' ' + s).slice(1)) as T;
}

/** Counts of a–z and 0–9 in folded text (saturating at 255). */
function charCounts(folded: string): Uint8Array {
  const counts = new Uint8Array(36);
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    const k = c >= 97 ? c - 97 : c >= 48 && c <= 57 ? c - 22 : -1;
    if (k >= 0 && k < 36 && counts[k] < 255) counts[k]++;
  }
  return counts;
}

/**
 * A lower bound on the edit distance of two folded titles: a substitution changes two
 * letter counts by one, an insertion or deletion one, so distance ≥ ⌈L1 / 2⌉.
 */
export function editDistanceLowerBound(a: Uint8Array, b: Uint8Array): number {
  let l1 = 0;
  for (let i = 0; i < 36; i++) l1 += a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
  return Math.ceil(l1 / 2);
}

/** True when two folded family names can be the same person ("schoot" / "vandeschoot"). */
export function familiesAgree(a: string, b: string): boolean {
  if (!a || !b) return true;
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && (long.endsWith(short) || long.startsWith(short));
}

/**
 * Journals agree when the words of one abbreviate the words of the other in order
 * ("curr opin lipidol" / "current opinion in lipidology"); unknown counts as agreeing.
 */
export function journalsAgree(a: string, b: string): boolean {
  if (!a || !b || a === b) return true;
  const wa = a.split(' ').filter((w) => w !== 'the' && w !== 'of' && w !== 'and' && w !== 'in');
  const wb = b.split(' ').filter((w) => w !== 'the' && w !== 'of' && w !== 'and' && w !== 'in');
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  let j = 0;
  for (const w of short) {
    while (j < long.length && !long[j].startsWith(w) && !w.startsWith(long[j])) j++;
    if (j === long.length) return false;
    j++;
  }
  return true;
}
