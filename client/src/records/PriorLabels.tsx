/**
 * The record page's "Labels from other screening tools": the record's own, then those its
 * duplicates carry. A Rayyan or ASReview export is usually imported after the database searches it
 * came from, so its records become duplicates and their labels would otherwise never be seen on
 * the record that is screened.
 */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { PriorLabel } from '../../../shared/records';
import { t } from '../i18n';
import type { DuplicateGroup, RecordItem } from './api';
import { labelWord, toolName } from './labels';

function LabelList(props: { labels: PriorLabel[]; testid: string }) {
  return (
    <ul class="plain-list" data-testid={props.testid}>
      <For each={props.labels}>
        {(l) => (
          <li>
            {l.reviewer
              ? t('records.record.labelBy', { tool: toolName(l.tool), reviewer: l.reviewer, label: labelWord(l.label) })
              : t('records.record.labelNoReviewer', { tool: toolName(l.tool), label: labelWord(l.label) })}
          </li>
        )}
      </For>
    </ul>
  );
}

/** Prior labels of a record and of the other records in its duplicate group. */
export function PriorLabels(props: { base: string; record: RecordItem; group: DuplicateGroup | null }) {
  const others = () => {
    const g = props.group;
    if (!g) return [];
    return [g.primary, ...g.duplicates].filter((r) => r.id !== props.record.id && r.priorLabels.length);
  };
  return (
    <section aria-labelledby="rec-labels" class="record-section">
      <h2 id="rec-labels">{t('records.record.labels')}</h2>
      <Show when={props.record.priorLabels.length} fallback={<p class="meta">{t(others().length ? 'records.record.noOwnLabels' : 'records.record.noLabels')}</p>}>
        <LabelList labels={props.record.priorLabels} testid="prior-labels" />
      </Show>
      <For each={others()}>
        {(r) => (
          <>
            <h3 class="label-origin">
              {t(r.id === props.group?.primary.id ? 'records.record.labelsOfPrimary' : 'records.record.labelsOfDuplicate', { source: r.source })}
            </h3>
            <LabelList labels={r.priorLabels} testid="group-prior-labels" />
            <p><A href={`${props.base}/records/${encodeURIComponent(r.id)}`}>{t('records.record.openCopy', { source: r.source })}</A></p>
          </>
        )}
      </For>
    </section>
  );
}
