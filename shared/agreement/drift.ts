/**
 * Agreement as screening goes on, for a drift chart: consecutive batches of doubly rated
 * items, in the order the caller gives (normally the order the items were screened).
 */
import { contingencyTable } from './pair';
import { cohenFromTable, percentAgreementFromTable } from './table';

/** Agreement within one batch and over everything up to the end of that batch. */
export interface AgreementBatch {
  /** 0-based batch number */
  batch: number;
  /** index of the batch's first pair in the input */
  start: number;
  /** index one past its last pair */
  end: number;
  /** pairs in the batch (batchSize, or fewer for the last one) */
  n: number;
  percentAgreement: number | null;
  /** null when both raters used one and the same category throughout the batch */
  kappa: number | null;
  /** the same figures over pairs 0 … end − 1, so a chart can show where the running value settles */
  cumulative: { percentAgreement: number | null; kappa: number | null };
}

/** Per-batch and cumulative percent agreement and Cohen's kappa over consecutive batches of pairs. */
export function agreementOverTime(
  pairs: readonly { a: string; b: string }[],
  batchSize: number,
  categories?: readonly string[],
): AgreementBatch[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const a = pairs.map((p) => p.a);
  const b = pairs.map((p) => p.b);
  // One category list for every batch keeps the tables comparable across the chart.
  const cats = contingencyTable(a, b, categories).categories;
  const runningTable = cats.map(() => new Array<number>(cats.length).fill(0));
  const batches: AgreementBatch[] = [];
  for (let start = 0; start < pairs.length; start += batchSize) {
    const end = Math.min(start + batchSize, pairs.length);
    const batchTable = contingencyTable(a.slice(start, end), b.slice(start, end), cats).table;
    batchTable.forEach((row, i) => row.forEach((count, j) => (runningTable[i][j] += count)));
    batches.push({
      batch: batches.length,
      start,
      end,
      n: end - start,
      percentAgreement: percentAgreementFromTable(batchTable),
      kappa: cohenFromTable(batchTable).kappa,
      cumulative: {
        percentAgreement: percentAgreementFromTable(runningTable),
        kappa: cohenFromTable(runningTable).kappa,
      },
    });
  }
  return batches;
}
