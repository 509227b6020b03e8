import type { ParsedRecord } from '../../../shared/records';
import { familiesAgree, featuresOf, journalsAgree, type MatchFeatures } from './features';
import { dice, editRatio } from './similarity';

/** The fields de-duplication looks at. */
export type DedupRecord = Pick<ParsedRecord, 'title' | 'authors' | 'year' | 'pages' | 'volume' | 'doi' | 'pmid' | 'journal'>;

/** Why a record was judged a duplicate of an indexed one. */
export interface DedupMatch<Id = string> {
  id: Id;
  reason: 'doi' | 'pmid' | 'fuzzy';
  /** 1 for identifier matches; the title similarity (0.9–1) for fuzzy ones */
  score: number;
}

/** Postings longer than this are skipped when rarer title words exist: they cost time and find nothing new. */
const COMMON_POSTING = 2000;
const RAREST_TOKENS = 4;

/**
 * An incrementally built index of records that finds the earlier record a new one
 * duplicates: same DOI or PMID (confirmed by the title, since conference abstracts in one
 * supplement share the supplement's DOI), else a near-identical title whose year (±1, for
 * online-first vs print), first author, pages, volume and title numbers do not conflict.
 */
export class DedupIndex<Id = string> {
  private readonly ids: Id[] = [];
  private readonly feats: MatchFeatures[] = [];
  private readonly byDoi = new Map<string, number[]>();
  private readonly byPmid = new Map<string, number[]>();
  private readonly byTitle = new Map<string, number[]>();
  private readonly postings = new Map<string, number[]>();
  private seen = new Uint32Array(1024);
  private stamp = 0;
  private lastRecord: DedupRecord | null = null;
  private lastFeatures: MatchFeatures | null = null;

  /** Number of records indexed. */
  get size(): number {
    return this.ids.length;
  }

  /** Adds a record under the caller's id. */
  add(id: Id, rec: DedupRecord): void {
    const f = this.features(rec);
    const idx = this.ids.length;
    this.ids.push(id);
    this.feats.push(f);
    if (f.doi) pushTo(this.byDoi, f.doi, idx);
    if (f.pmid) pushTo(this.byPmid, f.pmid, idx);
    if (f.title) pushTo(this.byTitle, f.title, idx);
    for (const t of f.tokens) pushTo(this.postings, t, idx);
  }

  /** The best earlier record this one duplicates, or null. */
  findMatch(rec: DedupRecord): DedupMatch<Id> | null {
    const f = this.features(rec);
    for (const [key, map, reason] of [
      [f.doi, this.byDoi, 'doi'],
      [f.pmid, this.byPmid, 'pmid'],
    ] as const) {
      if (!key) continue;
      for (const idx of map.get(key) ?? []) {
        if (identifierConfirmed(f, this.feats[idx])) return { id: this.ids[idx], reason, score: 1 };
      }
    }
    if (!f.title) return null;
    let best = -1;
    let bestScore = 0;
    for (const idx of this.candidates(f)) {
      const score = fuzzyScore(f, this.feats[idx]);
      if (score > bestScore) {
        bestScore = score;
        best = idx;
      }
    }
    return best >= 0 ? { id: this.ids[best], reason: 'fuzzy', score: bestScore } : null;
  }

  private features(rec: DedupRecord): MatchFeatures {
    // findMatch then add on the same record is the common pattern: fold it once
    if (rec !== this.lastRecord || !this.lastFeatures) {
      this.lastRecord = rec;
      this.lastFeatures = featuresOf(rec);
    }
    return this.lastFeatures;
  }

