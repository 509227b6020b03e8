/**
 * Tables of agreement figures: one reviewer pair's statistics, and the all-reviewers ones, with one
 * column per moment ("at unblinding", "now"). Real <table>s with row and column headers.
 */
import { For } from 'solid-js';
import type { PairAgreement } from '../../../shared/agreement/pair';
import type { MultiFigures } from '../../../shared/agreement/report';
import { t, type MessageKey } from '../i18n';
import { ScrollBox } from '../ui/ScrollBox';
import { formatCi, formatCoef, formatCount, formatPercent, formatSe } from './format';

/** One column of a figures table: its heading and the figures under it. */
export interface Column<T> {
  label: string;
  figures: T;
}

type Row<T> = { key: MessageKey; stat: string; value: (f: T) => string };

const PAIR_ROWS: Row<PairAgreement>[] = [
  { key: 'agreement.row.n', stat: 'n', value: (p) => formatCount(p.n) },
  { key: 'agreement.row.percent', stat: 'percent', value: (p) => formatPercent(p.percentAgreement) },
  { key: 'agreement.row.kappa', stat: 'kappa', value: (p) => formatCoef(p.cohen.kappa) },
  { key: 'agreement.row.se', stat: 'se', value: (p) => formatSe(p.cohen.se) },
  { key: 'agreement.row.ci', stat: 'ci', value: (p) => formatCi(p.cohen.ci95) },
  { key: 'agreement.row.pabak', stat: 'pabak', value: (p) => formatCoef(p.pabak) },
  { key: 'agreement.row.ac1', stat: 'ac1', value: (p) => formatCoef(p.gwetAC1) },
  { key: 'agreement.row.pi', stat: 'pi', value: (p) => formatCoef(p.scottPi) },
];

const MULTI_ROWS: Row<MultiFigures>[] = [
  {
    key: 'agreement.multi.subjects',
    stat: 'subjects',
    value: (m) =>
      m.fleiss ? t('agreement.multi.subjectsValue', { subjects: m.fleiss.fleiss.subjects, raters: m.fleiss.fleiss.raters }) : t('agreement.undefined'),
  },
  { key: 'agreement.multi.fleiss', stat: 'fleiss', value: (m) => formatCoef(m.fleiss?.fleiss.kappa) },
  { key: 'agreement.multi.ac1', stat: 'ac1', value: (m) => formatCoef(m.fleiss?.gwetAC1) },
  { key: 'agreement.multi.bp', stat: 'bp', value: (m) => formatCoef(m.fleiss?.brennanPrediger) },
  { key: 'agreement.multi.alpha', stat: 'alpha', value: (m) => formatCoef(m.krippendorff.alpha) },
  { key: 'agreement.multi.units', stat: 'units', value: (m) => formatCount(m.krippendorff.units) },
];

function FiguresTable<T>(props: { caption: string; columns: Column<T>[]; rows: Row<T>[]; testid: string }) {
  return (
    <ScrollBox>
      <table class="figures" data-testid={props.testid}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agreement.col.figure')}</th>
            <For each={props.columns}>{(c) => <th scope="col">{c.label}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr data-stat={row.stat}>
                <th scope="row">{t(row.key)}</th>
                <For each={props.columns}>{(c) => <td>{row.value(c.figures)}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** One pair's percent agreement, kappa (SE, 95% CI), PABAK, AC1 and Scott's pi, per moment. */
export function PairFiguresTable(props: { caption: string; columns: Column<PairAgreement>[] }) {
  return <FiguresTable caption={props.caption} columns={props.columns} rows={PAIR_ROWS} testid="pair-figures" />;
}

/** Fleiss' kappa (with AC1 and Brennan–Prediger) and Krippendorff's alpha, per moment. */
export function MultiFiguresTable(props: { caption: string; columns: Column<MultiFigures>[] }) {
  return <FiguresTable caption={props.caption} columns={props.columns} rows={MULTI_ROWS} testid="multi-figures" />;
}
