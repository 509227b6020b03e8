import { editDistanceLowerBound, familiesAgree, journalsAgree, type MatchFeatures } from './features';
import { editRatio, sharedCount } from './similarity';

/**
 * Start pages conflict when both are known and differ, except that "1" is what e-journals
 * put in front of a page count ("1-8") where other databases give the article number.
 */
function pagesConflict(a: MatchFeatures, b: MatchFeatures): boolean {
  return a.page !== null && b.page !== null && a.page !== b.page && a.page !== '1' && b.page !== '1';
}

/** Facts that rule a pair out whatever their titles say. */
function conflicts(a: MatchFeatures, b: MatchFeatures): boolean {
  const volumesKnown = a.volume !== null && b.volume !== null;
  if (volumesKnown && a.volume !== b.volume) return true;
  if (a.year !== null && b.year !== null) {
    // ±1 covers online-first vs print year; 2 only when the volume pins down the issue
    const gap = Math.abs(a.year - b.year);
    if (gap > 2 || (gap === 2 && !volumesKnown)) return true;
  }
  if (pagesConflict(a, b)) return true;
  if (a.notice !== b.notice) return true;
  // "… Part 1" / "… Part 2": the numbers are all that tells parts of a series apart
  return a.numbers !== '' && b.numbers !== '' && a.numbers !== b.numbers;
}

/**
 * True when, walking both titles in order, each has a word where the other has a different
 * one that is no spelling variant of it ("… assessment: Fire topic" vs "… assessment:
 * Invasives topic"): a series of reports, not one report typed twice. Words added on one
 * side only (a dropped subtitle) do not count. Word order matters, hence a word-level
 * longest common subsequence rather than set differences.
 */
function wordsSubstituted(a: readonly string[], b: readonly string[]): boolean {
  const n = a.length;
  const m = b.length;
  const lcs = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    }
  }
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) onlyA.push(a[i++]);
    else onlyB.push(b[j++]);
  }
  onlyA.push(...a.slice(i));
  onlyB.push(...b.slice(j));
  const unmatched = (words: string[], others: string[]): boolean =>
    words.some((w) => !others.some((o) => o.startsWith(w) || w.startsWith(o) || editRatio(w, o, 0.7) >= 0.7));
  return onlyA.length > 0 && onlyB.length > 0 && unmatched(onlyA, onlyB) && unmatched(onlyB, onlyA);
}

/** One title is the other plus a subtitle or a lead-in ("Climate change and health" / "…: a systematic review"). */
function isPrefixOrSuffix(short: MatchFeatures, long: MatchFeatures): boolean {
  return long.title.startsWith(`${short.title} `) || long.title.endsWith(` ${short.title}`);
}

/**
 * A shared DOI or PMID counts when the pages do not conflict and the titles share at least
 * 60% of their words (or one is missing): abstracts of one conference supplement share its
 * DOI but not their words, and near-identical titles there ("Effects of X" / "The effects of
 * X") can still be two abstracts on different pages. Word overlap rather than characters,
 * because one database may reword a title around the same words.
 */
export function identifierConfirmed(a: MatchFeatures, b: MatchFeatures): boolean {
  if (pagesConflict(a, b)) return false;
  if (!a.title || !b.title || a.title === b.title) return true;
  const n = a.tokenIds.length + b.tokenIds.length;
  return n > 0 && (2 * sharedCount(a.tokenIds, b.tokenIds)) / n >= 0.6;
}

/**
 * Score in [0.9, 1] when `a` is a duplicate of `b` without a shared identifier, else 0.
 * Titles must be near-identical character by character (edit-distance ratio ≥ 0.9 of the
 * folded titles; word overlap only filters, since it rates "… assessment: Fire topic" and
 * "… assessment: Sagebrush topic" alike), or one must be the other plus a subtitle; and
 * the more the titles differ, the more of first author, year, page, volume and journal
 * must agree.
 */
export function fuzzyScore(a: MatchFeatures, b: MatchFeatures): number {
  if (!a.title || !b.title || conflicts(a, b)) return 0;
  let sim = 1;
  let contained = false;
  if (a.title !== b.title) {
    const na = a.tokenIds.length;
    const nb = b.tokenIds.length;
    const shared = sharedCount(a.tokenIds, b.tokenIds);
    // one title inside the other: every word of the shorter one is in the longer one
    const [short, long] = na <= nb ? [a, b] : [b, a];
    contained = shared === Math.min(na, nb) && Math.min(na, nb) >= 4 && isPrefixOrSuffix(short, long);
    // a 0.9 edit ratio leaves most words and letters intact: skip the edit distance when it cannot be reached
    const maxDist = Math.floor(Math.max(a.title.length, b.title.length) * 0.1 + 1e-9);
    const reachable = (2 * shared) / (na + nb || 1) >= 0.6 && editDistanceLowerBound(a.charCounts, b.charCounts) <= maxDist;
    sim = reachable ? editRatio(a.title, b.title, 0.9) : 0;
    if (sim < 0.9 && !contained) return 0;
    if (sim < 0.97 && wordsSubstituted(a.words, b.words)) return 0;
  }
  if (!familiesAgree(a.family, b.family)) return 0;
  const support =
    (a.family !== '' && b.family !== '' ? 1 : 0) +
    (a.year !== null && a.year === b.year ? 1 : 0) +
    (a.page !== null && a.page === b.page ? 1 : 0) +
    (a.volume !== null && a.volume === b.volume ? 1 : 0) +
    (a.journal && b.journal && journalsAgree(a.journal, b.journal) ? 1 : 0);
  const doiConflict = a.doi !== null && b.doi !== null && a.doi !== b.doi;
  const shortTitle = Math.min(a.tokenIds.length, b.tokenIds.length) < 3;
  // Different DOIs, or a title too short to be distinctive ("Editorial"), need the most agreement;
  // a title only contained in the other (subtitle dropped) needs more than a near-identical one
  const needed = doiConflict || shortTitle ? 4 : sim >= 0.97 ? 1 : sim >= 0.9 ? 2 : 3;
  if (support < needed || (shortTitle && sim < 1)) return 0;
  return Math.max(sim, 0.9);
}
