/**
 * Agreement among more than two raters when every subject is rated by the same number of
 * raters (not necessarily the same people), from a subjects × categories table of counts:
 * counts[i][k] = how many raters put subject i in category k.
 */

/** Fleiss' kappa for m raters, with the standard error under H0 used for its z test. */
export interface FleissResult {
  subjects: number;
  /** raters per subject */
  raters: number;
  /** mean observed agreement over subjects (Fleiss' P̄) */
  po: number;
  /** chance agreement Σ pk² (Fleiss' P̄e) */
  pe: number;
  /** null when pe = 1 (every rating in one category) */
  kappa: number | null;
  /** standard error under H0: kappa = 0 (Fleiss, Nee & Landis 1979); null with kappa */
  se0: number | null;
  /** kappa / se0; null with kappa or when se0 = 0 */
  z: number | null;
}

/** Fleiss' kappa plus the coefficients that stay interpretable when one category is rare. */
export interface MultiRaterAgreement {
  fleiss: FleissResult;
  /** Gwet's (2008) AC1 for m raters; null when there are fewer than 2 categories */
  gwetAC1: number | null;
  /** Brennan–Prediger (1981), PABAK's multi-rater form: chance agreement 1/q; null when q < 2 */
  brennanPrediger: number | null;
}

interface Tallies {
  subjects: number;
  raters: number;
  /** share of all ratings in each category */
  prevalence: number[];
  /** mean over subjects of the proportion of agreeing rater pairs */
  po: number;
}

/** Validates the counts table and computes what every m-rater coefficient shares. */
function tally(counts: readonly (readonly number[])[]): Tallies {
  const subjects = counts.length;
  if (subjects === 0) throw new RangeError('no subjects to compute agreement on');
  const q = counts[0].length;
  const raters = counts[0].reduce((s, c) => s + c, 0);
  if (raters < 2) throw new RangeError(`each subject needs at least 2 ratings, got ${raters}`);
  const totals = new Array<number>(q).fill(0);
  let agreementSum = 0;
  counts.forEach((row, i) => {
    if (row.length !== q) throw new RangeError(`subject ${i} has ${row.length} categories, expected ${q}`);
    let rowTotal = 0;
    let agreeingPairs = 0;
    row.forEach((c, k) => {
      if (!Number.isInteger(c) || c < 0) throw new RangeError(`counts must be non-negative integers, got ${c}`);
      rowTotal += c;
      agreeingPairs += c * (c - 1);
      totals[k] += c;
    });
    if (rowTotal !== raters) {
      throw new RangeError(`every subject must have the same number of ratings: subject 0 has ${raters}, subject ${i} has ${rowTotal}`);
    }
    agreementSum += agreeingPairs / (raters * (raters - 1));
  });
  const all = subjects * raters;
  return { subjects, raters, prevalence: totals.map((t) => t / all), po: agreementSum / subjects };
}

/** Fleiss' (1971) kappa from subjects × categories counts; equal raters per subject required. */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissResult {
  const { subjects, raters, prevalence, po } = tally(counts);
  const pe = prevalence.reduce((s, p) => s + p * p, 0);
  const undefinedResult: FleissResult = { subjects, raters, po, pe, kappa: null, se0: null, z: null };
  if (1 - pe < 1e-12) return undefinedResult;
  const kappa = (po - pe) / (1 - pe);

  // SE under H0 from Fleiss, Nee & Landis (1979), as R irr::kappam.fleiss reports it.
  const pq = prevalence.map((p) => p * (1 - p));
  const sumPq = pq.reduce((s, v) => s + v, 0);
  const skew = prevalence.reduce((s, p, k) => s + pq[k] * (1 - 2 * p), 0);
  const se0 = (Math.SQRT2 / (sumPq * Math.sqrt(subjects * raters * (raters - 1)))) * Math.sqrt(Math.max(0, sumPq * sumPq - skew));
  return { subjects, raters, po, pe, kappa, se0, z: se0 > 0 ? kappa / se0 : null };
}

/** Fleiss' kappa, Gwet's (2008) AC1 and Brennan–Prediger for m raters from the same counts table. */
export function multiRaterAgreement(counts: readonly (readonly number[])[]): MultiRaterAgreement {
  const fleiss = fleissKappa(counts);
  const { prevalence, po } = tally(counts);
  const q = prevalence.length;
  if (q < 2) return { fleiss, gwetAC1: null, brennanPrediger: null };
  const peGwet = prevalence.reduce((s, p) => s + p * (1 - p), 0) / (q - 1);
  return {
    fleiss,
    gwetAC1: (po - peGwet) / (1 - peGwet),
    brennanPrediger: (po - 1 / q) / (1 - 1 / q),
  };
}

/**
 * Turns raw ratings (subjects × raters, null = not rated) into the subjects × categories counts
 * the m-rater coefficients take. Categories default to those observed, sorted; a rating outside
 * a given list is a RangeError.
 */
export function ratingCounts(
  ratings: readonly (readonly (string | null)[])[],
  categories?: readonly string[],
): { categories: string[]; counts: number[][] } {
  const cats = categories ? [...categories] : [...new Set(ratings.flat().filter((r): r is string => r !== null))].sort();
  const index = new Map(cats.map((c, i) => [c, i] as const));
  const counts = ratings.map((subject) => {
    const row = new Array<number>(cats.length).fill(0);
    for (const r of subject) {
      if (r === null) continue;
      const k = index.get(r);
      if (k === undefined) throw new RangeError(`rating "${r}" is not one of the categories ${JSON.stringify(cats)}`);
      row[k] += 1;
    }
    return row;
  });
  return { categories: cats, counts };
}
