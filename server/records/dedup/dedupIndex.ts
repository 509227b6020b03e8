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
      this.lastFeatures = featuresOf(rec, this.intern);
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
    const lists: number[][] = [];
    for (const t of f.tokenIds) if (this.postings[t]?.length) lists.push(this.postings[t]);
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
