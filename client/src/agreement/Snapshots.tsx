/**
 * The figures of one set of snapshots ("at unblinding" and "now"): the all-reviewers section when
 * more than two people screen, then one section per pair. Shared by the stage and the pilot round.
 */
import { For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { AgreementRater, AgreementSnapshot, PairDrift } from '../../../shared/agreement/report';
import { t } from '../i18n';
import { MultiFiguresTable } from './FiguresTable';
import { PairSection, type Cats } from './PairSection';

/** What the snapshots section shows. */
export interface SnapshotsProps {
  /** prefix for element ids, unique on the page */
  id: string;
  level: 2 | 3;
  raters: AgreementRater[];
  cats: Cats;
  now: AgreementSnapshot;
  at: AgreementSnapshot | null;
  atLabel: string;
  drift?: { batchSize: number; pairs: PairDrift[] };
}

/** All-reviewers figures (when > 2) and every pair, in the raters' order. */
export function Snapshots(props: SnapshotsProps) {
  const names = () => new Map(props.raters.map((r) => [r.userId, r.name]));
  const name = (id: string) => names().get(id) ?? id;
  const atPair = (a: string, b: string) => props.at?.pairs.find((p) => p.a === a && p.b === b) ?? null;
  const driftOf = (a: string, b: string) => props.drift?.pairs.find((p) => p.a === a && p.b === b);
  return (
    <>
      <Show when={props.now.multi}>
        {(multi) => (
          <section class="multi" aria-labelledby={`${props.id}-multi-h`}>
            <Dynamic component={`h${props.level}`} id={`${props.id}-multi-h`}>
              {t('agreement.multi.heading')}
            </Dynamic>
            <MultiFiguresTable
              caption={t('agreement.multi.caption', { count: props.raters.length })}
              columns={[
                ...(props.at?.multi ? [{ label: props.atLabel, figures: props.at.multi[props.cats] }] : []),
                { label: t('agreement.col.now'), figures: multi()[props.cats] },
              ]}
            />
          </section>
        )}
      </Show>
      <For each={props.now.pairs}>
        {(pair, i) => {
          const drift = () => driftOf(pair.a, pair.b);
          return (
            <PairSection
              id={`${props.id}-pair-${i()}`}
              level={props.level}
              a={name(pair.a)}
              b={name(pair.b)}
              cats={props.cats}
              now={pair}
              at={atPair(pair.a, pair.b)}
              atLabel={props.atLabel}
              drift={drift() && props.drift ? { pair: drift()!, batchSize: props.drift.batchSize } : undefined}
            />
          );
        }}
      </For>
    </>
  );
}
