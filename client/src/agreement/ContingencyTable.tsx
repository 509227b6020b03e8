/**
 * The contingency table of one pair: how often rater A's decision (rows) met rater B's (columns),
 * with totals. Agreements on the diagonal are bold and shaded, so colour is never the only cue.
 */
import { For } from 'solid-js';
import type { PairAgreement } from '../../../shared/agreement/pair';
import { t, type MessageKey } from '../i18n';
import { ScrollBox } from '../ui/ScrollBox';
import { formatCount } from './format';

const DECISION: Record<string, MessageKey> = {
  include: 'agreement.decision.include',
  exclude: 'agreement.decision.exclude',
  maybe: 'agreement.decision.maybe',
};

/** A category's display name (categories are the decision names). */
export const categoryName = (c: string) => (DECISION[c] ? t(DECISION[c]!) : c);

/** An accessible table of counts with a caption, row and column headers, and totals. */
export function ContingencyTable(props: { caption: string; a: string; b: string; figures: PairAgreement }) {
  const cats = () => props.figures.categories;
  const rowTotal = (i: number) => props.figures.table[i]!.reduce((s, x) => s + x, 0);
  const colTotal = (j: number) => props.figures.table.reduce((s, row) => s + row[j]!, 0);
  return (
    <ScrollBox>
      <table class="contingency" data-testid="contingency">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="corner">{t('agreement.table.corner', { a: props.a, b: props.b })}</th>
            <For each={cats()}>{(c) => <th scope="col">{categoryName(c)}</th>}</For>
            <th scope="col">{t('agreement.table.total')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={cats()}>
            {(c, i) => (
              <tr>
                <th scope="row">{categoryName(c)}</th>
                <For each={props.figures.table[i()]}>
                  {(n, j) => <td classList={{ agree: i() === j() }}>{formatCount(n)}</td>}
                </For>
                <td class="total">{formatCount(rowTotal(i()))}</td>
              </tr>
            )}
          </For>
          <tr class="totals">
            <th scope="row">{t('agreement.table.total')}</th>
            <For each={cats()}>{(_, j) => <td>{formatCount(colTotal(j()))}</td>}</For>
            <td>{formatCount(props.figures.n)}</td>
          </tr>
        </tbody>
      </table>
    </ScrollBox>
  );
}
