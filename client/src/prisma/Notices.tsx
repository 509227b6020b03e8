/**
 * What the lead should know before using the diagram: records not yet settled, and boxes that do
 * not follow from the ones above them, in plain sentences built from the counts.
 */
import { For, Show } from 'solid-js';
import type { PrismaProblem } from '../../../shared/prisma/consistency';
import type { PrismaReport } from '../../../shared/prisma/report';
import type { PrismaCounts } from '../../../shared/prisma/types';
import { t } from '../i18n';

const sum = (list: readonly { n: number }[]) => list.reduce((s, x) => s + x.n, 0);

/** One problem as a translated sentence with its numbers. */
export function problemText(p: PrismaProblem, c: PrismaCounts): string {
  const o = c.otherMethods;
  switch (p.code) {
    case 'screened':
      return t('prisma.problem.screened', { screened: c.screened, identified: sum(c.identified) + sum(c.registers), removed: c.duplicates + c.automation + c.removedOther });
    case 'sought':
      return t('prisma.problem.sought', { sought: c.sought, screened: c.screened, excluded: c.excludedScreening });
    case 'assessed':
      return t('prisma.problem.assessed', { assessed: c.assessed, sought: c.sought, notRetrieved: c.notRetrieved });
    case 'includedReports':
      return t('prisma.problem.includedReports', {
        includedReports: c.includedReports,
        expected: c.assessed - sum(c.excludedReports) + (o ? o.assessed - sum(o.excludedReports) : 0),
      });
    case 'includedStudies':
      return t('prisma.problem.includedStudies', { included: c.included, includedReports: c.includedReports });
    case 'otherSought':
      return t('prisma.problem.otherSought', { sought: o?.sought ?? 0, identified: sum(o?.identified ?? []) });
    case 'otherAssessed':
      return t('prisma.problem.otherAssessed', { assessed: o?.assessed ?? 0, sought: o?.sought ?? 0, notRetrieved: o?.notRetrieved ?? 0 });
    default:
      return t(`prisma.problem.${p.code}`);
  }
}

/** The unsettled records and the consistency problems; nothing when all is well. */
export function Notices(props: { report: PrismaReport }) {
  const u = () => props.report.unsettled;
  const open = (s: { pending: number; conflict: number }) => s.pending + s.conflict > 0;
  const parts = (s: { pending: number; conflict: number }) => ({
    waiting: t('prisma.unsettled.waiting', { count: s.pending }),
    open: t('prisma.unsettled.open', { count: s.conflict }),
  });
  return (
    <>
      <Show when={open(u().ta) || open(u().ft)}>
        <section class="panel calm" aria-labelledby="unsettled-h" data-testid="unsettled">
          <h2 id="unsettled-h">{t('prisma.unsettled.heading')}</h2>
          <p>{t('prisma.unsettled.intro')}</p>
          <ul class="plain-list">
            <Show when={open(u().ta)}>
              <li>{t('prisma.unsettled.ta', parts(u().ta))}</li>
            </Show>
            <Show when={open(u().ft)}>
              <li>{t('prisma.unsettled.ft', parts(u().ft))}</li>
            </Show>
          </ul>
        </section>
      </Show>
      <Show when={props.report.problems.length}>
        <section class="panel warn" aria-labelledby="problems-h" data-testid="problems">
          <h2 id="problems-h">{t('prisma.problems.heading')}</h2>
          <p>{t('prisma.problems.intro')}</p>
          <ul class="plain-list">
            <For each={props.report.problems}>{(p) => <li>{problemText(p, props.report.counts)}</li>}</For>
          </ul>
        </section>
      </Show>
    </>
  );
}
