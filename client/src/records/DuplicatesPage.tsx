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
import { confirmGroup, groupNow, isGroupChanged, latest, listGroups, splitRecord, type DuplicateGroup, type MergeResult, type RecordItem } from './api';
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
  // Cards reloaded because someone else changed their group: each says so until the lead acts on it again.
  const [stale, setStale] = createSignal<ReadonlySet<string>>(new Set());
  const markStale = (id: string, yes: boolean) => {
    const next = new Set(stale());
    if (yes) next.add(id);
    else next.delete(id);
    setStale(next);
  };
  createEffect(on(() => latest(page), (p) => { setGroups(p?.groups ?? []); setCursor(p?.nextCursor ?? null); setStale(new Set<string>()); }));

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
   * or no longer fits the filters; totals reload. Says what became of the group `focusId`, and
   * focuses `focusKept` (by default its heading) when it is still shown.
   */
  const update = (changes: Map<string, DuplicateGroup | null>, focusId: string, focusKept = `group-${focusId}`): 'kept' | 'gone' | 'left' => {
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
    const next = before.slice(at + 1).find((x) => shown.has(x.primary.id))?.primary.id;
    const target = shown.has(focusId) ? focusKept : next && `group-${next}`;
    queueMicrotask(() => ((target && document.getElementById(target)) || document.querySelector<HTMLElement>('h1'))?.focus());
    const g = changes.get(focusId);
    return shown.has(focusId) ? 'kept' : g ? 'left' : 'gone';
  };
  const say = (done: string, outcome: ReturnType<typeof update>) => setMessage(outcome === 'left' ? `${done} ${t('records.dups.leftView')}` : done);

  /**
   * Someone else changed the group of card `g` since this page loaded it, so the server refused the
   * lead's change. The cards of `g` and of `rids` (records the change involved) are replaced by their
   * groups as they are now; the card says what happened and takes focus, so the lead reads it before
   * acting again — or, when the group left the list, the page says so.
   */
  const reload = async (g: DuplicateGroup, rids: string[]) => {
    const found = await Promise.all([g.primary.id, ...rids].map(async (rid) => [rid, await groupNow(pid, rid)] as const));
    const changes = new Map<string, DuplicateGroup | null>();
    // A record that is no longer a group's primary has no card; the groups found replace theirs.
    for (const [rid, now] of found) if (now?.primary.id !== rid) changes.set(rid, null);
    for (const [, now] of found) if (now) changes.set(now.primary.id, now);
    const outcome = update(changes, g.primary.id, `stale-${g.primary.id}`);
    markStale(g.primary.id, outcome === 'kept');
    if (outcome === 'kept') setMessage('');
    else if (outcome === 'gone') setMessage(t('records.dups.changedGone', { title: g.primary.title }));
    else setMessage(`${t('records.dups.changedLeft', { title: g.primary.title })} ${t('records.dups.leftView')}`);
  };
  /** Runs a change to card `g`, or reloads the cards involved when the server says the group changed. */
  const guarded = async (g: DuplicateGroup, rids: string[], change: () => Promise<void>) => {
    try {
      await change();
    } catch (err) {
      if (!isGroupChanged(err)) throw err;
      await reload(g, rids);
    }
  };

  const split = (g: DuplicateGroup, r: RecordItem) =>
    guarded(g, [r.id], async () => {
      const res = await splitRecord(pid, r.id, g.primary.id);
      markStale(g.primary.id, false);
      say(t('records.split.done', { title: r.title }), update(new Map([[g.primary.id, res.group]]), g.primary.id));
    });
  const confirm = (g: DuplicateGroup) =>
    guarded(g, [], async () => {
      const res = await confirmGroup(pid, g);
      markStale(g.primary.id, false);
      say(t('records.group.confirmDone', { title: g.primary.title }), update(new Map([[g.primary.id, res.group]]), g.primary.id));
    });
  // The merged record may have been in a card of its own, or in another card, as this page shows it.
  const mergeChanged = (g: DuplicateGroup, rid: string) =>
    reload(g, [rid, ...groups().filter((x) => x.duplicates.some((d) => d.id === rid)).map((x) => x.primary.id)]);
  const merged = (g: DuplicateGroup, res: MergeResult, title: string) => {
    markStale(g.primary.id, false);
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
                      <Show when={stale().has(g.primary.id)}>
                        <p id={`stale-${g.primary.id}`} class="form-alert" tabindex="-1" data-testid="group-changed">{t('records.dups.changed')}</p>
                      </Show>
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
                              <MergeForm pid={pid} group={g} onMerged={(res, title) => merged(g, res, title)} onGroupChanged={(rid) => mergeChanged(g, rid)} />
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
