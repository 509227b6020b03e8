/**
 * A duplicate group as a table: the primary record (the one that is screened) first, then each
 * duplicate with how it was matched and whether a lead confirmed it. A lead can split a duplicate out.
 */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { formatDate, t } from '../i18n';
import { ScrollBox } from '../ui/ScrollBox';
import { followersIn } from '../../../shared/records';
import type { DuplicateGroup, RecordItem } from './api';
import { ConfirmAction } from './Confirm';
import { reasonText, scoreText } from './labels';

/** The group table; `current` marks the record the page is about. */
export function GroupTable(props: { pid: string; group: DuplicateGroup; current?: string; lead: boolean; onSplit: (r: RecordItem) => Promise<unknown> }) {
  const href = (r: RecordItem) => `/projects/${encodeURIComponent(props.pid)}/records/${encodeURIComponent(r.id)}`;
  const Title = (p: { r: RecordItem }) => (
    <Show when={p.r.id !== props.current} fallback={<span><bdi>{p.r.title || t('records.untitled')}</bdi> <span class="meta">{t('records.group.thisRecord')}</span></span>}>
      <A href={href(p.r)}><bdi>{p.r.title || t('records.untitled')}</bdi></A>
    </Show>
  );
  // What people compare to judge a match: year, journal and DOI.
  const Facts = (p: { r: RecordItem }) => (
    <div class="meta facts"><bdi>{[p.r.year === null ? '' : String(p.r.year), p.r.journal, p.r.doi ? t('records.group.doi', { doi: p.r.doi }) : ''].filter(Boolean).join(' · ')}</bdi></div>
  );
  // A duplicate that came in with a merged record matches that record, not the primary (duplicateVia).
  const viaTitle = (d: RecordItem) => {
    const via = d.duplicateVia ? props.group.duplicates.find((x) => x.id === d.duplicateVia) : undefined;
    return via ? via.title || t('records.untitled') : '';
  };
  /** How many duplicates leave with `id` when it is split out: those that followed it in, and theirs. */
  const followers = (id: string) => followersIn(props.group.duplicates.map((d) => ({ id: d.id, via: d.duplicateVia })), id).length;
  return (
    <ScrollBox>
      <table class="members group-table" data-testid="group-table">
        <caption class="visually-hidden">{t('records.group.caption', { title: props.group.primary.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('records.group.col.record')}</th>
            <th scope="col">{t('records.group.col.source')}</th>
            <th scope="col">{t('records.group.col.match')}</th>
            <th scope="col">{t('records.group.col.confirmed')}</th>
            <Show when={props.lead}><th scope="col">{t('records.group.col.actions')}</th></Show>
          </tr>
        </thead>
        <tbody>
          <tr class="primary-row">
            <th scope="row"><Title r={props.group.primary} /><Facts r={props.group.primary} /><div class="meta">{t('records.group.primary')}</div></th>
            <td><bdi>{props.group.primary.source}</bdi></td>
            <td>—</td>
            <td>—</td>
            <Show when={props.lead}><td /></Show>
          </tr>
          <For each={props.group.duplicates}>
            {(d) => (
              <tr>
                <th scope="row"><Title r={d} /><Facts r={d} /></th>
                <td><bdi>{d.source}</bdi></td>
                <td>
                  {reasonText(d.duplicateReason)} <span class="meta">{scoreText(d.duplicateReason === 'fuzzy' ? d.duplicateScore : null)}</span>
                  <Show when={viaTitle(d)}>{(title) => <div class="meta">{t('records.group.via', { title: title() })}</div>}</Show>
                </td>
                <td>
                  {d.duplicateConfirmedAt
                    ? t('records.group.confirmedBy', { name: d.duplicateConfirmedBy?.name ?? '', date: formatDate(d.duplicateConfirmedAt) })
                    : t('records.group.notConfirmed')}
                </td>
                <Show when={props.lead}>
                  <td>
                    <ConfirmAction
                      id={`split-${d.id}`}
                      small
                      label={t('records.split')}
                      a11yLabel={t('records.split.label', { title: d.title })}
                      question={
                        <>
                          <p>{t('records.split.question', { title: d.title })}</p>
                          <Show when={followers(d.id)}>{(n) => <p>{t('records.split.followers', { count: n() })}</p>}</Show>
                        </>
                      }
                      yes={t('records.split.yes')}
                      onConfirm={() => props.onSplit(d)}
                    />
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </ScrollBox>
  );
}
