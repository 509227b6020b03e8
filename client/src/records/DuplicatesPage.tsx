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
import { confirmGroup, latest, listGroups, splitRecord, type DuplicateGroup, type MergeResult, type RecordItem } from './api';
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
  // Mirrors the server's filter (duplicatesRepo groupWhere), so a group a change takes out of the view leaves the list.
  const fits = (g: DuplicateGroup) =>
    (status() === 'all' || (status() === 'confirmed') === g.confirmed) && (!reason() || g.duplicates.some((d) => d.duplicateReason === reason()));
  /**
   * After a change, each changed group is replaced in place, or removed when it has no duplicates left
   * or no longer fits the filters; totals reload. Says what became of the group `focusId`.
   */
  const update = (changes: Map<string, DuplicateGroup | null>, focusId: string): 'kept' | 'gone' | 'left' => {
    const before = groups();
    const after = before.flatMap((x) => {
      if (!changes.has(x.primary.id)) return [x];
      const g = changes.get(x.primary.id);
      return g && fits(g) ? [g] : [];
    });
    setGroups(after);
    void refreshTotals();
    const shown = new Set(after.map((x) => x.primary.id));
    // The button used may be gone now: focus moves to the group's heading or, when the group left the
    // list, to the next group's (else the page's), so keyboard users go on from where they were.
    const at = before.findIndex((x) => x.primary.id === focusId);
    const next = shown.has(focusId) ? focusId : before.slice(at + 1).find((x) => shown.has(x.primary.id))?.primary.id;
    queueMicrotask(() => ((next && document.getElementById(`group-${next}`)) || document.querySelector<HTMLElement>('h1'))?.focus());
    const g = changes.get(focusId);
    return shown.has(focusId) ? 'kept' : g ? 'left' : 'gone';
  };
  const say = (done: string, outcome: ReturnType<typeof update>) => setMessage(outcome === 'left' ? `${done} ${t('records.dups.leftView')}` : done);

  const split = async (g: DuplicateGroup, r: RecordItem) => {
    const res = await splitRecord(pid, r.id);
    say(t('records.split.done', { title: r.title }), update(new Map([[g.primary.id, res.group]]), g.primary.id));
  };
  const confirm = async (g: DuplicateGroup) => {
    const res = await confirmGroup(pid, g.primary.id);
    say(t('records.group.confirmDone', { title: g.primary.title }), update(new Map([[g.primary.id, res.group]]), g.primary.id));
  };
  const merged = (g: DuplicateGroup, res: MergeResult, title: string) => {
    // The merged record and those that moved with it left whichever group on this page held them. That
    // card changes in the same step (or goes, when its kept record was the one merged): left as it was,
    // its buttons would act on records now in this group.
    const moved = new Set([res.duplicateId, ...res.moved]);
    const changes = new Map<string, DuplicateGroup | null>([[g.primary.id, res.group]]);
    for (const x of groups()) {
      if (x.primary.id === g.primary.id) continue;
      if (moved.has(x.primary.id)) changes.set(x.primary.id, null);
      else if (x.duplicates.some((d) => moved.has(d.id))) changes.set(x.primary.id, without(x, moved));
    }
    const done = t('records.merge.done', { title });
    say(changes.size > 1 ? `${done} ${t('records.merge.fromGroupUpdated')}` : done, update(changes, g.primary.id));
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
                              <MergeForm pid={pid} group={g} onMerged={(res, title) => merged(g, res, title)} />
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

/** A group less records that left it, as the server now lists it (duplicatesOf/groupOf); null when none is left. */
function without(g: DuplicateGroup, gone: Set<string>): DuplicateGroup | null {
  const duplicates = g.duplicates.filter((d) => !gone.has(d.id));
  if (!duplicates.length) return null;
  const scores = duplicates.map((d) => d.duplicateScore).filter((s): s is number => s !== null);
  return {
    ...g,
    primary: { ...g.primary, duplicateCount: duplicates.length },
    duplicates,
    reasons: [...new Set(duplicates.map((d) => d.duplicateReason ?? 'manual'))],
    score: scores.length ? Math.min(...scores) : null,
    confirmed: duplicates.every((d) => d.duplicateConfirmedAt !== null),
  };
}
