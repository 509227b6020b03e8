/**
 * Agreement statistics against published reference values. Each dataset and expected value
 * names where it was published; the numbers were copied, the code that produced them was not.
 * Behaviour on degenerate input is in agreement-edge.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  cohenFromTable,
  fleissKappa,
  gwetAC1FromTable,
  krippendorffAlphaNominal,
  multiRaterAgreement,
  pabakFromTable,
  pairAgreement,
  percentAgreementFromTable,
  ratingCounts,
  scottPiFromTable,
} from '../../shared/agreement';

/** Expands a contingency table into the two raters' raw ratings (categories named c0, c1, …). */
function ratingsFromTable(table: number[][]): { a: string[]; b: string[] } {
  const a: string[] = [];
  const b: string[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let k = 0; k < count; k++) {
        a.push(`c${i}`);
        b.push(`c${j}`);
      }
    }),
  );
  return { a, b };
}

/** Expands subjects × categories counts into coders × units data for Krippendorff's alpha. */
function codersFromCounts(counts: number[][]): number[][] {
  const raters = counts[0].reduce((s, c) => s + c, 0);
  const coders: number[][] = Array.from({ length: raters }, () => []);
  for (const subject of counts) {
    const values = subject.flatMap((count, k) => new Array<number>(count).fill(k));
    values.forEach((v, r) => coders[r].push(v));
  }
  return coders;
}

describe("Cohen's kappa", () => {
  // statsmodels/stats/tests/test_inter_rater.py, `table10` and `res10_sas`: a SAS PROC FREQ
  // printout (Kappa 0.4842, ASE 0.1380, 95% CI 0.2137–0.7547; ASE under H0 0.1484, Z 3.2626).
  const sasTable = [
    [0, 4, 1],
    [0, 8, 0],
    [0, 1, 5],
  ];

  it('reproduces the SAS example quoted by statsmodels: kappa, asymptotic SE and 95% CI', () => {
    const r = cohenFromTable(sasTable);
    expect(r.n).toBe(19);
    expect(r.kappa).toBeCloseTo(0.484163, 6);
    expect(r.se).toBeCloseTo(0.138014, 6);
    expect(r.ci95?.[0]).toBeCloseTo(0.2137, 4);
    expect(r.ci95?.[1]).toBeCloseTo(0.7547, 4);
    expect(r.se0).toBeCloseTo(0.1484, 4);
    expect(r.kappa! / r.se0!).toBeCloseTo(3.2626, 4);
  });

  it('is oriented rows = rater A: transposing the table keeps kappa and its SE', () => {
    const transposed = sasTable.map((_, i) => sasTable.map((row) => row[i]));
    expect(cohenFromTable(transposed).kappa).toBeCloseTo(0.484163, 6);
    expect(cohenFromTable(transposed).se).toBeCloseTo(0.138014, 6);
  });

  it("reproduces R irr::kappa2(anxiety[,2:3]) from raw ratings (kappa −0.006289308, z −0.0604067)", () => {
    // `anxiety` (R package irr) as transcribed in statsmodels test_cohens_kappa_irr, column-major 20 × 3.
    const anxiety = [
      3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3, 3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3,
      4, 2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2,
    ];
    const rater = (j: number) => anxiety.slice(j * 20, (j + 1) * 20).map(String);
    const r = pairAgreement(rater(1), rater(2));
    // irr drops the unused level 5, as does a table built from the observed categories.
    expect(r.categories).toEqual(['1', '2', '3', '4', '6']);
    expect(r.n).toBe(20);
    expect(r.cohen.kappa).toBeCloseTo(-0.006289308, 7);
    const full = cohenFromTable(r.table);
    expect(full.kappa! / full.se0!).toBeCloseTo(-0.0604067, 6);
  });
});

describe('two-rater coefficients on irrCAC cont3x3abstractors', () => {
  // Gwet's irrCAC package README / overview vignette (github.com/kgwet/irrCAC): the
  // `cont3x3abstractors` table and the printed kappa2.table, scott2.table, gwet.ac1.table,
  // bp2.table, krippen2.table and pa2.table results.
  const abstractors = [
    [13, 0, 0],
    [0, 20, 7],
    [0, 4, 56],
  ];

  it("Cohen's kappa 0.7964094 with SE 0.05891072", () => {
    const r = cohenFromTable(abstractors);
    expect(r.kappa).toBeCloseTo(0.7964094, 7);
    expect(r.se).toBeCloseTo(0.05891072, 7);
  });

  it("Scott's pi 0.7962397", () => {
    expect(scottPiFromTable(abstractors)).toBeCloseTo(0.7962397, 7);
  });

  it("Gwet's AC1 0.8493305", () => {
    expect(gwetAC1FromTable(abstractors)).toBeCloseTo(0.8493305, 7);
  });

  it('PABAK = Brennan–Prediger 0.835 for q = 3, and percent agreement 0.89', () => {
    expect(pabakFromTable(abstractors)).toBeCloseTo(0.835, 7);
    expect(percentAgreementFromTable(abstractors)).toBeCloseTo(0.89, 7);
  });

  it("Krippendorff's alpha 0.7972585 from the same ratings as coders × units", () => {
    const { a, b } = ratingsFromTable(abstractors);
    expect(krippendorffAlphaNominal([a, b]).alpha).toBeCloseTo(0.7972585, 7);
  });

  it('pairAgreement on the raw ratings gives the same figures as the table functions', () => {
    const { a, b } = ratingsFromTable(abstractors);
    const r = pairAgreement(a, b, ['c0', 'c1', 'c2']);
    expect(r.table).toEqual(abstractors);
    expect(r.cohen.kappa).toBeCloseTo(0.7964094, 7);
    expect(r.scottPi).toBeCloseTo(0.7962397, 7);
    expect(r.gwetAC1).toBeCloseTo(0.8493305, 7);
    expect(r.pabak).toBeCloseTo(0.835, 7);
    expect(r.percentAgreement).toBeCloseTo(0.89, 7);
  });
});

