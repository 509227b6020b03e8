/**
 * /projects/:pid/duplicates — duplicate groups found on import, to check: a lead confirms a group,
 * splits a record out (it returns to screening), or adds a missed duplicate. Each change is
 * recorded in the audit log and the PRISMA count of duplicates follows.
 */
import { createEffect, createResource, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { canManageProject } from '../../../shared/roles';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { StatusMessage } from '../ui/alerts';
import { Loading, Page } from '../ui/Page';
import { confirmGroup, latest, listGroups, splitRecord, type DuplicateGroup, type RecordItem } from './api';
import { ConfirmAction } from './Confirm';
import { GroupTable } from './GroupTable';
import { MergeForm } from './MergeForm';
import { reasonText } from './labels';
import './records.css';

/** The duplicate review page. */
export function DuplicatesPage() {
  useLocationInProject('duplicates');
  const { project, role } = useProject();
  const pid = project().id;
  const lead = () => canManageProject(role());
  const [status, setStatus] = createSignal('unconfirmed');
  const [reason, setReason] = createSignal('');
  const [page] = createResource(() => ({ s: status(), r: reason() }), (k) => listGroups(pid, k.s, k.r, null));
  const [totals, { refetch: refreshTotals }] = createResource(() => listGroups(pid, 'all', '', null, 1).then((p) => p.totals));
  const [groups, setGroups] = createSignal<DuplicateGroup[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal('');
  createEffect(on(() => latest(page), (p) => { setGroups(p?.groups ?? []); setCursor(p?.nextCursor ?? null); }));

  const more = async () => {
    const p = await listGroups(pid, status(), reason(), cursor());
    setGroups([...groups(), ...p.groups]);
    setCursor(p.nextCursor);
  };
  // After a change, the group is replaced in place (or removed when it has no duplicates left), and totals reload.
  const replace = (primaryId: string, g: DuplicateGroup | null) => {
    setGroups(groups().flatMap((x) => (x.primary.id === primaryId ? (g ? [g] : []) : [x])));
    void refreshTotals();
    // The button used may be gone now; focus moves to the group's heading, or the page's when the group is gone.
    queueMicrotask(() => (document.getElementById(`group-${primaryId}`) ?? document.querySelector<HTMLElement>('h1'))?.focus());
  };

  const split = async (g: DuplicateGroup, r: RecordItem) => {
    const res = await splitRecord(pid, r.id);
    setMessage(t('records.split.done', { title: r.title }));
    replace(g.primary.id, res.group);
  };
  const confirm = async (g: DuplicateGroup) => {
    const res = await confirmGroup(pid, g.primary.id);
    setMessage(t('records.group.confirmDone', { title: g.primary.title }));
    replace(g.primary.id, res.group);
  };

  return (
    <Page title={t('records.dups.title')}>
      <p>{t('records.dups.intro')}</p>
      <Show when={latest(totals)}>
        {(n) => <p class="panel" data-testid="dup-totals">{t('records.dups.totals', { groups: n().groups, duplicates: n().duplicates, open: n().unconfirmed })}</p>}
      </Show>
      <div class="filter-row">
        <div class="field">
          <label for="dups-status">{t('records.dups.show')}</label>
          <select id="dups-status" value={status()} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="unconfirmed">{t('records.dups.status.unconfirmed')}</option>
            <option value="confirmed">{t('records.dups.status.confirmed')}</option>
            <option value="all">{t('records.dups.status.all')}</option>
          </select>
        </div>
        <div class="field">
          <label for="dups-reason">{t('records.dups.reason')}</label>
          <select id="dups-reason" value={reason()} onChange={(e) => setReason(e.currentTarget.value)}>
            <option value="">{t('records.dups.reason.any')}</option>
            <For each={['doi', 'pmid', 'fuzzy', 'manual']}>{(r) => <option value={r}>{reasonText(r)}</option>}</For>
          </select>
        </div>
      </div>
      <StatusMessage message={message()} />
      <Switch>
        <Match when={page.error}><p role="alert">{errorMessage(page.error)}</p></Match>
        <Match when={!page.latest}><Loading /></Match>
        <Match when={latest(page)}>
          <Show when={groups().length} fallback={<p class="panel">{t('records.dups.none')}</p>}>
            <ol class="card-list group-list" aria-busy={page.loading ? 'true' : undefined}>
              <For each={groups()}>
                {(g) => {
                  // The merge form (and its live region) exists only while open: twenty closed forms were twenty empty status regions.
                  const [mergeOpen, setMergeOpen] = createSignal(false);
                  return (
                  <li class="card">
                    <article aria-labelledby={`group-${g.primary.id}`}>
                      <h2 id={`group-${g.primary.id}`} class="group-title" tabindex="-1"><bdi>{g.primary.title || t('records.untitled')}</bdi></h2>
                      <p class="meta">
                        {t('records.group.summary', { count: g.duplicates.length })} · {g.confirmed ? t('records.group.confirmed') : t('records.group.unconfirmed')}
                      </p>
                      <GroupTable pid={pid} group={g} lead={lead()} onSplit={(r) => split(g, r)} />
                      <Show when={lead()}>
                        <div class="group-actions">
                          <Show when={!g.confirmed}>
                            <ConfirmAction
                              id={`confirm-${g.primary.id}`}
                              label={t('records.group.confirm')}
                              a11yLabel={t('records.group.confirmLabel', { title: g.primary.title })}
                              question={<p>{t('records.group.confirmQuestion', { count: g.duplicates.length })}</p>}
                              yes={t('records.group.confirmYes')}
                              onConfirm={() => confirm(g)}
                            />
                          </Show>
                          <details class="merge-details" onToggle={(e) => setMergeOpen(e.currentTarget.open)}>
                            <summary>{t('records.merge.open')}</summary>
                            <Show when={mergeOpen()}>
                              <MergeForm pid={pid} group={g} onMerged={(ng, title) => { replace(g.primary.id, ng); setMessage(t('records.merge.done', { title })); }} />
                            </Show>
                          </details>
                        </div>
                      </Show>
                    </article>
                  </li>
                  );
                }}
              </For>
            </ol>
            <Show when={cursor()}>
              <p><button type="button" class="btn" onClick={more}>{t('records.dups.more')}</button></p>
            </Show>
          </Show>
        </Match>
      </Switch>
    </Page>
  );
}