  /** Records sharing the exact folded title or one of the title's rarest words. */
  private candidates(f: MatchFeatures): number[] {
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    if (this.seen.length < this.ids.length) {
      const grown = new Uint32Array(Math.max(this.ids.length, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    const out: number[] = [];
    const take = (list: readonly number[] | undefined): void => {
      for (const idx of list ?? []) {
        if (this.seen[idx] !== this.stamp) {
          this.seen[idx] = this.stamp;
          out.push(idx);
        }
      }
    };
    take(this.byTitle.get(f.title));
    const lists = [...f.tokens].map((t) => this.postings.get(t) ?? []).filter((l) => l.length > 0);
    lists.sort((a, b) => a.length - b.length);
    for (let i = 0; i < lists.length && i < RAREST_TOKENS; i++) {
      if (i > 0 && lists[i].length > COMMON_POSTING) break;
      take(lists[i]);
    }
    return out;
  }
}

function pushTo(map: Map<string, number[]>, key: string, idx: number): void {
  const list = map.get(key);
  if (list) list.push(idx);
  else map.set(key, [idx]);
}

/**
 * Title similarity: 1 for equal folds, else the edit-distance ratio of the folded titles.
 * Word overlap is only a cheap filter: it rates "… assessment: Fire topic" and "… assessment:
 * Sagebrush and sage-grouse topic" as alike, while characters tell them apart.
 */
function titleSimilarity(a: MatchFeatures, b: MatchFeatures, atLeast: number): number {
  if (a.title === b.title) return 1;
  const overlap = dice(a.tokens, b.tokens);
  // titles within the edit threshold share most words; skip the costlier edit distance otherwise
  if (overlap < atLeast - 0.3) return overlap;
  return editRatio(a.title, b.title, atLeast);
}

/** One title is the other plus a subtitle or a lead-in ("Climate change and health" / "…: a systematic review"). */
function isPrefixOrSuffix(a: MatchFeatures, b: MatchFeatures): boolean {
  const [short, long] = a.title.length <= b.title.length ? [a, b] : [b, a];
  if (short.tokens.size < 4) return false;
  return long.title.startsWith(`${short.title} `) || long.title.endsWith(` ${short.title}`);
}

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
 * True when each title has a word the other lacks and that is no spelling variant of a word
 * there ("… completion assessment: Fire topic" vs "…: Invasives topic"): a series of reports,
 * not one report typed twice. Extra words on one side only (a dropped subtitle) do not count.
 */
function wordsSubstituted(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const onlyA = [...a].filter((t) => !b.has(t));
  const onlyB = [...b].filter((t) => !a.has(t));
  const unmatched = (words: string[], others: string[]): boolean =>
    words.some((w) => !others.some((o) => o.startsWith(w) || w.startsWith(o) || editRatio(w, o, 0.7) >= 0.7));
  return onlyA.length > 0 && onlyB.length > 0 && unmatched(onlyA, onlyB) && unmatched(onlyB, onlyA);
}

/**
 * A shared DOI or PMID counts when the titles are alike (or one is missing) and the pages do
 * not conflict: abstracts of one conference supplement share its DOI, and even near-identical
 * titles there ("Effects of X" / "The effects of X") can be two abstracts on different pages.
 */
function identifierConfirmed(a: MatchFeatures, b: MatchFeatures): boolean {
  if (pagesConflict(a, b)) return false;
  if (!a.title || !b.title) return true;
  // word overlap suffices here: one database may reword the title around the same words
  return dice(a.tokens, b.tokens) >= 0.6 || titleSimilarity(a, b, 0.6) >= 0.6;
}

/** Score in [0.9, 1] for a fuzzy duplicate, 0 otherwise. */
function fuzzyScore(a: MatchFeatures, b: MatchFeatures): number {
  if (!b.title || conflicts(a, b)) return 0;
  const sim = titleSimilarity(a, b, 0.9);
  const exact = sim >= 0.97;
  const near = sim >= 0.9;
  const contained = !near && isPrefixOrSuffix(a, b);
  if (!near && !contained) return 0;
  if (!exact && wordsSubstituted(a.tokens, b.tokens)) return 0;
  if (!familiesAgree(a.family, b.family)) return 0;
  const support =
    (a.family !== '' && b.family !== '' ? 1 : 0) +
    (a.year !== null && a.year === b.year ? 1 : 0) +
    (a.page !== null && a.page === b.page ? 1 : 0) +
    (a.volume !== null && a.volume === b.volume ? 1 : 0) +
    (a.journal && b.journal && journalsAgree(a.journal, b.journal) ? 1 : 0);
  const doiConflict = a.doi !== null && b.doi !== null && a.doi !== b.doi;
  const shortTitle = Math.min(a.tokens.size, b.tokens.size) < 3;
  // Different DOIs, or a title too short to be distinctive ("Editorial"), need the most agreement;
  // a title that is only contained in the other (subtitle dropped) needs more than a near-identical one
  const needed = doiConflict || shortTitle ? 4 : exact ? 1 : near ? 2 : 3;
  if (support < needed || (shortTitle && sim < 1)) return 0;
  return Math.max(sim, 0.9);
}
