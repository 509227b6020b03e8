/**
 * One screening session: where the reviewer is in their queue, deciding, reasons, notes and undo.
 * Everything here runs from memory (the record cache and the private document), so a key press
 * changes the screen in the same frame. Every change is also put into words for the live region.
 */
import { batch, createMemo, createSignal, type Accessor, type Setter } from 'solid-js';
import type { Stage } from '../../../shared/api';
import type { Decision, DecisionValue } from '../../../shared/screening';
import { t, type MessageKey } from '../i18n';
import type { DecisionStore } from './decisions';

/** What the screen page drives. */
export interface ScreeningSession {
  index: Accessor<number>;
  currentId: Accessor<string | undefined>;
  /** Reasons ticked for the current record: its saved ones if excluded, else the ones marked for excluding. */
  selectedReasons: Accessor<string[]>;
  note: Accessor<string>;
  setNote(text: string): void;
  /** Saves the note into an existing decision (or keeps it for the decision to come). */
  saveNote(): void;
  go(index: number): void;
  /** Places the reviewer at `index` without counting as a move of theirs (the starting point). */
  start(index: number): void;
  next(): void;
  previous(): void;
  decide(decision: Decision): void;
  toggleReason(index: number): void;
  undo(): void;
  /** Records of the queue this person has decided (reactive). */
  decidedCount: Accessor<number>;
  /** The latest change in words (for the live region and the visible status line). */
  announcement: Accessor<string>;
  /** Whether the user moved by hand (then we no longer jump to the first undecided record). */
  moved: Accessor<boolean>;
}

export const DECISION_LABEL: Record<Decision, MessageKey> = {
  include: 'screen.decision.include',
  exclude: 'screen.decision.exclude',
  maybe: 'screen.decision.maybe',
};
const DECIDED: Record<Decision, MessageKey> = {
  include: 'screen.decided.include',
  exclude: 'screen.decided.exclude',
  maybe: 'screen.decided.maybe',
};

