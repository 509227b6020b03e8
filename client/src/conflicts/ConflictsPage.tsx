/**
 * /projects/:pid/conflicts/:stage — disagreements, settled with the whole team, live. The list
 * comes from the board document (live tallies and status) once it has it, else from HTTP; threads
 * and presence come from the workspace document; votes and changed decisions go into this user's
 * private document. While the stage is blind for this user, the page explains that and shows nothing else.
 */
import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import type { Stage } from '../../../shared/api';
import { observeBoard, readBoardStage } from '../../../shared/board';
import { boardDocName, privateDocName } from '../../../shared/docnames';
import { allThreads, observeDiscussions, type DiscussionComment } from '../../../shared/discussions';
import type { BoardStage, ConflictItem } from '../../../shared/screening';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/errors';
import { currentUser } from '../auth/session';
import { t, type MessageKey } from '../i18n';
import { listMembers } from '../members/api';
import { useProject } from '../projects/context';
import { openDoc } from '../sync/docs';
import { Loading, Page } from '../ui/Page';
import { listConflicts } from './api';
import { ConflictCard } from './ConflictCard';
import { chosenReasons } from './chosenReasons';
import { ConflictsProvider, peersOf, type ConflictsContextValue } from './live';
import { ProtocolPanel } from './ProtocolPanel';
import './conflicts.css';

const STAGE_NAME: Record<Stage, MessageKey> = { ta: 'conflicts.stage.ta', ft: 'conflicts.stage.ft' };
const PAGE_SIZE = 20;
type Filter = 'open' | 'resolved' | 'all';

/** The conflicts page (keyed on the stage, so switching stage rebuilds it). */
export function ConflictsPage() {
  const params = useParams<{ stage?: string }>();
  const stage = (): Stage => (params.stage === 'ft' ? 'ft' : 'ta');
  return (
    <Show when={stage()} keyed>
      {(s) => <StagePage stage={s} />}
    </Show>
  );
}

