/**
 * One reviewer pair: its figures at unblinding and now, its contingency tables, and (for the whole
 * stage) its drift chart. Used for the stage and for the pilot round.
 */
import { Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { PairDrift, PairFigures } from '../../../shared/agreement/report';
import { t } from '../i18n';
import { ContingencyTable } from './ContingencyTable';
import { DriftChart } from './DriftChart';
import { PairFiguresTable, type Column } from './FiguresTable';
import type { PairAgreement } from '../../../shared/agreement/pair';

/** Which category set the page shows. */
export type Cats = 'two' | 'three';

/** The props of a pair section; `at` is null before unblinding. */
export interface PairSectionProps {
  id: string;
  level: 2 | 3;
  a: string;
  b: string;
  cats: Cats;
  now: PairFigures;
  at: PairFigures | null;
  atLabel: string;
  drift?: { pair: PairDrift; batchSize: number };
}

/** A section with the pair's heading, figures, tables and chart. */
export function PairSection(props: PairSectionProps) {
  const now = () => props.now[props.cats];
  const at = () => props.at?.[props.cats] ?? null;
  const columns = (): Column<PairAgreement>[] => [
    ...(at() ? [{ label: props.atLabel, figures: at()! }] : []),
    { label: t('agreement.col.now'), figures: now() },
  ];
  const names = () => ({ a: props.a, b: props.b });
  return (
    <section class="pair" aria-labelledby={`${props.id}-h`} data-testid="pair">
      <Dynamic component={`h${props.level}`} id={`${props.id}-h`}>
        {t('agreement.pair.heading', names())}
      </Dynamic>
      <Show when={now().n > 0 || (at()?.n ?? 0) > 0} fallback={<p>{t('agreement.pair.noOverlap')}</p>}>
        <PairFiguresTable caption={t('agreement.figures.caption', names())} columns={columns()} />
        <div class="side-by-side">
          <Show when={at()}>
            {(f) => (
              <ContingencyTable
                caption={t('agreement.table.caption', { ...names(), when: props.atLabel })}
                a={props.a}
                b={props.b}
                figures={f()}
              />
            )}
          </Show>
          <ContingencyTable caption={t('agreement.table.caption', { ...names(), when: t('agreement.col.now') })} a={props.a} b={props.b} figures={now()} />
        </div>
        <p class="hint">{t('agreement.table.note')}</p>
        <Show when={props.drift}>
          {(d) => (
            <div class="drift-block">
              <Dynamic component={`h${props.level + 1}`}>{t('agreement.drift.heading')}</Dynamic>
              <p class="hint">{t('agreement.drift.intro', { size: d().batchSize })}</p>
              <DriftChart id={`${props.id}-drift`} a={props.a} b={props.b} batches={d().pair[props.cats]} batchSize={d().batchSize} />
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
}