/** Creates a session over `ids` (the queue). `titleOf` reads a loaded record's title. */
export function createSession(opts: {
  ids: readonly string[];
  stage: Stage;
  store: DecisionStore;
  reasons: Accessor<string[]>;
  titleOf: (id: string) => string;
}): ScreeningSession {
  const { ids, stage, store } = opts;
  const [index, setIndex] = createSignal(0);
  const [moved, setMoved] = createSignal(false);
  const [announcement, setAnnouncement] = createSignal('');
  // Drafts per record: reasons marked before excluding, notes typed before deciding.
  const [draftReasons, setDraftReasons] = createSignal<ReadonlyMap<string, string[]>>(new Map());
  const [draftNotes, setDraftNotes] = createSignal<ReadonlyMap<string, string>>(new Map());
  const undoStack: { id: string; before: DecisionValue | null }[] = [];
  const currentId = () => ids[index()];
  let flip = false;

  const say = (text: string) => {
    // The same words twice in a row would not be re-announced; an invisible change makes them news.
    flip = !flip;
    setAnnouncement(text + (flip ? '\u00a0' : ''));
  };
  const position = (i: number) => {
    const id = ids[i]!;
    const d = store.get(id);
    return t('screen.position', {
      n: i + 1,
      total: ids.length,
      title: opts.titleOf(id) || t('screen.loadingRecord'),
      state: d ? t('screen.yourDecision', { decision: t(DECISION_LABEL[d.decision]) }) : t('screen.notDecided'),
    });
  };
  const inOrder = (list: string[]) => opts.reasons().filter((r) => list.includes(r));
  const toggled = (list: string[], r: string) => inOrder(list.includes(r) ? list.filter((x) => x !== r) : [...list, r]);
  const drafts =
    <T,>(set: Setter<ReadonlyMap<string, T>>) =>
    (id: string, value: T | undefined) =>
      set((m) => {
        const next = new Map(m);
        if (value === undefined) next.delete(id);
        else next.set(id, value);
        return next;
      });
  const setNoteDraft = drafts(setDraftNotes);
  const setReasonDraft = drafts(setDraftReasons);

  const selectedReasons = createMemo(() => {
    const id = currentId();
    if (!id) return [];
    const d = store.get(id);
    return d?.decision === 'exclude' ? d.reasons : (draftReasons().get(id) ?? []);
  });
  const note = createMemo(() => {
    const id = currentId();
    if (!id) return '';
    return draftNotes().get(id) ?? store.get(id)?.note ?? '';
  });
  const decidedCount = createMemo(() => {
    store.version();
    let n = 0;
    for (const id of ids) if (store.has(id)) n++;
    return n;
  });

  const write = (id: string, value: DecisionValue | null) => {
    // Acting counts as having moved: the starting-point jump must not run as our own write lands.
    setMoved(true);
    undoStack.push({ id, before: store.get(id) ?? null });
    store.set(id, value);
  };
  const firstUndecidedAfter = (i: number) => {
    for (let k = 1; k <= ids.length; k++) {
      const j = (i + k) % ids.length;
      if (!store.has(ids[j]!)) return j;
    }
    return -1;
  };

  const go = (i: number, announce = true) => {
    if (i < 0 || i >= ids.length) return;
    batch(() => {
      setMoved(true);
      setIndex(i);
    });
    if (announce) say(position(i));
  };

  return {
    index,
    currentId,
    selectedReasons,
    note,
    moved,
    decidedCount,
    announcement,
    setNote(text) {
      const id = currentId();
      if (id) setNoteDraft(id, text);
    },
    saveNote() {
      const id = currentId();
      const draft = id ? draftNotes().get(id) : undefined;
      if (!id || draft === undefined) return;
      const d = store.get(id);
      if (!d) return draft ? say(t('screen.noteKept')) : undefined;
      if (d.note === draft) return setNoteDraft(id, undefined);
      batch(() => {
        write(id, { ...d, note: draft, at: new Date().toISOString() });
        setNoteDraft(id, undefined);
      });
      say(t('screen.noteSaved'));
    },
    go,
    start(i) {
      if (i >= 0 && i < ids.length) setIndex(i);
    },
    next() {
      if (index() >= ids.length - 1) return say(t('screen.atLast'));
      go(index() + 1);
    },
    previous() {
      if (index() <= 0) return say(t('screen.atFirst'));
      go(index() - 1);
    },
    decide(decision) {
      const id = currentId();
      const from = index();
      if (!id) return;
      const reasons = decision === 'exclude' ? selectedReasons() : [];
      if (stage === 'ft' && decision === 'exclude' && reasons.length === 0) {
        return say(t('screen.needReason', { count: Math.min(9, opts.reasons().length) }));
      }
      batch(() => {
        write(id, { decision, reasons, note: note(), at: new Date().toISOString() });
        setNoteDraft(id, undefined);
        setReasonDraft(id, undefined);
      });
      const done = t(DECIDED[decision], { title: opts.titleOf(id) });
      const nextIndex = firstUndecidedAfter(from);
      if (nextIndex === -1) return say(`${done} ${t('screen.allDone')}`);
      go(nextIndex, false);
      say(`${done} ${position(nextIndex)}`);
    },
    toggleReason(i) {
      const id = currentId();
      const reason = opts.reasons()[i];
      if (!id) return;
      if (!reason) return say(t('screen.noSuchReason', { n: i + 1 }));
      const d = store.get(id);
      if (d?.decision === 'exclude') {
        const next = toggled(d.reasons, reason);
        if (stage === 'ft' && next.length === 0) return say(t('screen.keepOneReason'));
        write(id, { ...d, reasons: next, at: new Date().toISOString() });
        return say(t(next.includes(reason) ? 'screen.reasonAdded' : 'screen.reasonRemoved', { reason }));
      }
      const next = toggled(draftReasons().get(id) ?? [], reason);
      setReasonDraft(id, next);
      say(t(next.includes(reason) ? 'screen.reasonMarked' : 'screen.reasonUnmarked', { reason }));
    },
    undo() {
      const last = undoStack.pop();
      if (!last) return say(t('screen.nothingToUndo'));
      store.set(last.id, last.before);
      const i = ids.indexOf(last.id);
      if (i >= 0) go(i, false);
      say(t('screen.undone', { title: opts.titleOf(last.id) }));
    },
  };
}
