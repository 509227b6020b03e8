/**
 * The screening workspace for one queue: record, decision form, criteria, keys, progress and the
 * reviewer's own decisions. Keys are handled on the document, so they work wherever focus is
 * (except while typing in a field); focus stays on the record so screen readers keep their place,
 * and each change is announced once through a polite live region.
 */
import { createEffect, createMemo, createResource, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import type { Project, Stage } from '../../../shared/api';
import { locale, t } from '../i18n';
import type { SyncHandle } from '../sync/docs';
import { listFullTexts, type FullText } from './api';
import { createDecisionStore } from './decisions';
import { DecisionPanel } from './DecisionPanel';
import { FullTextPanel } from './FullTextPanel';
import { actionFor } from './keys';
import { MyDecisions, Rejections, ScreenStatus } from './Lists';
import { createRecordCache, PAGE_SIZE } from './records';
import { RecordView } from './RecordView';
import { createSession } from './session';
import { CriteriaPanel, HelpDialog, HighlightLegend, KeysPanel } from './SidePanels';

/** The screening UI over a loaded queue. */
export function Screener(props: { project: Project; stage: Stage; ids: string[]; handle: SyncHandle }) {
  const ids = props.ids;
  const pid = props.project.id;
  const cache = createRecordCache(pid, props.stage, ids);
  const store = createDecisionStore(props.handle, props.stage);
  const titleOf = (id: string) => cache.get(id)?.title ?? '';
  const session = createSession({ ids, stage: props.stage, store, reasons: () => props.project.exclusionReasons, titleOf });
  const include = () => props.project.highlightTerms.include;
  const exclude = () => props.project.highlightTerms.exclude;
  const current = createMemo(() => {
    const id = session.currentId();
    return id ? cache.get(id) : undefined;
  });
  let article: HTMLElement | undefined;
  let note: HTMLTextAreaElement | undefined;
  let help: HTMLDialogElement | undefined;
  const [helpOpen, setHelpOpen] = createSignal(false);

  // Start at the first record not yet decided, once our decisions are known (from this device or the
  // server), unless the reviewer has already moved.
  const firstUndecided = () => Math.max(0, ids.findIndex((id) => !store.has(id)));
  createEffect(
    on([store.version, props.handle.synced], () => {
      if (!session.moved()) session.start(firstUndecided());
    }),
  );
  onMount(() => cache.prefetch(firstUndecided()));
  // Entering another page moves a long queue's window along (a no-op for pages already loaded).
  createEffect(on(() => Math.floor(session.index() / PAGE_SIZE), () => cache.prefetch(session.index()), { defer: true }));
  // A record not in memory yet (a jump in a long queue, or a failed page): fetch its page first.
  createEffect(() => {
    const id = session.currentId();
    if (id && !cache.get(id)) cache.prefetch(session.index());
  });

  const [fulltexts, { mutate: setFulltexts }] = createResource(
    () => (props.stage === 'ft' ? pid : undefined),
    async (p) => new Map((await listFullTexts(p)).map((f) => [f.recordId, f])),
  );
  const onFullText = (f: FullText) => setFulltexts((m) => new Map(m ?? []).set(f.recordId, f));

  const openHelp = () => {
    if (!help || help.open) return;
    help.showModal();
    setHelpOpen(true);
  };
  const focusRecord = () => article?.focus({ preventScroll: true });
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing || helpOpen()) return;
    const target = e.target as HTMLElement | null;
    // Typing in a field types; on checkboxes and buttons the screening keys still work.
    if (target?.closest('textarea, select, [contenteditable="true"], input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"])')) return;
    const action = actionFor(e, locale().dir === 'rtl');
    if (!action) return;
    e.preventDefault();
    switch (action.type) {
      case 'decide':
        return session.decide(action.decision);
      case 'reason':
        return session.toggleReason(action.index);
      case 'note':
        return note?.focus();
      case 'next':
        return session.next();
      case 'previous':
        return session.previous();
      case 'undo':
        return session.undo();
      case 'help':
        return openHelp();
    }
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => document.removeEventListener('keydown', onKey));
  // Keep the reader on the record when it changes under a control that no longer applies.
  createEffect(
    on(session.index, () => {
      if (document.activeElement === document.body) focusRecord();
    }, { defer: true }),
  );

  const ft = props.stage === 'ft';
  return (
    <div class="screener" classList={{ 'is-ft': ft }}>
      <ScreenStatus done={session.decidedCount()} total={ids.length} sync={props.handle.status()} />
      <Rejections store={store} ids={ids} titleOf={titleOf} go={session.go} />
      <div class="screen-grid">
        <Show when={ft && session.currentId()}>
          {(rid) => (
            <div class="screen-fulltext">
              <FullTextPanel pid={pid} recordId={rid()} title={titleOf(rid())} fulltext={fulltexts()?.get(rid())} onChange={onFullText} />
            </div>
          )}
        </Show>
        <div class="screen-main">
          <RecordView record={current()} loadError={current() ? undefined : cache.error()} position={session.index() + 1} total={ids.length} include={include()} exclude={exclude()} ref={(el) => (article = el)} />
          <DecisionPanel
            stage={props.stage}
            session={session}
            current={session.currentId() ? store.get(session.currentId()!) : undefined}
            reasons={props.project.exclusionReasons}
            rejection={session.currentId() ? store.rejected().get(session.currentId()!)?.message : undefined}
            noteRef={(el) => (note = el)}
            onNoteEscape={() => {
              session.saveNote();
              focusRecord();
            }}
          />
        </div>
        <aside class="screen-side" aria-label={t('screen.sideLabel')}>
          <CriteriaPanel project={props.project} stage={props.stage} />
          <HighlightLegend include={include()} exclude={exclude()} />
          <KeysPanel onHelp={openHelp} />
        </aside>
      </div>
      <MyDecisions store={store} ids={ids} titleOf={titleOf} go={session.go} count={session.decidedCount()} />
      <p class="last-action" role="status" aria-live="polite" data-testid="announcement">
        {session.announcement()}
      </p>
      <HelpDialog
        ref={(el) => (help = el)}
        onClose={() => {
          setHelpOpen(false);
          focusRecord();
        }}
      />
    </div>
  );
}
