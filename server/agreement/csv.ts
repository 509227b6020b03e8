/**
 * The agreement report as CSV (`format=csv`): one row per pair, per all-raters figure set and per
 * drift batch, for each snapshot (at unblinding, now, and the pilot round's own two) and category
 * set, with a header row. Numbers are written at full
 * precision; undefined figures are empty cells.
 */
import Papa from 'papaparse';
import type { AgreementReport, AgreementSnapshot, MultiFigures, PilotAgreementReport } from '../../shared/agreement/report';
import type { PairAgreement } from '../../shared/agreement/pair';
import type { AgreementBatch } from '../../shared/agreement/drift';
import { THREE_CATEGORIES } from '../../shared/agreement/report';

const CELLS = THREE_CATEGORIES.flatMap((a) => THREE_CATEGORIES.map((b) => `t_${a}_${b}`));

/** Column names, in order (the header row). */
export const AGREEMENT_CSV_COLUMNS = [
  'stage', 'snapshot', 'categories', 'scope', 'rater_a_id', 'rater_a', 'rater_b_id', 'rater_b', 'n',
  'percent_agreement', 'cohen_kappa', 'kappa_se', 'kappa_ci95_low', 'kappa_ci95_high', 'pabak', 'gwet_ac1', 'scott_pi',
  'raters_per_record', 'fleiss_kappa', 'fleiss_se0', 'brennan_prediger', 'krippendorff_alpha', 'krippendorff_units',
  'batch', 'batch_start', 'batch_end', 'cumulative_percent_agreement', 'cumulative_kappa',
  ...CELLS,
] as const;

type Column = (typeof AGREEMENT_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | null>>;

// Names are user input: a leading =, +, - or @ would run as a formula in a spreadsheet.
const text = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function pairCells(p: PairAgreement): Row {
  const row: Row = {
    n: p.n,
    percent_agreement: p.percentAgreement,
    cohen_kappa: p.cohen.kappa,
    kappa_se: p.cohen.se,
    kappa_ci95_low: p.cohen.ci95?.[0] ?? null,
    kappa_ci95_high: p.cohen.ci95?.[1] ?? null,
    pabak: p.pabak,
    gwet_ac1: p.gwetAC1,
    scott_pi: p.scottPi,
  };
  p.categories.forEach((a, i) => p.categories.forEach((b, j) => (row[`t_${a}_${b}` as Column] = p.table[i]![j]!)));
  return row;
}

function multiCells(m: MultiFigures): Row {
  return {
    n: m.fleiss?.fleiss.subjects ?? null,
    gwet_ac1: m.fleiss?.gwetAC1 ?? null,
    raters_per_record: m.fleiss?.fleiss.raters ?? null,
    fleiss_kappa: m.fleiss?.fleiss.kappa ?? null,
    fleiss_se0: m.fleiss?.fleiss.se0 ?? null,
    brennan_prediger: m.fleiss?.brennanPrediger ?? null,
    krippendorff_alpha: m.krippendorff.alpha,
    krippendorff_units: m.krippendorff.units,
  };
}

function batchCells(b: AgreementBatch): Row {
  return {
    n: b.n,
    percent_agreement: b.percentAgreement,
    cohen_kappa: b.kappa,
    batch: b.batch,
    batch_start: b.start,
    batch_end: b.end,
    cumulative_percent_agreement: b.cumulative.percentAgreement,
    cumulative_kappa: b.cumulative.kappa,
  };
}

/** The report (whole stage, or the pilot alone) as CSV text with a header row. */
export function agreementCsv(report: AgreementReport | PilotAgreementReport): string {
  const names = new Map(report.raters.map((r) => [r.userId, r.name]));
  const rows: Row[] = [];
  const who = (a: string, b: string): Row => ({ rater_a_id: a, rater_a: text(names.get(a) ?? ''), rater_b_id: b, rater_b: text(names.get(b) ?? '') });
  const snapshot = (label: string, s: AgreementSnapshot) => {
    for (const cats of ['three', 'two'] as const) {
      const base: Row = { stage: report.stage, snapshot: label, categories: cats === 'three' ? 3 : 2 };
      for (const p of s.pairs) rows.push({ ...base, scope: 'pair', ...who(p.a, p.b), ...pairCells(p[cats]) });
      if (s.multi) rows.push({ ...base, scope: 'all raters', ...multiCells(s.multi[cats]) });
    }
  };
  if (report.scope === 'stage') {
    if (report.atUnblinding) snapshot('at_unblinding', report.atUnblinding);
    snapshot('now', report.now);
  }
  if (report.pilot?.atUnblinding) snapshot('pilot_at_unblinding', report.pilot.atUnblinding);
  if (report.pilot) snapshot('pilot_now', report.pilot.now);
  for (const cats of ['three', 'two'] as const) {
    for (const d of report.scope === 'stage' ? report.drift.pairs : []) {
      for (const b of d[cats]) {
        rows.push({ stage: report.stage, snapshot: 'now', categories: cats === 'three' ? 3 : 2, scope: 'batch', ...who(d.a, d.b), ...batchCells(b) });
      }
    }
  }
  const data = rows.map((r) => AGREEMENT_CSV_COLUMNS.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))));
  return Papa.unparse({ fields: [...AGREEMENT_CSV_COLUMNS], data }, { newline: '\r\n' }) + '\r\n';
}
