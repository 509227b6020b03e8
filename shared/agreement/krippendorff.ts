/**
 * Krippendorff's alpha for nominal data, following Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability", section C (nominal data, any number of coders,
 * missing values): build the coincidence matrix of pairable values, then
 * α = 1 − (n − 1) · Σc≠k o_ck / Σc≠k n_c·n_k.
 */

/**
 * A rating value, compared with === (so 1 and '1' are different values); null, or undefined
 * in sparse rows, means the coder did not rate the unit.
 */
export type NominalValue = string | number | null;

/** Krippendorff's alpha with the quantities it is built from, for reporting. */
export interface KrippendorffResult {
  /** null when undefined: fewer than 2 pairable values, or every pairable value the same */
  alpha: number | null;
  /** units with at least 2 ratings (the others carry no information about agreement) */
  units: number;
  /** pairable values n.. (ratings in those units) */
  pairable: number;
  /** observed disagreement D_o = Σc≠k o_ck / n */
  observedDisagreement: number | null;
  /** expected disagreement D_e = Σc≠k n_c·n_k / (n(n − 1)) */
  expectedDisagreement: number | null;
}

/** Nominal-scale Krippendorff's alpha from a coders × units matrix; null cells are missing ratings. */
export function krippendorffAlphaNominal(data: readonly (readonly NominalValue[])[]): KrippendorffResult {
  const unitCount = data.reduce((max, coder) => Math.max(max, coder.length), 0);
  // Coincidences are symmetric; keep only the off-diagonal mass and the value totals n_c,
  // which is all the nominal metric needs.
  const valueTotals = new Map<string | number, number>();
  let offDiagonal = 0;
  let units = 0;
  let pairable = 0;

  for (let u = 0; u < unitCount; u++) {
    const values: (string | number)[] = [];
    for (const coder of data) {
      const v = coder[u];
      if (v !== null && v !== undefined) values.push(v);
    }
    const m = values.length;
    if (m < 2) continue;
    units += 1;
    pairable += m;
    const inUnit = new Map<string | number, number>();
    for (const v of values) inUnit.set(v, (inUnit.get(v) ?? 0) + 1);
    // Ordered pairs of different values within the unit, each weighted 1/(m − 1).
    let samePairs = 0;
    for (const [value, count] of inUnit) {
      samePairs += count * (count - 1);
      valueTotals.set(value, (valueTotals.get(value) ?? 0) + count);
    }
    offDiagonal += (m * (m - 1) - samePairs) / (m - 1);
  }

  const empty: KrippendorffResult = { alpha: null, units, pairable, observedDisagreement: null, expectedDisagreement: null };
  if (pairable < 2) return empty;
  let sumSquares = 0;
  for (const total of valueTotals.values()) sumSquares += total * total;
  const expectedPairs = pairable * pairable - sumSquares;
  const observedDisagreement = offDiagonal / pairable;
  const expectedDisagreement = expectedPairs / (pairable * (pairable - 1));
  if (expectedPairs === 0) return { ...empty, observedDisagreement, expectedDisagreement };
  return {
    alpha: 1 - ((pairable - 1) * offDiagonal) / expectedPairs,
    units,
    pairable,
    observedDisagreement,
    expectedDisagreement,
  };
}
