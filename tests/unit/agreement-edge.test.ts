/**
 * Agreement statistics on the inputs a live screening project produces: nothing rated yet,
 * everyone excluding everything, half-finished pairs, and drift over time.
 */
import { describe, expect, it } from 'vitest';
import {
  agreementOverTime,
  cohenFromTable,
  contingencyTable,
  fleissKappa,
  kappaIntervalShown,
  krippendorffAlphaNominal,
  multiRaterAgreement,
  pairAgreement,
  ratingCounts,
} from '../../shared/agreement';
import { defaultBatch } from '../../server/agreement/service';

const STAGE = ['include', 'exclude', 'maybe'];

/** True when no value anywhere in the structure is NaN or ±Infinity. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

describe('contingencyTable', () => {
  it('puts rater A on the rows and skips items either rater left unrated', () => {
    const a = ['include', 'include', null, 'exclude', 'exclude'];
    const b = ['exclude', 'include', 'include', null, 'exclude'];
    const { categories, table } = contingencyTable(a, b, ['include', 'exclude']);
    expect(categories).toEqual(['include', 'exclude']);
    // A include / B exclude is row 0, column 1 — not the transpose.
    expect(table).toEqual([
      [1, 1],
      [0, 1],
    ]);
  });

  it('defaults to the observed categories, sorted', () => {
    expect(contingencyTable(['b', 'a', null], ['c', 'a', 'z']).categories).toEqual(['a', 'b', 'c']);
  });

  it('refuses ratings outside the given categories and lists of different length', () => {
    expect(() => contingencyTable(['include'], ['oops'], STAGE)).toThrow(RangeError);
    expect(() => contingencyTable(['include'], [], STAGE)).toThrow(RangeError);
  });
});

describe('pairAgreement on degenerate data', () => {
  it('returns null, not NaN, for every figure when nothing has been rated by both', () => {
    const r = pairAgreement(['include', null], [null, 'exclude'], STAGE);
    expect(r.n).toBe(0);
    expect(r.percentAgreement).toBeNull();
    expect(r.cohen).toEqual({ kappa: null, se: null, ci95: null });
    expect(r.pabak).toBeNull();
    expect(r.gwetAC1).toBeNull();
    expect(r.scottPi).toBeNull();
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('leaves kappa and pi undefined but PABAK and AC1 at 1 when both exclude everything', () => {
    const all = new Array<string>(40).fill('exclude');
    const r = pairAgreement(all, all, STAGE);
    expect(r.percentAgreement).toBe(1);
    expect(r.cohen.kappa).toBeNull();
    expect(r.cohen.ci95).toBeNull();
    expect(r.scottPi).toBeNull();
    expect(r.pabak).toBe(1);
    expect(r.gwetAC1).toBe(1);
    expect(allFinite(r)).toBe(true);
  });

  it('cannot compute PABAK or AC1 from a single observed category without the category list', () => {
    const all = new Array<string>(5).fill('exclude');
    const r = pairAgreement(all, all);
    expect(r.categories).toEqual(['exclude']);
    expect(r.pabak).toBeNull();
    expect(r.gwetAC1).toBeNull();
  });

  it('gives kappa 1 with SE 0 for perfect agreement over two categories', () => {
    const ratings = ['include', 'exclude', 'exclude', 'include', 'exclude'];
    const r = pairAgreement(ratings, ratings, ['include', 'exclude']);
    expect(r.cohen.kappa).toBeCloseTo(1, 12);
    expect(r.cohen.se).toBeCloseTo(0, 12);
    expect(r.cohen.ci95?.[0]).toBeCloseTo(1, 12);
  });

  it('keeps kappa finite but negative for systematic disagreement', () => {
    const r = pairAgreement(['include', 'exclude', 'include', 'exclude'], ['exclude', 'include', 'exclude', 'include']);
    expect(r.percentAgreement).toBe(0);
    expect(r.cohen.kappa).toBeCloseTo(-1, 12);
    expect(r.pabak).toBeCloseTo(-1, 12);
  });
});

describe('input checks', () => {
  it('rejects non-square and negative tables', () => {
    expect(() => cohenFromTable([[1, 2]])).toThrow(RangeError);
    expect(() => cohenFromTable([[1, -1], [0, 1]])).toThrow(RangeError);
  });

  it('rejects Fleiss counts with unequal raters per subject or fewer than two raters', () => {
    expect(() => fleissKappa([[2, 1], [1, 1]])).toThrow(/same number of ratings/);
    expect(() => fleissKappa([[1, 0]])).toThrow(RangeError);
    expect(() => fleissKappa([])).toThrow(RangeError);
  });

  it('returns a null Fleiss kappa, and AC1 = 1, when every rating is in one category', () => {
    const r = multiRaterAgreement([[3, 0], [3, 0]]);
    expect(r.fleiss.kappa).toBeNull();
    expect(r.fleiss.z).toBeNull();
    expect(r.gwetAC1).toBe(1);
    expect(r.brennanPrediger).toBe(1);
  });

  it('counts raw ratings per category, ignoring nulls', () => {
    const { counts } = ratingCounts([['include', 'exclude', null], ['exclude', 'exclude', 'exclude']], STAGE);
    expect(counts).toEqual([[1, 1, 0], [0, 3, 0]]);
    expect(() => ratingCounts([['nope']], STAGE)).toThrow(RangeError);
  });
});

describe('krippendorffAlphaNominal edge cases', () => {
  it('is null with no pairable values and when every pairable value is the same', () => {
    expect(krippendorffAlphaNominal([[1, null], [null, 2]]).alpha).toBeNull();
    expect(krippendorffAlphaNominal([['x', 'x'], ['x', 'x']]).alpha).toBeNull();
  });

  it('ignores units rated by only one coder, and tolerates coders with shorter rows', () => {
    const base = [
      ['a', 'b', 'a', 'b'],
      ['a', 'b', 'b', 'b'],
    ];
    const withSingles = [
      ['a', 'b', 'a', 'b', 'a'],
      ['a', 'b', 'b', 'b'],
    ];
    expect(krippendorffAlphaNominal(withSingles).alpha).toBeCloseTo(krippendorffAlphaNominal(base).alpha!, 12);
    expect(krippendorffAlphaNominal(withSingles).units).toBe(4);
  });
});

describe('agreementOverTime', () => {
  const early = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? { a: 'include', b: 'exclude' } : { a: 'exclude', b: 'exclude' }));
  const late = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? { a: 'include', b: 'include' } : { a: 'exclude', b: 'exclude' }));
  const tail = [
    { a: 'include', b: 'include' },
    { a: 'exclude', b: 'exclude' },
    { a: 'exclude', b: 'include' },
  ];
  const pairs = [...early, ...late, ...tail];

  it('splits consecutive batches and keeps the short last batch', () => {
    const batches = agreementOverTime(pairs, 10);
    expect(batches.map((b) => [b.batch, b.start, b.end, b.n])).toEqual([
      [0, 0, 10, 10],
      [1, 10, 20, 10],
      [2, 20, 23, 3],
    ]);
    expect(batches[0].percentAgreement).toBeCloseTo(0.5, 12);
    expect(batches[0].kappa).toBeCloseTo(0, 12);
    expect(batches[1].percentAgreement).toBe(1);
    expect(batches[1].kappa).toBeCloseTo(1, 12);
  });

  it('reports cumulative figures equal to pairAgreement over the prefix', () => {
    const batches = agreementOverTime(pairs, 10);
    batches.forEach((batch) => {
      const prefix = pairs.slice(0, batch.end);
      const whole = pairAgreement(prefix.map((p) => p.a), prefix.map((p) => p.b), ['exclude', 'include']);
      expect(batch.cumulative.percentAgreement).toBeCloseTo(whole.percentAgreement!, 12);
      expect(batch.cumulative.kappa).toBeCloseTo(whole.cohen.kappa!, 12);
    });
  });

  it('gives null kappa for a batch where both raters used one category', () => {
    const same = Array.from({ length: 4 }, () => ({ a: 'exclude', b: 'exclude' }));
    const [batch] = agreementOverTime(same, 4);
    expect(batch.percentAgreement).toBe(1);
    expect(batch.kappa).toBeNull();
  });

  it('returns no batches for no pairs and refuses a batch size that is not a positive integer', () => {
    expect(agreementOverTime([], 5)).toEqual([]);
    expect(() => agreementOverTime(pairs, 0)).toThrow(RangeError);
    expect(() => agreementOverTime(pairs, 2.5)).toThrow(RangeError);
  });
});

describe('kappa intervals as shown', () => {
  it('hold the Wald bounds to [−1, 1], where kappa lives, and leave inner bounds alone', () => {
    expect(kappaIntervalShown([0.2137, 0.7547])).toEqual([0.2137, 0.7547]);
    // e.g. 9 of 10 agreed on a skewed table: statsmodels reports an upper bound above 1
    expect(kappaIntervalShown([0.7123, 1.0531])).toEqual([0.7123, 1]);
    expect(kappaIntervalShown([-1.2, -0.4])).toEqual([-1, -0.4]);
  });
});

describe('the drift series’ default batch size', () => {
  const ratings = (doubly: number, singly: number) =>
    Array.from({ length: doubly + singly }, (_, i) => i).flatMap((i) => {
      const one = { recordId: `r${i}`, userId: 'a', decision: 'include' as const };
      return i < doubly ? [one, { ...one, userId: 'b' }] : [one];
    });

  it('stays at 20 up to 1,000 doubly screened records, then grows to keep 50 batches', () => {
    expect(defaultBatch([])).toBe(20);
    expect(defaultBatch(ratings(1000, 5000))).toBe(20); // records screened once do not count
    expect(defaultBatch(ratings(1001, 0))).toBe(21);
    expect(defaultBatch(ratings(43_789, 0))).toBe(876);
    expect(Math.ceil(43_789 / defaultBatch(ratings(43_789, 0)))).toBeLessThanOrEqual(50);
  });
});
