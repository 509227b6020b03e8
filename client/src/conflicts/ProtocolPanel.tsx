/**
 * What the team judges against, shown above the disagreements: the eligibility criteria, the key
 * to highlighted words, and how votes settle a record when the lead turned that on.
 */
import { Show } from 'solid-js';
import { locale, t } from '../i18n';
import { useConflicts } from './live';

/** Formats a share (0.66) as a percentage in the current locale's way. */
export function percent(share: number): string {
  return new Intl.NumberFormat(locale().code, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Criteria, highlight key and the settling rule. */
export function ProtocolPanel(props: { votingOpen: boolean }) {
  const ctx = useConflicts();
  const p = () => ctx.project();
  const hasTerms = () => p().highlightTerms.include.length + p().highlightTerms.exclude.length > 0;
  return (
    <div class="protocol">
      <details class="panel">
        <summary>{t('conflicts.criteria')}</summary>
        <Show when={p().criteria} fallback={<p class="meta">{t('conflicts.noCriteria')}</p>}>
          <p class="prose"><bdi>{p().criteria}</bdi></p>
        </Show>
      </details>
      <Show when={hasTerms()}>
        <p class="legend">
          {t('conflicts.legend')}: <mark class="hl hl-include">{t('conflicts.legend.include')}</mark>{' · '}
          <mark class="hl hl-exclude">{t('conflicts.legend.exclude')}</mark>
        </p>
      </Show>
      <Show when={p().autoSettle.enabled}>
        <p class="panel rule" data-testid="quorum-rule">
          {t('conflicts.autoSettle', { quorum: p().autoSettle.quorum, percent: percent(p().autoSettle.majority) })}
        </p>
      </Show>
      <Show when={!props.votingOpen}>
        <p class="meta">{t('conflicts.votingClosed')}</p>
      </Show>
    </div>
  );
}
