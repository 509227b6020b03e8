/**
 * /projects/:pid/records — every record of the project: search, filters, a list that grows a page
 * at a time ("Show more", so keyset paging never skips or repeats), and the Export panel.
 */
import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, on, createEffect, Show, Switch } from 'solid-js';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { Loading, Page } from '../ui/Page';
import { getFacets, latest, listRecords, type RecordItem, type RecordQuery } from './api';
import { ExportPanel } from './ExportPanel';
import { Filters } from './Filters';
import { authorsShort, citationLine, duplicateStatus, labelSummary } from './labels';
import './records.css';

const PAGE = 50;

type Params = { q?: string; source?: string; duplicates?: string; label?: string; import?: string };

/** The records page. */
export function RecordsPage() {
  useLocationInProject('records');
  const { project } = useProject();
  const pid = project().id;
  const [params, setParams] = useSearchParams<Params>();
  const query = createMemo<RecordQuery>(() => ({
    q: params.q ?? '',
    source: params.source ?? '',
    import: params.import ?? '',
    duplicates: params.duplicates === 'only' || params.duplicates === 'exclude' ? params.duplicates : '',
    label: params.label ?? '',
  }));
  const filtered = (q: RecordQuery) => Object.values(q).some(Boolean);
  const [facets] = createResource(() => getFacets(pid));
  // The answer keeps the query it was fetched for: while the next one loads the previous list stays
  // on screen, and the words about it ("matching", "no records match") must fit that list, not the address.
  const [first] = createResource(query, async (q) => ({ ...(await listRecords(pid, q, null, PAGE)), query: q }));
  const [extra, setExtra] = createSignal<RecordItem[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [moreError, setMoreError] = createSignal('');
  const [loadingMore, setLoadingMore] = createSignal(false);
  createEffect(on(() => latest(first), (f) => { setExtra([]); setCursor(f?.nextCursor ?? null); setMoreError(''); }));
  const shown = () => [...(latest(first)?.records ?? []), ...extra()];

  const showMore = async () => {
    setLoadingMore(true);
    const at = shown().length;
    try {
      const page = await listRecords(pid, query(), cursor(), PAGE);
      setExtra([...extra(), ...page.records]);
      setCursor(page.nextCursor);
      // Keyboard and screen-reader users continue from the first new record.
      queueMicrotask(() => document.querySelectorAll<HTMLElement>('[data-record-link]')[at]?.focus());
    } catch (err) {
      setMoreError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  };
  const search = (q: RecordQuery) => setParams({ q: q.q || undefined, source: q.source || undefined, import: q.import || undefined, duplicates: q.duplicates || undefined, label: q.label || undefined });
  const recordHref = (r: RecordItem) => `/projects/${encodeURIComponent(pid)}/records/${encodeURIComponent(r.id)}`;

  return (
    <Page title={t('records.title')}>
      <p>{t('records.intro')}</p>
      <Filters facets={latest(facets)} query={query()} onSearch={search} />
      <section aria-labelledby="records-results">
        <h2 id="records-results">{t('records.results')}</h2>
        <Switch>
          <Match when={first.error}>
            <p role="alert">{t('records.loadFailed')} {errorMessage(first.error)}</p>
          </Match>
          <Match when={!first.latest}>
            <Loading />
          </Match>
          <Match when={latest(first)}>
            {(page) => (
              <>
                {/* A live region: until the new query's answer arrives, its total is unknown, so it announces the search rather than the previous total. */}
                <p role="status" class="results-count">
                  <Show when={!first.loading} fallback={t('records.searching')}>
                    {filtered(page().query) ? t('records.countFiltered', { shown: shown().length, total: page().total }) : t('records.count', { shown: shown().length, total: page().total })}
                  </Show>
                </p>
                <Show when={page().total > 0} fallback={<p class="panel">{filtered(page().query) ? t('records.noneMatch') : t('records.none')}</p>}>
                  <ol class="record-list" data-testid="record-list" aria-busy={first.loading ? 'true' : undefined}>
                    <For each={shown()}>
                      {(r) => (
                        <li class="record-item">
                          <A href={recordHref(r)} class="record-title" data-record-link>
                            <bdi>{r.title || t('records.untitled')}</bdi>
                          </A>
                          <p class="meta">
                            <Show when={r.authors.length}><bdi>{authorsShort(r.authors)}</bdi> · </Show>
                            <bdi>{citationLine(r)}</bdi>
                          </p>
                          <p class="record-tags">
                            <span class="tag">{t('records.fromSource', { source: r.source })}</span>
                            <span class="tag" classList={{ 'tag-dup': !!r.duplicateOf }}>{duplicateStatus(r)}</span>
                            <Show when={r.priorLabels.length}><span class="tag">{labelSummary(r.priorLabels)}</span></Show>
                          </p>
                        </li>
                      )}
                    </For>
                  </ol>
                  <Show when={moreError()}><p role="alert">{moreError()}</p></Show>
                  <Show when={cursor()}>
                    <p>
                      <button type="button" class="btn" disabled={loadingMore() || first.loading} onClick={showMore}>
                        {loadingMore() ? t('app.loading') : t('records.showMore', { count: Math.min(PAGE, page().total - shown().length) })}
                      </button>
                    </p>
                  </Show>
                </Show>
              </>
            )}
          </Match>
        </Switch>
      </section>
      <ExportPanel pid={pid} filters={query()} filtered={filtered(query())} />
    </Page>
  );
}
