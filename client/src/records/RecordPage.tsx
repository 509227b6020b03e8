/**
 * /projects/:pid/records/:rid — one record in full: its details and abstract, labels other tools
 * (Rayyan, ASReview) gave it with their reviewers' names, its duplicate group (a lead can split a
 * duplicate out), and its history as far as the blinding rule lets this person see it.
 */
import { A, useLocation, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { canManageProject } from '../../../shared/roles';
import { errorMessage } from '../api/errors';
import { getHistory } from '../conflicts/api';
import { describeEvent } from '../conflicts/History';
import { formatDateTime, formatList, t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { StatusMessage } from '../ui/alerts';
import { Loading, Page } from '../ui/Page';
import { getRecordDetail, isGroupChanged, latest, splitRecord, type RecordItem } from './api';
import { GroupTable } from './GroupTable';
import { PriorLabels } from './PriorLabels';
import { authorList, recordType } from './labels';
import './records.css';

/** The single-record page. */
export function RecordPage() {
  useLocationInProject('records');
  const { project, role } = useProject();
  const params = useParams<{ rid: string }>();
  const pid = project().id;
  const [detail, { refetch }] = createResource(() => params.rid, (rid) => getRecordDetail(pid, rid));
  const [history, { refetch: refetchHistory }] = createResource(() => params.rid, (rid) => getHistory(pid, rid));
  const [status, setStatus] = createSignal('');
  const base = `/projects/${encodeURIComponent(pid)}`;
  const location = useLocation<{ fromList?: boolean }>();
  // Opened from the records list: going back restores that list (its filters, length and place).
  const backToList = (e: MouseEvent) => {
    if (!location.state?.fromList || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    window.history.back();
  };

  /** Splits `r` out of the group of `primaryId`, as shown; when that group changed meanwhile, says so and reloads. */
  const split = async (r: RecordItem, primaryId: string) => {
    const changed = await splitRecord(pid, r.id, primaryId).then(() => false, (err: unknown) => {
      if (isGroupChanged(err)) return true;
      throw err;
    });
    setStatus(changed ? t('records.dups.changed') : t('records.split.done', { title: r.title }));
    await Promise.all([refetch(), refetchHistory()]);
    // The row (and its button) is gone, or the group was reloaded: continue at the group's heading, where the message is.
    queueMicrotask(() => document.getElementById('rec-group')?.focus());
  };

  return (
    <Switch>
      <Match when={detail.error}>
        <Page title={t('records.record.loadFailed')}>
          <p role="alert">{errorMessage(detail.error)}</p>
          <p><A href={`${base}/records`}>{t('records.back')}</A></p>
        </Page>
      </Match>
      <Match when={!detail.latest}>
        <Loading />
      </Match>
      <Match when={latest(detail)}>
        {(d) => (
          <Page title={d().record.title || t('records.untitled')} heading={<bdi>{d().record.title || t('records.untitled')}</bdi>}>
            <p><A href={`${base}/records`} on:click={backToList}>{t('records.back')}</A></p>
            <Details record={d().record} />
            <section aria-labelledby="rec-abstract" class="record-section">
              <h2 id="rec-abstract">{t('records.record.abstract')}</h2>
              <Show when={d().record.abstract} fallback={<p class="meta">{t('records.record.noAbstract')}</p>}>
                <p class="prose"><bdi>{d().record.abstract}</bdi></p>
              </Show>
            </section>
            <PriorLabels base={base} record={d().record} group={d().group} />
            <section aria-labelledby="rec-group" class="record-section">
              <h2 id="rec-group" tabindex="-1">{t('records.record.group')}</h2>
              <StatusMessage message={status()} />
              <Show when={d().group} fallback={<p class="meta">{t('records.record.noGroup')}</p>}>
                {(g) => (
                  <>
                    <p>{g().confirmed ? t('records.group.confirmed') : t('records.group.unconfirmed')}</p>
                    <GroupTable pid={pid} group={g()} current={d().record.id} lead={canManageProject(role())} onSplit={(r) => split(r, g().primary.id)} />
                  </>
                )}
              </Show>
              <p><A href={`${base}/duplicates`}>{t('records.record.allGroups')}</A></p>
            </section>
            <section aria-labelledby="rec-history" class="record-section">
              <h2 id="rec-history">{t('records.record.history')}</h2>
              <Switch>
                <Match when={history.error}><p role="alert">{errorMessage(history.error)}</p></Match>
                <Match when={!history.latest}><Loading /></Match>
                <Match when={latest(history)}>
                  {(h) => (
                    <>
                      <ol class="history-list" data-testid="history">
                        <For each={h().events}>
                          {(e) => <li><time datetime={e.at}>{formatDateTime(e.at)}</time> <span>{describeEvent(e)}</span></li>}
                        </For>
                      </ol>
                      <Show when={h().hiddenStages.length}>
                        <p class="meta">{t('records.record.historyHidden', { stages: formatList(h().hiddenStages.map((s) => t(s === 'ta' ? 'records.export.stage.ta' : 'records.export.stage.ft'))) })}</p>
                      </Show>
                    </>
                  )}
                </Match>
              </Switch>
            </section>
          </Page>
        )}
      </Match>
    </Switch>
  );
}

/** The record's bibliographic details as a description list. */
function Details(props: { record: RecordItem }) {
  const r = () => props.record;
  const rows = () =>
    [
      [t('records.field.authors'), authorList(r().authors, 'full')],
      [t('records.field.year'), r().year === null ? '' : String(r().year)],
      [t('records.field.journal'), r().journal],
      [t('records.field.volume'), [r().volume, r().issue && `(${r().issue})`].filter(Boolean).join(' ')],
      [t('records.field.pages'), r().pages],
      [t('records.field.language'), r().language],
      [t('records.field.keywords'), r().keywords.join('; ')],
      [t('records.field.source'), r().source],
      [t('records.field.sourceId'), r().sourceId],
      // Notes keep their line breaks: several N1 lines of a RIS file are one note each.
      [t('records.field.notes'), r().notes, 'prose'],
    ].filter(([, v]) => v);
  return (
    <dl class="record-details">
      <For each={rows()}>{([k, v, cls]) => <div><dt>{k}</dt><dd class={cls}><bdi>{v}</bdi></dd></div>}</For>
      <Show when={r().type ? recordType(r().type) : null}>
        {(type) => (
          <div>
            <dt>{t('records.field.type')}</dt>
            <dd>
              {type().text}
              {/* The code is for people who know their reference manager's types. */}
              <Show when={type().code}>{(code) => <span class="meta"> ({t('records.type.code', { code: code() })})</span>}</Show>
            </dd>
          </div>
        )}
      </Show>
      <Show when={r().doi}>
        <div><dt>{t('records.field.doi')}</dt><dd><a href={`https://doi.org/${encodeURI(r().doi!)}`} rel="noopener noreferrer" target="_blank">{r().doi}<span class="visually-hidden"> {t('records.newTab')}</span></a></dd></div>
      </Show>
      <Show when={r().pmid}>
        <div><dt>{t('records.field.pmid')}</dt><dd><a href={`https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(r().pmid!)}/`} rel="noopener noreferrer" target="_blank">{r().pmid}<span class="visually-hidden"> {t('records.newTab')}</span></a></dd></div>
      </Show>
      <Show when={/^https?:\/\//i.test(r().url)}>
        <div><dt>{t('records.field.url')}</dt><dd><a href={r().url} rel="noopener noreferrer" target="_blank" class="break"><bdi>{r().url}</bdi><span class="visually-hidden"> {t('records.newTab')}</span></a></dd></div>
      </Show>
    </dl>
  );
}
