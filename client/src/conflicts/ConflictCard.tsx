/**
 * One disputed record as a region with its own heading: the record, each reviewer's decision side
 * by side (with the first, independent judgement when it changed), votes, the lead's final
 * decision, the live discussion and the history.
 */
import { authorList } from '../records/labels';
import { createResource, For, Show, type Accessor } from 'solid-js';
import { threadKey } from '../../../shared/discussions';
import type { ConflictItem } from '../../../shared/screening';
import { canManageProject } from '../../../shared/roles';
import { formatDateTime, formatList, t } from '../i18n';
import { getRecord } from './api';
import { ChangeMyDecision, FinalDecision } from './Decide';
import { Discussion } from './Discussion';
import { Highlighted } from './highlight';
import { History } from './History';
import { idPart, useConflicts } from './live';
import { decisionWord, Voting } from './Voting';
import { voteSettlementText } from './settlement';

/** A lead's note, or a settlement by vote in plain words. */
function settlementNote(r: NonNullable<ConflictItem['resolution']>): string {
  return (r.source === 'quorum' ? voteSettlementText(r.reason, r.decision) : null) ?? t('conflicts.note', { note: r.reason });
}

/** The card for one record; `item` changes live as the board updates. */
export function ConflictCard(props: { item: Accessor<ConflictItem> }) {
  const ctx = useConflicts();
  const rid = props.item().recordId;
  const key = threadKey(ctx.stage, rid);
  const base = `record-${idPart(rid)}`;
  const [record] = createResource(() => getRecord(ctx.pid, rid));
  const terms = () => ctx.project().highlightTerms;
  const title = () => record()?.title ?? props.item().title;
  const resolution = () => props.item().resolution;
  const iDecided = () => props.item().decisions.some((d) => d.userId === ctx.me.id);

  return (
    <section
      aria-labelledby={`${base}-h`}
      class="conflict card"
      data-record-id={rid}
      data-status={props.item().status}
      onFocusIn={() => ctx.setReading(key)}
      onPointerEnter={() => ctx.setReading(key)}
    >
      <h2 id={`${base}-h`} class="conflict-title">
        <bdi><Highlighted text={title()} terms={terms()} /></bdi>
      </h2>
      <Show when={record()}>
        {(r) => (
          <p class="meta">
            <bdi>{[authorList(r().authors, 'short'), r().year ?? '', r().journal].filter(Boolean).join(' · ')}</bdi>
          </p>
        )}
      </Show>
      <p class="conflict-status" data-testid="status">
        <span class="badge" classList={{ resolved: props.item().status === 'resolved' }}>
          {t('conflicts.status')}: {props.item().status === 'resolved' ? t('conflicts.status.resolved') : t('conflicts.status.open')}
        </span>{' '}
        <Show when={resolution()}>
          {(r) => (
            <span>
              {r().source === 'lead'
                ? t('conflicts.resolution.lead', {
                    decision: t(decisionWord(r().decision)),
                    name: ctx.members().find((m) => m.userId === r().by)?.name ?? t('conflicts.h.someone'),
                    date: formatDateTime(r().at),
                  })
                : t('conflicts.resolution.quorum', { decision: t(decisionWord(r().decision)), date: formatDateTime(r().at) })}
              <Show when={r().decision === 'exclude' && ctx.exclusionReasonOf(rid)}>
                {(why) => <> {t('conflicts.exclusionReason', { reason: why() })}</>}
              </Show>
              <Show when={r().reason}> {settlementNote(r())}</Show>
            </span>
          )}
        </Show>
      </p>
      <details class="abstract">
        <summary>{t('conflicts.abstract')}</summary>
        <Show when={record()?.abstract} fallback={<p class="meta">{t('conflicts.noAbstract')}</p>}>
          <p class="prose"><bdi><Highlighted text={record()!.abstract} terms={terms()} /></bdi></p>
        </Show>
      </details>

      <section aria-labelledby={`${base}-d`}>
        <h3 id={`${base}-d`}>{t('conflicts.decisions')}</h3>
        <ul class="decisions-grid">
          <For each={props.item().decisions}>
            {(d) => (
              <li class="decision" data-decision={d.decision}>
                <p class="decision-who">
                  <strong>{d.userId === ctx.me.id ? t('conflicts.you', { name: d.name }) : <bdi>{d.name}</bdi>}</strong>
                </p>
                <p class="decision-value">{t(decisionWord(d.decision))}</p>
                <Show when={d.reasons.length}><p>{t('conflicts.reasons', { reasons: formatList(d.reasons) })}</p></Show>
                <Show when={d.note}><p class="prose">{t('conflicts.note', { note: d.note })}</p></Show>
                <p class="meta">{t('conflicts.decidedAt', { date: formatDateTime(d.at) })}</p>
                <Show when={d.original}>
                  {(o) => (
                    <div class="original">
                      <p class="meta">{t('conflicts.changedAfter')}</p>
                      <p>{t('conflicts.original', { decision: t(decisionWord(o().decision)) })}</p>
                      <Show when={o().reasons.length}><p>{t('conflicts.reasons', { reasons: formatList(o().reasons) })}</p></Show>
                      <Show when={o().note}><p class="prose">{t('conflicts.note', { note: o().note })}</p></Show>
                    </div>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
        <Show when={iDecided()}>
          <ChangeMyDecision item={props.item()} />
        </Show>
      </section>

      <Voting item={props.item()} />
      <Show when={canManageProject(ctx.role())}>
        <FinalDecision item={props.item()} />
      </Show>
      <Discussion threadKey={key} title={title()} />
      <History recordId={rid} />
    </section>
  );
}
