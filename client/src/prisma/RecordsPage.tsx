/**
 * /projects/:pid/prisma/records?count=&item=&cursor= — the records behind one number of the PRISMA
 * flow (title and source), a page at a time. The page's position is in the address, so "Previous"
 * and "Next" are links that work with the browser's back button and can be shared.
 */
import { A, useSearchParams } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import { RECORD_COUNT_IDS, type RecordCountId } from '../../../shared/prisma/report';
import { errorMessage } from '../api/errors';
import { formatNumber, t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { Loading, Page } from '../ui/Page';
import { isBlinded } from '../ui/ReportStates';
import { ScrollBox } from '../ui/ScrollBox';
import { getPrismaRecords } from './api';
import { countName } from './labels';
import './prisma.css';

const PAGE = 50;

/** The record list for one PRISMA number. */
export function PrismaRecordsPage() {
  useLocationInProject('prisma');
  const { project } = useProject();
  const pid = project().id;
  const [params] = useSearchParams<{ count?: string; item?: string; cursor?: string }>();
  const count = () => ((RECORD_COUNT_IDS as readonly string[]).includes(params.count ?? '') ? (params.count as RecordCountId) : null);
  const item = () => params.item || null;
  const cursor = () => Math.max(0, Math.floor(Number(params.cursor) || 0));
  // The answer keeps the cursor it was fetched for: while the next page loads the previous rows stay,
  // and the caption, row numbers and "Previous" link must describe those rows, not the address.
  const [page] = createResource(
    () => (count() ? { count: count()!, item: item(), cursor: cursor() } : null),
    async (q) => ({ ...(await getPrismaRecords(pid, q.count, q.item, q.cursor, PAGE)), cursor: q.cursor }),
  );
  const title = () => (count() ? countName(count()!, item()) : t('prisma.records.title'));
  const range = (p: { cursor: number; records: unknown[]; total: number }) => t('prisma.records.caption', { from: p.cursor + 1, to: p.cursor + p.records.length, total: p.total });
  const href = (c: number) => {
    const q = new URLSearchParams({ count: count()! });
    if (item()) q.set('item', item()!);
    if (c > 0) q.set('cursor', String(c));
    return `/projects/${encodeURIComponent(pid)}/prisma/records?${q.toString().replace(/\+/g, '%20')}`;
  };

  return (
    <Page title={title()}>
      <p>
        <A href={`/projects/${encodeURIComponent(pid)}/prisma`}>{t('prisma.records.back')}</A>
      </p>
      <Switch>
        <Match when={!count()}>
          <p role="alert">{t('prisma.records.loadFailed')}</p>
        </Match>
        <Match when={isBlinded(page)}>
          <p class="panel calm">{t('prisma.records.blinded')}</p>
        </Match>
        <Match when={page.error}>
          <p role="alert">
            {t('prisma.records.loadFailed')} {errorMessage(page.error)}
          </p>
        </Match>
        {/* While the next page loads the current one stays, so focus stays on the link just used. */}
        <Match when={!page.latest}>
          <Loading />
        </Match>
        <Match when={page.latest}>
          {(p) => (
            <Show when={p().total > 0} fallback={<p class="panel">{t('prisma.records.none')}</p>}>
              {/* Moving to another page announces the new range. */}
              <p class="visually-hidden" role="status">
                {range(p())}
              </p>
              <ScrollBox>
                <table class="records-table" data-testid="prisma-records" aria-busy={page.loading ? 'true' : undefined}>
                  <caption>{range(p())}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('prisma.records.col.n')}</th>
                      <th scope="col">{t('prisma.records.col.title')}</th>
                      <th scope="col">{t('prisma.records.col.source')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={p().records}>
                      {(rec, i) => (
                        <tr>
                          <td>{formatNumber(p().cursor + i() + 1)}</td>
                          <th scope="row">
                            <bdi>{rec.title || t('prisma.records.untitled')}</bdi>
                          </th>
                          <td>
                            <bdi>{rec.source}</bdi>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </ScrollBox>
              <Show when={p().cursor > 0 || p().nextCursor}>
                {/* Plain links (the router still follows them): <A> ignores the query and would mark both "current". */}
                <nav aria-label={t('prisma.records.pages')}>
                  <ul class="nav-list pager">
                    <Show when={p().cursor > 0}>
                      <li>
                        <a href={href(Math.max(0, p().cursor - PAGE))}>{t('prisma.records.previous', { count: PAGE })}</a>
                      </li>
                    </Show>
                    <Show when={p().nextCursor}>
                      {(next) => (
                        <li>
                          <a href={href(Number(next()))}>{t('prisma.records.next', { count: Math.min(PAGE, p().total - Number(next())) })}</a>
                        </li>
                      )}
                    </Show>
                  </ul>
                </nav>
              </Show>
            </Show>
          )}
        </Match>
      </Switch>
    </Page>
  );
}
