import type { ParsedRecord } from '../../../shared/records';
import { featuresOf, type MatchFeatures } from './features';
import { fuzzyScore, identifierConfirmed } from './rules';

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
/**
 * Postings longer than this are never scanned, and only the latest records with the same folded
 * title are compared. Without caps, files where thousands of titles share their words
 * ("Editorial", "Study 12 of …") make every record compare with every earlier one: an import of
 * 60,000 such records took minutes while the server could do nothing else.
 */
const POSTING_CAP = 5000;
const SAME_TITLE_CAP = 500;
const RAREST_TOKENS = 6;

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
  /** record indexes per interned title word */
  private readonly postings: number[][] = [];
  private readonly tokenIds = new Map<string, number>();
  private readonly intern = (token: string): number => {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      id = this.tokenIds.size;
      this.tokenIds.set(token, id);
    }
    return id;
  };
  private seen = new Uint32Array(1024);
  private hits = new Uint8Array(1024);
  /** reused between queries to spare the garbage collector */
  private readonly scratchLists: number[][] = [];
  private readonly scratchTouched: number[] = [];
  private stamp = 0;
  private lastRecord: DedupRecord | null = null;
  /** How many record pairs findMatch has scored (the cost of de-duplication, for tests and tuning). */
  comparisons = 0;
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
    for (const t of f.tokenIds) (this.postings[t] ??= []).push(idx);
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
      this.comparisons++;
      const score = fuzzyScore(f, this.feats[idx]);
      if (score > bestScore) {
        bestScore = score;
        best = idx;
        // same folded title and nothing in conflict: no candidate can do better
        if (score >= 1) break;
      }
    }
    return best >= 0 ? { id: this.ids[best], reason: 'fuzzy', score: bestScore } : null;
  }

  private features(rec: DedupRecord): MatchFeatures {
    // findMatch then add on the same record is the common pattern: fold it once
    if (rec !== this.lastRecord || !this.lastFeatures) {
      this.lastRecord = rec;
      this.lastFeatures = featuresOf(rec, this.intern);
    }
    return this.lastFeatures;
  }

  /**
   * Records with the same folded title, plus records sharing at least three of the title's
   * six rarest words (two when it has fewer than five words in the index). A near-identical
   * title shares almost all its words, so this is a safe floor that keeps topic neighbours,
   * which share a rare word or two, out of the costlier comparisons.
   */
  private candidates(f: MatchFeatures): number[] {
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    if (this.seen.length < this.ids.length) {
      const grown = new Uint32Array(Math.max(this.ids.length, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
      const counts = new Uint8Array(grown.length);
      counts.set(this.hits);
      this.hits = counts;
    }
    const out: number[] = [];
    const lists = this.scratchLists;
    const touched = this.scratchTouched;
    lists.length = 0;
    touched.length = 0;
    const sameTitle = this.byTitle.get(f.title) ?? [];
    // the latest ones: an exact-title duplicate is most often near its twin in the file
    for (let i = Math.max(0, sameTitle.length - SAME_TITLE_CAP); i < sameTitle.length; i++) {
      const idx = sameTitle[i];
      this.seen[idx] = this.stamp;
      this.hits[idx] = 255;
      out.push(idx);
    }
    let capped = 0;
    for (const t of f.tokenIds) {
      const list = this.postings[t];
      if (list && list.length > POSTING_CAP) capped++;
      else if (list?.length) lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    const window = Math.min(lists.length + capped, RAREST_TOKENS);
    const used = Math.min(lists.length, window);
    // capped words (the commonest) count as shared: one need only share the words that are left
    const needed = Math.max(1, (window >= 5 ? 3 : Math.min(2, window)) - (window - used));
    for (let i = 0; i < used; i++) {
      if (i >= needed && lists[i].length > COMMON_POSTING) break;
      for (const idx of lists[i]) {
        if (this.seen[idx] !== this.stamp) {
          this.seen[idx] = this.stamp;
          this.hits[idx] = 1;
          touched.push(idx);
        } else if (this.hits[idx] < 255) this.hits[idx]++;
      }
    }
    for (const idx of touched) if (this.hits[idx] >= needed) out.push(idx);
    return out;
  }
}


function pushTo(map: Map<string, number[]>, key: string, idx: number): void {
  const list = map.get(key);
  if (list) list.push(idx);
  else map.set(key, [idx]);
}
