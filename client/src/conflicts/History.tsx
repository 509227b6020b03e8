/**
 * A record's history, behind a "Show history" button: import, duplicate links, decisions with
 * before → after, votes, resolution and unblinding, as far as the blinding rule allows.
 */
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { Stage } from '../../../shared/api';
import type { HistoryActor, RecordHistoryEvent } from '../../../shared/discussions';
import { errorMessage } from '../api/errors';
import { formatDateTime, formatList, t, type MessageKey } from '../i18n';
import { Loading } from '../ui/Page';
import { getHistory } from './api';
import { idPart, useConflicts } from './live';
import { decisionWord } from './Voting';
import { voteSettlementText } from './settlement';

const STAGE: Record<Stage, MessageKey> = { ta: 'conflicts.stage.ta', ft: 'conflicts.stage.ft' };
const DUP: Record<string, MessageKey> = { doi: 'conflicts.h.dup.doi', pmid: 'conflicts.h.dup.pmid', fuzzy: 'conflicts.h.dup.fuzzy', manual: 'conflicts.h.dup.manual' };

const DUP_REVIEW: Record<Extract<RecordHistoryEvent, { kind: 'duplicate_review' }>['action'], MessageKey> = {
  confirmed: 'conflicts.h.dupConfirmed',
  split: 'conflicts.h.dupSplit',
  merged: 'conflicts.h.dupMerged',
  moved_in: 'conflicts.h.dupMovedIn',
  moved_back: 'conflicts.h.dupMovedBack',
};
/** The same, naming the other record (answers from before the server named it have none). */
const DUP_REVIEW_NAMED: Record<Extract<RecordHistoryEvent, { kind: 'duplicate_review' }>['action'], MessageKey> = {
  confirmed: 'conflicts.h.dupConfirmedOf',
  split: 'conflicts.h.dupSplitFrom',
  merged: 'conflicts.h.dupMergedInto',
  moved_in: 'conflicts.h.dupMovedInto',
  moved_back: 'conflicts.h.dupMovedBackTo',
};

const who = (a: HistoryActor | null) => a?.name ?? t('conflicts.h.someone');
const word = (d: string) => t(decisionWord(d));

/** One history entry as a sentence. */
export function describeEvent(e: RecordHistoryEvent): string {
  switch (e.kind) {
    case 'imported':
      return e.filename ? t('conflicts.h.importedFile', { source: e.source, file: e.filename, name: who(e.by) }) : t('conflicts.h.imported', { source: e.source, name: who(e.by) });
    case 'duplicate_of':
      return t('conflicts.h.duplicateOf', { title: e.otherTitle, reason: DUP[e.reason] ? t(DUP[e.reason]!) : e.reason });
    case 'duplicate_found':
      return t('conflicts.h.duplicateFound', { source: e.source, title: e.otherTitle, reason: DUP[e.reason] ? t(DUP[e.reason]!) : e.reason });
    case 'duplicate_review':
      return e.other
        ? t(DUP_REVIEW_NAMED[e.action], { name: who(e.by), title: e.other.title || t('records.untitled'), via: e.via?.title || t('records.untitled') })
        : t(DUP_REVIEW[e.action], { name: who(e.by) });
    case 'duplicate_joined':
      return e.via
        ? t('conflicts.h.dupJoinedVia', { name: who(e.by), title: e.other.title || t('records.untitled'), via: e.via.title || t('records.untitled') })
        : t('conflicts.h.dupJoined', { name: who(e.by), title: e.other.title || t('records.untitled') });
    case 'decision': {
      const stage = t(STAGE[e.stage]);
      if (!e.after) return t('conflicts.h.decisionWithdrawn', { name: who(e.by), stage });
      if (!e.before) return t('conflicts.h.decided', { name: who(e.by), after: word(e.after.decision), stage });
      return t('conflicts.h.changed', { name: who(e.by), before: word(e.before.decision), after: word(e.after.decision), stage });
    }
    case 'vote':
      if (!e.after) return t('conflicts.h.voteWithdrawn', { name: who(e.by) });
      if (!e.before) return t('conflicts.h.voted', { name: who(e.by), after: word(e.after.vote) });
      return t('conflicts.h.voteChanged', { name: who(e.by), before: word(e.before.vote), after: word(e.after.vote) });
    case 'resolved':
      return e.source === 'lead' ? t('conflicts.h.resolvedLead', { name: who(e.by), decision: word(e.decision) }) : t('conflicts.h.resolvedQuorum', { decision: word(e.decision) });
    case 'resolution_withdrawn':
      return t('conflicts.h.quorumWithdrawn');
    case 'unblinded':
      return e.scope === 'pilot' ? t('conflicts.h.pilotUnblinded', { name: who(e.by) }) : t('conflicts.h.unblinded', { name: who(e.by), stage: t(STAGE[e.stage]) });
  }
}

