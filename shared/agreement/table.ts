/**
 * Two-rater agreement from a square contingency table (rows = rater A, columns = rater B).
 *
 * Every coefficient here has the form (po − pe) / (1 − pe) and differs only in how the
 * chance agreement pe is modelled. A figure that is mathematically undefined for the
 * data (no items, or pe = 1 because both raters used a single category) is `null`,
 * never NaN, so it survives JSON and cannot be mistaken for a number.
 */

/** Two-sided 95% standard normal quantile, as statsmodels and SAS use for the Wald interval. */
export const Z95 = 1.959964;

/** Cohen's kappa with its large-sample standard errors and Wald 95% interval. */
export interface CohenResult {
  /** items counted in the table */
  n: number;
  /** observed proportion of agreement; null when n = 0 */
  po: number | null;
  /** chance agreement from the product of the two raters' margins; null when n = 0 */
  pe: number | null;
  /** null when n = 0 or pe = 1 (both raters put every item in the same single category) */
  kappa: number | null;
  /** asymptotic standard error (the "ASE" of SAS, statsmodels `std_kappa`); null with kappa */
  se: number | null;
  /** standard error under H0: kappa = 0 (statsmodels `std_kappa0`); null with kappa */
  se0: number | null;
  /** kappa ± Z95·se, not truncated to [−1, 1], as statsmodels and SAS report it; null with kappa */
  ci95: [number, number] | null;
}

/**
 * A kappa interval as a reader should see it: the Wald interval can pass ±1 for small samples,
 * kappa cannot, so the bounds are held to [−1, 1] (the API keeps the interval as statsmodels gives it).
 */
export function kappaIntervalShown(ci: [number, number]): [number, number] {
  return [Math.max(-1, Math.min(1, ci[0])), Math.max(-1, Math.min(1, ci[1]))];
}

/** Sum of all cells, after checking that the table is square with finite non-negative counts. */
function checkedTotal(table: number[][]): number {
  const q = table.length;
  let n = 0;
  for (const row of table) {
    if (row.length !== q) throw new RangeError(`contingency table must be square: ${q} rows but a row of ${row.length}`);
    for (const cell of row) {
      if (!Number.isFinite(cell) || cell < 0) throw new RangeError(`contingency table cells must be non-negative numbers, got ${cell}`);
      n += cell;
    }
  }
  return n;
}

/** Row and column margins as proportions of n (n > 0). */
function margins(table: number[][], n: number): { rows: number[]; cols: number[] } {
  const q = table.length;
  const rows = new Array<number>(q).fill(0);
  const cols = new Array<number>(q).fill(0);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      rows[i] += table[i][j] / n;
      cols[j] += table[i][j] / n;
    }
  }
  return { rows, cols };
}

/** Observed proportion of agreement (the diagonal share), or null for an empty table. */
export function percentAgreementFromTable(table: number[][]): number | null {
  const n = checkedTotal(table);
  if (n === 0) return null;
  let diagonal = 0;
  for (let i = 0; i < table.length; i++) diagonal += table[i][i];
  return diagonal / n;
}

/** Cohen's (1960) kappa with the Fleiss, Cohen & Everitt (1969) asymptotic SE and a 95% Wald CI. */
export function cohenFromTable(table: number[][]): CohenResult {
  const n = checkedTotal(table);
  const empty: CohenResult = { n, po: null, pe: null, kappa: null, se: null, se0: null, ci95: null };
  if (n === 0) return empty;
  const q = table.length;
  const { rows, cols } = margins(table, n);
  let po = 0;
  let pe = 0;
  for (let i = 0; i < q; i++) {
    po += table[i][i] / n;
    pe += rows[i] * cols[i];
  }
  // pe = 1 exactly when both raters used one and the same category for every item: 0/0.
  if (1 - pe < 1e-12) return { ...empty, po, pe };
  const kappa = (po - pe) / (1 - pe);

  // Variance from Fleiss, Levin & Paik (2003), Statistical Methods for Rates and
  // Proportions, 3rd ed., eq. 18.15 (Fleiss, Cohen & Everitt 1969): a diagonal term,
  // an off-diagonal term, and a correction. Cell (i, j) off the diagonal pairs with the
  // column margin of i and the row margin of j.
  let diagonalTerm = 0;
  let offDiagonalTerm = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const p = table[i][j] / n;
      if (p === 0) continue;
      if (i === j) diagonalTerm += p * (1 - (rows[i] + cols[i]) * (1 - kappa)) ** 2;
      else offDiagonalTerm += p * (cols[i] + rows[j]) ** 2;
    }
  }
  offDiagonalTerm *= (1 - kappa) ** 2;
  const correction = (kappa - pe * (1 - kappa)) ** 2;
  const variance = (diagonalTerm + offDiagonalTerm - correction) / (n * (1 - pe) ** 2);
  // Rounding can push a true zero (perfect agreement) a hair below 0.
  const se = Math.sqrt(Math.max(0, variance));

  // Variance under H0 (Fleiss, Levin & Paik 2003, eq. 18.16), for a test of kappa = 0.
  let marginTerm = 0;
  for (let i = 0; i < q; i++) marginTerm += rows[i] * cols[i] * (rows[i] + cols[i]);
  const variance0 = (pe + pe * pe - marginTerm) / (n * (1 - pe) ** 2);
  const se0 = Math.sqrt(Math.max(0, variance0));

  return { n, po, pe, kappa, se, se0, ci95: [kappa - Z95 * se, kappa + Z95 * se] };
}

/** Per-category mean of the two raters' margins, the "pooled" prevalence Scott and Gwet use. */
function pooledPrevalence(table: number[][], n: number): number[] {
  const { rows, cols } = margins(table, n);
  return rows.map((r, k) => (r + cols[k]) / 2);
}

/** Scott's (1955) pi: chance agreement from the pooled category prevalence; null when undefined. */
export function scottPiFromTable(table: number[][]): number | null {
  const n = checkedTotal(table);
  const po = percentAgreementFromTable(table);
  if (po === null) return null;
  const pe = pooledPrevalence(table, n).reduce((sum, pi) => sum + pi * pi, 0);
  if (1 - pe < 1e-12) return null;
  return (po - pe) / (1 - pe);
}

/**
 * Gwet's (2008) AC1: pe = Σ πk(1 − πk) / (q − 1) with πk the pooled prevalence of category k.
 * Stays high when one category is rare, where kappa collapses. Null when n = 0 or q < 2.
 */
export function gwetAC1FromTable(table: number[][]): number | null {
  const n = checkedTotal(table);
  const q = table.length;
  const po = percentAgreementFromTable(table);
  if (po === null || q < 2) return null;
  const pe = pooledPrevalence(table, n).reduce((sum, pi) => sum + pi * (1 - pi), 0) / (q - 1);
  return (po - pe) / (1 - pe);
}

/**
 * PABAK, prevalence- and bias-adjusted kappa (Byrt, Bishop & Carlin 1993): 2·po − 1 for two
 * categories, generalised to (q·po − 1)/(q − 1) for q categories, which is the
 * Brennan–Prediger (1981) coefficient with uniform chance agreement 1/q. Null when n = 0 or q < 2.
 */
export function pabakFromTable(table: number[][]): number | null {
  const q = table.length;
  const po = percentAgreementFromTable(table);
  if (po === null || q < 2) return null;
  return (q * po - 1) / (q - 1);
}
