import type { ParsedRecord } from '../../../shared/records';
import { normalizeDoi, normalizePmid } from '../formats/normalize';
import { contentTokens, familyName, foldText, noticeKind, startPage, titleNumbers, volumeNumber } from './normalize';

/** What de-duplication compares, computed once per record. */
export interface MatchFeatures {
  /** folded title, translated-title brackets and punctuation gone */
  title: string;
  tokens: Set<string>;
  /** the tokens as interned ids, sorted: overlap is then a merge of two small integer arrays */
  tokenIds: Int32Array;
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
  const tokens = new Set(contentTokens(title));
  return {
    title,
    tokens,
    tokenIds: Int32Array.from(tokens, intern).sort(),
    numbers: titleNumbers(title),
    notice: noticeKind(title),
    year: rec.year,
    family: familyName(rec.authors[0]),
    page: startPage(rec.pages),
    volume: volumeNumber(rec.volume),
    // callers may hand in records that were not normalised by a parser
    doi: normalizeDoi(rec.doi),
    pmid: normalizePmid(rec.pmid),
    journal: foldText(rec.journal),
  };
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
