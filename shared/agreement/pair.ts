/**
 * Agreement between two raters on the same items, from their raw ratings.
 * Items either rater has not rated (null) are left out: agreement is measured on the
 * items both judged, which is what screening reports mean by "agreement".
 */
import {
  cohenFromTable,
  gwetAC1FromTable,
  pabakFromTable,
  percentAgreementFromTable,
  scottPiFromTable,
} from './table';

/** A square table of counts, rows = rater A's category, columns = rater B's, in `categories` order. */
export interface ContingencyTable {
  categories: string[];
  table: number[][];
}

/** Every two-rater figure Coreview reports for one pair of reviewers. */
export interface PairAgreement {
  /** items both raters rated */
  n: number;
  categories: string[];
  table: number[][];
  /** proportion (0–1) of items on which the two agree; null when n = 0 */
  percentAgreement: number | null;
  /** Cohen's kappa; every field null when n = 0 or both raters used a single category throughout */
  cohen: { kappa: number | null; se: number | null; ci95: [number, number] | null };
  /** (q·po − 1)/(q − 1) with q = categories.length; null when n = 0 or q < 2 */
  pabak: number | null;
  /** null when n = 0 or q < 2 */
  gwetAC1: number | null;
  /** null when n = 0 or both raters used a single category throughout */
  scottPi: number | null;
}

/**
 * Cross-tabulates two raters' ratings (rows = rater A) over the items both rated.
 * Without `categories`, the categories are those observed, sorted; with it, their order is
 * kept and a rating outside it is a RangeError (a silent drop would bias every figure).
 */
export function contingencyTable(
  a: readonly (string | null)[],
  b: readonly (string | null)[],
  categories?: readonly string[],
): ContingencyTable {
  if (a.length !== b.length) {
    throw new RangeError(`the two raters' rating lists differ in length: ${a.length} and ${b.length}`);
  }
  let cats: string[];
  if (categories) {
    cats = [...categories];
    if (new Set(cats).size !== cats.length) throw new RangeError('categories must be distinct');
  } else {
    const seen = new Set<string>();
    a.forEach((ra, i) => {
      const rb = b[i];
      if (ra !== null && rb !== null) {
        seen.add(ra);
        seen.add(rb);
      }
    });
    cats = [...seen].sort();
  }
  const index = new Map(cats.map((c, i) => [c, i] as const));
  const table = cats.map(() => new Array<number>(cats.length).fill(0));
  a.forEach((ra, i) => {
    const rb = b[i];
    if (ra === null || rb === null) return;
    const row = index.get(ra);
    const col = index.get(rb);
    if (row === undefined || col === undefined) {
      throw new RangeError(`rating "${row === undefined ? ra : rb}" is not one of the categories ${JSON.stringify(cats)}`);
    }
    table[row][col] += 1;
  });
  return { categories: cats, table };
}

/**
 * Percent agreement, Cohen's kappa (SE, 95% CI), PABAK, Gwet's AC1 and Scott's pi for two raters.
 * Pass the stage's full category list (e.g. include / exclude / maybe): PABAK and AC1 depend on
 * the number of categories q, and when nearly everything is excluded the observed ones alone may be
 * a single category, which leaves both undefined.
 */
export function pairAgreement(
  a: readonly (string | null)[],
  b: readonly (string | null)[],
  categories?: readonly string[],
): PairAgreement {
  const { categories: cats, table } = contingencyTable(a, b, categories);
  const cohen = cohenFromTable(table);
  return {
    n: cohen.n,
    categories: cats,
    table,
    percentAgreement: percentAgreementFromTable(table),
    cohen: { kappa: cohen.kappa, se: cohen.se, ci95: cohen.ci95 },
    pabak: pabakFromTable(table),
    gwetAC1: gwetAC1FromTable(table),
    scottPi: scottPiFromTable(table),
  };
}