function StagePage(props: { stage: Stage }) {
  const { project, role, workspace } = useProject();
  const me = currentUser()!;
  const pid = project().id;
  const stage = props.stage;
  const heading = () => t('conflicts.heading', { stage: t(STAGE_NAME[stage]) });

  const [http, { refetch }] = createResource(() => listConflicts(pid, stage));
  const blinded = () => http.error instanceof ApiError && http.error.code === 'blinded';

  // The board: this user's audience view, read-only; its conflicts carry live tallies and status.
  const board = openDoc(boardDocName(pid), { userId: me.id, persist: false });
  const mine = openDoc(privateDocName(pid, me.id), { userId: me.id, persist: true });
  onCleanup(() => {
    board.release();
    mine.release();
  });
  const [boardStage, setBoardStage] = createSignal<BoardStage | undefined>(undefined, { equals: false });
  createEffect(() => {
    // After a 4409 (the view changed, e.g. unblinding) the handle holds a fresh document: re-observe.
    board.generation();
    const read = () => setBoardStage(readBoardStage(board.doc, stage));
    read();
    onCleanup(observeBoard(board.doc, read));
  });
  const live = (): ConflictItem[] | undefined => {
    const b = boardStage();
    return b?.conflicts ?? (stage === 'ta' ? b?.pilot?.conflicts : undefined);
  };
  // Without live conflicts on the board (e.g. a lead watching before unblinding), re-ask on board changes;
  // a blinded user whose view just opened (after unblinding) asks again too.
  let again: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(boardStage, (b) => {
      if (!b || live()) return;
      if (blinded() && !b.visible) return;
      clearTimeout(again);
      again = setTimeout(() => void refetch(), 300);
    }, { defer: true }),
  );
  onCleanup(() => clearTimeout(again));
  const conflicts = createMemo(() => live() ?? (http.error ? [] : http.latest ?? []));
  const byId = createMemo(() => new Map(conflicts().map((c) => [c.recordId, c])));

  // Filter; records that stop matching while you look (someone settles one) stay until you change it.
  const [filter, setFilter] = createSignal<Filter>('open');
  const [limit, setLimit] = createSignal(PAGE_SIZE);
  let shownFor: Filter | null = null;
  const shown = new Set<string>();
  const ids = createMemo(() => {
    const f = filter();
    if (f !== shownFor) {
      shown.clear();
      shownFor = f;
    }
    for (const c of conflicts()) if (f === 'all' || c.status === f) shown.add(c.recordId);
    return conflicts().filter((c) => shown.has(c.recordId)).map((c) => c.recordId);
  }, undefined, { equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]) });
  // A card that leaves (the reviewers now agree) may take keyboard focus with it: put it on the list's status line.
  let statusLine: HTMLParagraphElement | undefined;
  createEffect(
    on(ids, (now, before) => {
      if (!before || now.length >= before.length) return;
      queueMicrotask(() => {
        if (!document.activeElement || document.activeElement === document.body) statusLine?.focus();
      });
    }),
  );
  const count = (f: Filter) => conflicts().filter((c) => f === 'all' || c.status === f).length;
  // Cards kept in view that no longer match the filter: said under the list's count, so it adds up with the filter's.
  const changedHere = () => {
    const f = filter();
    return f === 'all' ? 0 : ids().filter((id) => byId().get(id)?.status !== f).length;
  };
  const reasons = chosenReasons(pid, stage, conflicts);

  const [members] = createResource(() => listMembers(pid).then((list) => list.map((m) => ({ userId: m.userId, name: m.name }))));
  const [version, setVersion] = createSignal(0);
  const [announcement, setAnnouncement] = createSignal('');
  const openToAll = (recordId: string) => {
    const b = boardStage();
    return b?.unblinded === true || (stage === 'ta' && !!b?.pilot?.recordIds.includes(recordId));
  };
  const [reading, setReading] = createSignal<string>();
  const [typing, setTyping] = createSignal<string | null>(null);

  // Workspace: watch the threads, tell others where we are and what we type.
  createEffect(() => {
    const ws = workspace();
    if (!ws) return;
    ws.generation();
    const bump = () => setVersion((v) => v + 1);
    onCleanup(observeDiscussions(ws.doc, bump));
    bump();
  });
  // Every thread, read straight from the document in one pass per change (not once per card).
  const threads = createMemo<Map<string, DiscussionComment[]>>(() => {
    version();
    const ws = workspace();
    ws?.generation();
    return ws ? allThreads(ws.doc) : new Map();
  });
  const detail = (key: string | null | undefined) => (key && openToAll(key.slice(stage.length + 1)) ? key : null);
  createEffect(() => workspace()?.awareness.setLocalStateField('location', { page: 'conflicts', detail: detail(reading()) ?? undefined }));
  createEffect(() => workspace()?.awareness.setLocalStateField('typing', detail(typing())));
  onCleanup(() => workspace()?.awareness.setLocalStateField('typing', null));
  const peers = createMemo(() => {
    const ws = workspace();
    ws?.generation();
    return ws ? peersOf(ws) : () => [];
  });

  const ctx: ConflictsContextValue = {
    // The name is read when a comment is signed: after a rename (another tab, say) it is the new one.
    pid, stage, me: { id: me.id, get name() { return currentUser()?.name ?? me.name; } }, role, project, workspace, mine,
    members: () => members() ?? [],
    peers: () => peers()(),
    threads,
    votingOpen: () => boardStage()?.unblinded === true,
    openToAll,
    setReading: (key) => reading() !== key && setReading(key),
    setTyping: (key) => typing() !== key && setTyping(key),
    announce: (text) => {
      // Clearing first makes a repeated sentence count as a change.
      setAnnouncement('');
      queueMicrotask(() => setAnnouncement(text));
    },
    exclusionReasonOf: reasons.reasonOf,
    setExclusionReason: reasons.set,
  };

  return (
    <Page title={heading()}>
      {/* 'ta' is the default stage, so its tab shares the project menu's address for this page. */}
      <nav aria-label={t('conflicts.stages')}>
        <ul class="nav-list tabs">
          <For each={['ta', 'ft'] as Stage[]}>
            {(s) => (
              <li>
                <A href={`/projects/${encodeURIComponent(pid)}/conflicts${s === 'ta' ? '' : '/ft'}`} end>
                  {t(STAGE_NAME[s])}
                </A>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <div class="visually-hidden" aria-live="polite" data-testid="announcer">{announcement()}</div>
      <Switch>
        <Match when={blinded() && !live()}>
          <section class="panel calm" aria-labelledby="blinded-h">
            <h2 id="blinded-h">{t('conflicts.blinded.title')}</h2>
            <p>{t('conflicts.blinded.body')}</p>
            <p>{t('conflicts.blinded.next')}</p>
          </section>
        </Match>
        <Match when={http.error && !live()}>
          <p role="alert">{t('conflicts.loadFailed')} {errorMessage(http.error)}</p>
        </Match>
        <Match when={http.loading && !http.latest && !live()}>
          <Loading />
        </Match>
        <Match when={true}>
          <ConflictsProvider value={ctx}>
            <p>{t('conflicts.intro')}</p>
            <ProtocolPanel votingOpen={ctx.votingOpen()} />
            <Show when={conflicts().length} fallback={<p class="panel">{t('conflicts.none')}</p>}>
              <fieldset class="filter">
                <legend>{t('conflicts.filter')}</legend>
                <For each={['open', 'resolved', 'all'] as Filter[]}>
                  {(f) => (
                    <span class="radio-inline">
                      <input type="radio" id={`filter-${f}`} name="conflicts-filter" value={f} checked={filter() === f}
                        onChange={() => { setFilter(f); setLimit(PAGE_SIZE); }} />
                      <label for={`filter-${f}`}>{t(`conflicts.filter.${f}`, { count: count(f) })}</label>
                    </span>
                  )}
                </For>
              </fieldset>
              <p class="meta" tabindex="-1" ref={statusLine} data-testid="shown">
                {t('conflicts.shown', { count: Math.min(limit(), ids().length), total: ids().length })}
                <Show when={changedHere()}>
                  {' '}{t(filter() === 'resolved' ? 'conflicts.shownChanged.resolved' : 'conflicts.shownChanged.open', { count: changedHere() })}
                </Show>
              </p>
              <Show when={ids().length} fallback={<p>{t('conflicts.noneHere')}</p>}>
                <div class="conflict-list">
                  <For each={ids().slice(0, limit())}>
                    {(rid) => (
                      <Show when={byId().get(rid)}>
                        {(item) => <ConflictCard item={item} />}
                      </Show>
                    )}
                  </For>
                </div>
              </Show>
              <Show when={ids().length > limit()}>
                <button type="button" class="btn" onClick={() => setLimit(limit() + PAGE_SIZE)}>{t('conflicts.showMore')}</button>
              </Show>
            </Show>
          </ConflictsProvider>
        </Match>
      </Switch>
    </Page>
  );
}