/** The detail line under an entry (reasons, notes, comments), if any. */
function detailOf(e: RecordHistoryEvent): string {
  if (e.kind === 'decision' && e.after) {
    const parts = [];
    if (e.after.reasons.length) parts.push(t('conflicts.reasons', { reasons: formatList(e.after.reasons) }));
    if (e.after.note) parts.push(t('conflicts.note', { note: e.after.note }));
    return parts.join(' ');
  }
  if (e.kind === 'vote' && e.after?.comment) return e.after.comment;
  if (e.kind === 'resolved') {
    const parts = [];
    if (e.decision === 'exclude' && e.exclusionReason) parts.push(t('conflicts.exclusionReason', { reason: e.exclusionReason }));
    if (e.reason) parts.push((e.source === 'quorum' ? voteSettlementText(e.reason, e.decision) : null) ?? t('conflicts.note', { note: e.reason }));
    return parts.join(' ');
  }
  return '';
}

/** The history disclosure for one record. */
export function History(props: { recordId: string }) {
  const ctx = useConflicts();
  const [open, setOpen] = createSignal(false);
  const base = `history-${idPart(props.recordId)}`;
  // Fetched afresh each time it is opened, so it includes what happened since.
  const [opened, setOpened] = createSignal(0);
  const [history] = createResource(() => (open() ? opened() : false), () => getHistory(ctx.pid, props.recordId));
  return (
    <section aria-labelledby={`${base}-h`} class="history">
      <h3 id={`${base}-h`}>{t('conflicts.history')}</h3>
      <button type="button" class="btn small" aria-expanded={open() ? 'true' : 'false'} aria-controls={base}
        onClick={() => { setOpened(opened() + 1); setOpen(!open()); }}>
        {open() ? t('conflicts.history.hide') : t('conflicts.history.show')}
      </button>
      <div id={base}>
        <Show when={open()}>
          <Switch>
            <Match when={history.error}><p role="alert">{errorMessage(history.error)}</p></Match>
            <Match when={history.loading}><Loading /></Match>
            <Match when={history()}>
              {(h) => (
                <>
                  <Show when={h().events.length} fallback={<p class="meta">{t('conflicts.history.empty')}</p>}>
                    <ol class="history-list" data-testid="history">
                      <For each={h().events}>
                        {(e) => (
                          <li>
                            <time datetime={e.at}>{formatDateTime(e.at)}</time>{' '}
                            <span>{describeEvent(e)}</span>
                            <Show when={detailOf(e)}><span class="meta"> <bdi>{detailOf(e)}</bdi></span></Show>
                          </li>
                        )}
                      </For>
                    </ol>
                  </Show>
                  <Show when={h().hiddenStages.length}>
                    <p class="meta">{t('conflicts.history.hidden', { stages: formatList(h().hiddenStages.map((s) => t(STAGE[s]))) })}</p>
                  </Show>
                </>
              )}
            </Match>
          </Switch>
        </Show>
      </div>
    </section>
  );
}
