/**
 * Agreement figures from decision rows: pure, so the HTTP report, the board and the tests share it.
 * The statistics themselves are the pure functions of shared/agreement.
 */
import {
  agreementOverTime,
  krippendorffAlphaNominal,
  multiRaterAgreement,
  pairAgreement,
  ratingCounts,
} from '../../shared/agreement/index';
import {
  THREE_CATEGORIES,
  TWO_CATEGORIES,
  type AgreementRater,
  type AgreementSnapshot,
  type BoardAgreement,
  type MultiFigures,
  type PairDrift,
} from '../../shared/agreement/report';
import type { Decision } from '../../shared/screening';

/** One rating: a person's decision on a record; `order` (server event id) places it in time. */
export interface Rating {
  recordId: string;
  userId: string;
  decision: Decision;
  order?: number;
}

type MaybeAs = 'include' | 'exclude';
type Category = string | null;

const normalised = (d: Decision | null, maybeAs: MaybeAs): Category => (d === null ? null : d === 'maybe' ? maybeAs : d);

/** Ratings by record (records in first-seen order), keeping only raters in `raterIds`. */
function byRecord(ratings: readonly Rating[], raterIds: readonly string[]): Map<string, Map<string, Rating>> {
  const known = new Set(raterIds);
  const out = new Map<string, Map<string, Rating>>();
  for (const r of ratings) {
    if (!known.has(r.userId)) continue;
    let m = out.get(r.recordId);
    if (!m) out.set(r.recordId, (m = new Map()));
    m.set(r.userId, r);
  }
  return out;
}

/** Raters × records matrix of categories (null = not rated). */
function matrix(records: Map<string, Map<string, Rating>>, raterIds: readonly string[], map: (d: Decision | null) => Category): Category[][] {
  const items = [...records.values()];
  return raterIds.map((u) => items.map((m) => map(m.get(u)?.decision ?? null)));
}

/** Fleiss over the records with the most common number of ratings (≥ 2, ties → larger), plus alpha. */
export function multiFigures(data: readonly Category[][], categories: readonly string[]): MultiFigures {
  const krippendorff = krippendorffAlphaNominal(data);
  const items = data[0]?.length ?? 0;
  const subjects: Category[][] = [];
  for (let i = 0; i < items; i++) subjects.push(data.map((rater) => rater[i] ?? null));
  const rated = (s: Category[]) => s.filter((v) => v !== null).length;
  const tally = new Map<number, number>();
  for (const s of subjects) {
    const k = rated(s);
    if (k >= 2) tally.set(k, (tally.get(k) ?? 0) + 1);
  }
  let m = 0;
  let best = 0;
  for (const [k, count] of tally) if (count > best || (count === best && k > m)) [m, best] = [k, count];
  if (m < 2) return { fleiss: null, krippendorff };
  const { counts } = ratingCounts(subjects.filter((s) => rated(s) === m), categories);
  return { fleiss: multiRaterAgreement(counts), krippendorff };
}

/** Every figure for one set of ratings over the given raters (pairs always; m-rater ones when > 2). */
export function snapshotOf(ratings: readonly Rating[], raterIds: readonly string[], maybeAs: MaybeAs): AgreementSnapshot {
  const records = byRecord(ratings, raterIds);
  const three = matrix(records, raterIds, (d) => d);
  const two = matrix(records, raterIds, (d) => normalised(d, maybeAs));
  const pairs: AgreementSnapshot['pairs'] = [];
  for (let i = 0; i < raterIds.length; i++) {
    for (let j = i + 1; j < raterIds.length; j++) {
      pairs.push({
        a: raterIds[i]!,
        b: raterIds[j]!,
        three: pairAgreement(three[i]!, three[j]!, THREE_CATEGORIES),
        two: pairAgreement(two[i]!, two[j]!, TWO_CATEGORIES),
      });
    }
  }
  const multi = raterIds.length > 2 ? { three: multiFigures(three, THREE_CATEGORIES), two: multiFigures(two, TWO_CATEGORIES) } : null;
  let decisions = 0;
  for (const m of records.values()) decisions += m.size;
  return { decisions, pairs, multi };
}

/** Per pair, agreement over consecutive batches of its doubly rated records, ordered by the later rating. */
export function driftOf(ratings: readonly Rating[], raterIds: readonly string[], maybeAs: MaybeAs, batchSize: number): PairDrift[] {
  const records = byRecord(ratings, raterIds);
  const out: PairDrift[] = [];
  for (let i = 0; i < raterIds.length; i++) {
    for (let j = i + 1; j < raterIds.length; j++) {
      const a = raterIds[i]!;
      const b = raterIds[j]!;
      const both: { ra: Rating; rb: Rating; at: number }[] = [];
      for (const m of records.values()) {
        const ra = m.get(a);
        const rb = m.get(b);
        if (ra && rb) both.push({ ra, rb, at: Math.max(ra.order ?? 0, rb.order ?? 0) });
      }
      // Stable sort: records without an order keep their first-seen order.
      both.sort((x, y) => x.at - y.at);
      out.push({
        a,
        b,
        three: agreementOverTime(both.map((p) => ({ a: p.ra.decision, b: p.rb.decision })), batchSize, THREE_CATEGORIES),
        two: agreementOverTime(
          both.map((p) => ({ a: normalised(p.ra.decision, maybeAs)!, b: normalised(p.rb.decision, maybeAs)! })),
          batchSize,
          TWO_CATEGORIES,
        ),
      });
    }
  }
  return out;
}

/** The board's live summary: per pair and overall, over the two normalised categories. */
export function boardAgreementOf(ratings: readonly Rating[], raters: readonly AgreementRater[], maybeAs: MaybeAs): BoardAgreement {
  const ids = raters.map((r) => r.userId);
  const names = new Map(raters.map((r) => [r.userId, r.name]));
  const records = byRecord(ratings, ids);
  const two = matrix(records, ids, (d) => normalised(d, maybeAs));
  const pairs: BoardAgreement['pairs'] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const p = pairAgreement(two[i]!, two[j]!, TWO_CATEGORIES);
      pairs.push({
        a: ids[i]!,
        b: ids[j]!,
        aName: names.get(ids[i]!)!,
        bName: names.get(ids[j]!)!,
        n: p.n,
        percentAgreement: p.percentAgreement,
        kappa: p.cohen.kappa,
        pabak: p.pabak,
        gwetAC1: p.gwetAC1,
      });
    }
  }
  let n = 0;
  let unanimous = 0;
  for (let k = 0; k < records.size; k++) {
    const values = two.map((rater) => rater[k]).filter((v): v is string => v !== null && v !== undefined);
    if (values.length < 2) continue;
    n += 1;
    if (new Set(values).size === 1) unanimous += 1;
  }
  const multi = ids.length > 2 ? multiFigures(two, TWO_CATEGORIES) : null;
  return {
    categories: 'two',
    pairs,
    overall: {
      n,
      percentAgreement: n ? unanimous / n : null,
      kappa: multi ? (multi.fleiss?.fleiss.kappa ?? null) : (pairs[0]?.kappa ?? null),
      alpha: krippendorffAlphaNominal(two).alpha,
    },
  };
}