describe('kappa paradox: high agreement, low kappa (Feinstein & Cicchetti 1990)', () => {
  // Feinstein AR, Cicchetti DV. High agreement but low kappa: I. J Clin Epidemiol 1990;43:543–9.
  // Both tables have po = 0.85; kappa is published as 0.70 and 0.32. PABAK = 2·po − 1 = 0.70
  // for both (Byrt, Bishop & Carlin 1993), which is why screening reports quote it.
  it('kappa falls with skewed prevalence while PABAK stays at 0.70', () => {
    const balanced = [
      [40, 9],
      [6, 45],
    ];
    const skewed = [
      [80, 10],
      [5, 5],
    ];
    expect(cohenFromTable(balanced).kappa).toBeCloseTo(0.7, 2);
    expect(cohenFromTable(skewed).kappa).toBeCloseTo(0.32, 2);
    expect(pabakFromTable(balanced)).toBeCloseTo(0.7, 10);
    expect(pabakFromTable(skewed)).toBeCloseTo(0.7, 10);
    expect(gwetAC1FromTable(skewed)!).toBeGreaterThan(cohenFromTable(skewed).kappa!);
  });
});

describe("Fleiss' kappa", () => {
  it('reproduces the Wikipedia example used by statsmodels test_fleiss_kappa (10 subjects × 14 raters)', () => {
    // statsmodels/stats/tests/test_inter_rater.py `table1`; Wikipedia "Fleiss' kappa" worked
    // example: P̄ = 0.378, P̄e = 0.213, kappa = 0.210 (0.209931 unrounded).
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const r = fleissKappa(counts);
    expect(r.subjects).toBe(10);
    expect(r.raters).toBe(14);
    expect(r.kappa).toBeCloseTo(0.209931, 6);
    expect(r.po).toBeCloseTo(0.378, 3);
    expect(r.pe).toBeCloseTo(0.213, 3);
  });

  it("reproduces R irr::kappam.fleiss(diagnoses): kappa 0.4302445, z 17.65183", () => {
    // `diagnoses` (R package irr, Fleiss 1971) as transcribed in statsmodels test_fleiss_kappa_irr;
    // category totals 26, 26, 30, 55, 43 from statsmodels test_aggregate_raters.
    const diagnoses = [
      [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ];
    const { categories, counts } = ratingCounts(diagnoses.map((subject) => subject.map(String)));
    expect(categories).toEqual(['1', '2', '3', '4', '5']);
    expect(counts.reduce((sum, row) => sum.map((s, k) => s + row[k]))).toEqual([26, 26, 30, 55, 43]);
    const r = fleissKappa(counts);
    expect(r.kappa).toBeCloseTo(0.4302445, 7);
    expect(r.z).toBeCloseTo(17.65183, 4);
  });
});

describe('m-rater coefficients on irrCAC distrib.6raters', () => {
  // irrCAC README (github.com/kgwet/irrCAC): `distrib.6raters`, 15 patients × 5 diagnoses, 6
  // psychiatrists each; printed gwet.ac1.dist, fleiss.kappa.dist, krippen.alpha.dist and bp.coeff.dist.
  const distrib6 = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
  ];

  it("Fleiss' kappa 0.4139265 (pa 0.5511111, pe 0.2340741)", () => {
    const r = fleissKappa(distrib6);
    expect(r.kappa).toBeCloseTo(0.4139265, 7);
    expect(r.po).toBeCloseTo(0.5511111, 7);
    expect(r.pe).toBeCloseTo(0.2340741, 7);
  });

  it("Gwet's AC1 0.4448007 and Brennan–Prediger 0.4388889", () => {
    const r = multiRaterAgreement(distrib6);
    expect(r.gwetAC1).toBeCloseTo(0.4448007, 7);
    expect(r.brennanPrediger).toBeCloseTo(0.4388889, 7);
    expect(r.fleiss.kappa).toBeCloseTo(0.4139265, 7);
  });

  it("Krippendorff's alpha 0.4204384", () => {
    expect(krippendorffAlphaNominal(codersFromCounts(distrib6)).alpha).toBeCloseTo(0.4204384, 7);
  });
});

describe("Krippendorff's alpha, nominal, with missing ratings", () => {
  // Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", section C example
  // (alpha = 0.743); also R irr::kripp.alpha(..., "nominal") = 0.743 and irrCAC
  // krippen.alpha.raw(cac.raw4raters) = 0.74342 (the same data as units × raters).
  const _ = null;
  const reliability = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];

  it('alpha = 0.743421, dropping the unit with a single rating', () => {
    const r = krippendorffAlphaNominal(reliability);
    expect(r.alpha).toBeCloseTo(0.743421, 6);
    expect(r.units).toBe(11);
    expect(r.pairable).toBe(40);
  });

  it('gives the same alpha when values are strings', () => {
    const asStrings = reliability.map((coder) => coder.map((v) => (v === null ? null : String(v))));
    expect(krippendorffAlphaNominal(asStrings).alpha).toBeCloseTo(0.743421, 6);
  });
});
