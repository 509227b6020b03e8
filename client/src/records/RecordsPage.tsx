/**
 * /projects/:pid/records — every record of the project: search (best match first, or import
 * order), filters, a list that grows a page at a time ("Show more", so keyset paging never skips or
 * repeats), and the Export panel. Back from a record restores the list's length and focus.
 */
import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, on, createEffect, Show, Switch } from 'solid-js';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { Loading, Page } from '../ui/Page';
import { getFacets, latest, listRecords, type RecordItem, type RecordPage, type RecordQuery } from './api';
import { ExportPanel } from './ExportPanel';
import { Filters } from './Filters';
import { authorList, citationLine, duplicateStatus, labelSummary, searchedFor } from './labels';
import './records.css';

const PAGE = 50;
/** The server's largest page. */
const MAX_PAGE = 500;

type Params = { q?: string; source?: string; duplicates?: string; label?: string; import?: string; sort?: string };

/** Kept in the list's history entry when a record is opened, so Back brings the same list and place. */
interface ListPlace {
  shown: number;
  focus: string;
}
const PLACE_KEY = 'coreviewRecordsPlace';
const placeInHistory = (): ListPlace | null => {
  const p = (window.history.state as Record<string, unknown> | null)?.[PLACE_KEY] as ListPlace | undefined;
  return p && typeof p.shown === 'number' && typeof p.focus === 'string' ? p : null;
};

/** The first page, or as many records as were shown before (Back from a record), in pages the server allows. */
async function firstPages(pid: string, q: RecordQuery, want: number): Promise<RecordPage> {
  const page = await listRecords(pid, q, null, Math.min(MAX_PAGE, want));
  while (page.records.length < want && page.nextCursor) {
    const next = await listRecords(pid, q, page.nextCursor, Math.min(MAX_PAGE, want - page.records.length));
    page.records.push(...next.records);
    page.nextCursor = next.nextCursor;
  }
  return page;
}

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
    // With search words the list is best match first unless import order was chosen; without, the order is import order.
    sort: params.q ? (params.sort === 'arrival' ? 'arrival' : 'relevance') : '',
  }));
  // Text with nothing searchable in it ("(") filters nothing, and the page must not say it does.
  const filtered = (q: RecordQuery, page?: RecordPage) => !!(q.source || q.import || q.duplicates || q.label || (q.q && !page?.search?.ignored));
  const [facets] = createResource(() => getFacets(pid));
  let place = placeInHistory();
  // The answer keeps the query it was fetched for: while the next one loads the previous list stays
  // on screen, and the words about it ("matching", "no records match") must fit that list, not the address.
  const [first] = createResource(query, async (q) => {
    const want = Math.max(PAGE, place?.shown ?? 0);
    return { ...(await firstPages(pid, q, want)), query: q };
  });
  const [extra, setExtra] = createSignal<RecordItem[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [moreError, setMoreError] = createSignal('');
  const [loadingMore, setLoadingMore] = createSignal(false);
  createEffect(on(() => latest(first), (f) => {
    setExtra([]);
    setCursor(f?.nextCursor ?? null);
    setMoreError('');
    if (!f || !place) return;
    // Back from a record: focus its link (the page heading took focus when the page mounted).
    const rid = place.focus;
    place = null;
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-record-link][data-record-id="${CSS.escape(rid)}"]`)?.focus());
  }));
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
  const search = (q: RecordQuery) =>
    setParams({
      q: q.q || undefined, source: q.source || undefined, import: q.import || undefined, duplicates: q.duplicates || undefined, label: q.label || undefined,
      sort: q.q && q.sort === 'arrival' ? 'arrival' : undefined,
    });
  const recordHref = (r: RecordItem) => `/projects/${encodeURIComponent(pid)}/records/${encodeURIComponent(r.id)}`;
  // Runs on the link itself, before the router's document-level handler adds the record's entry.
  const remember = (r: RecordItem) => {
    const place: ListPlace = { shown: shown().length, focus: r.id };
    window.history.replaceState({ ...(window.history.state as object | null), [PLACE_KEY]: place }, '');
  };
  const exportFilters = () => ({ ...query(), sort: undefined });

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
                <Show when={!first.loading && page().search?.ignored}>
                  <p class="panel" data-testid="search-ignored">{t('records.search.ignored', { text: page().query.q ?? '' })}</p>
                </Show>
                <Show when={!first.loading && page().search && searchedFor(page().query.q ?? '', page().search!)}>
                  {(meaning) => <p class="hint" data-testid="searched-for">{meaning()}</p>}
                </Show>
                <p role="status" class="results-count">
                  <Show when={!first.loading} fallback={t('records.searching')}>
                    {filtered(page().query, page())
                      ? t(page().sort === 'relevance' ? 'records.countRanked' : 'records.countFiltered', { shown: shown().length, total: page().total })
                      : t('records.count', { shown: shown().length, total: page().total })}
                  </Show>
                </p>
                <Show when={page().total > 0} fallback={<p class="panel">{filtered(page().query, page()) ? t('records.noneMatch') : t('records.none')}</p>}>
                  <ol class="record-list" data-testid="record-list" aria-busy={first.loading ? 'true' : undefined}>
                    <For each={shown()}>
                      {(r) => (
                        <li class="record-item">
                          <A href={recordHref(r)} class="record-title" data-record-link data-record-id={r.id} state={{ fromList: true }} on:click={() => remember(r)}>
                            <bdi>{r.title || t('records.untitled')}</bdi>
                          </A>
                          <p class="meta">
                            <Show when={r.authors.length}><bdi>{authorList(r.authors, 'short')}</bdi> · </Show>
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
      <ExportPanel pid={pid} filters={exportFilters()} filtered={filtered(query(), latest(first))} />
    </Page>
  );
}
