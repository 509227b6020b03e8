/**
 * This person's sense-check answers: their private document `p/<pid>/u/<uid>` (`Y.Map('feedback')`,
 * kept on the device too, so nothing is lost offline), and the server's refusals (`rejected`,
 * key `feedback:<themeId>`), as signals.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { privateDocName } from '../../../shared/docnames';
import type { RejectedEntry } from '../../../shared/screening';
import * as W from '../../../shared/workspace';
import { openDoc, type SyncHandle } from '../sync/docs';

/** The feedback store of one person in one project. */
export interface FeedbackStore {
  handle: SyncHandle;
  answers: Accessor<ReadonlyMap<string, W.SenseCheckValue>>;
  refusal: (themeId: string) => RejectedEntry | undefined;
  answer(themeId: string, value: { resonance: W.Resonance; comment: string }, version: string): void;
  skip(themeId: string, version: string, comment?: string): void;
  withdraw(themeId: string): void;
}

/** Opens the private document for the lifetime of the calling component. */
export function useFeedback(pid: string, userId: string): FeedbackStore {
  const handle = openDoc(privateDocName(pid, userId), { userId, persist: true });
  onCleanup(() => handle.release());
  const [answers, setAnswers] = createSignal<ReadonlyMap<string, W.SenseCheckValue>>(W.myFeedback(handle.doc));
  const [rejected, setRejected] = createSignal<ReadonlyMap<string, RejectedEntry>>(new Map());
  const feedback = handle.doc.getMap(W.FEEDBACK_MAP);
  const refusals = handle.doc.getMap<RejectedEntry>('rejected');
  const read = () => {
    setAnswers(W.myFeedback(handle.doc));
    setRejected(new Map([...refusals.entries()].filter(([k]) => k.startsWith(`${W.FEEDBACK_MAP}:`))));
  };
  read();
  feedback.observe(read);
  refusals.observe(read);
  onCleanup(() => {
    feedback.unobserve(read);
    refusals.unobserve(read);
  });
  return {
    handle,
    answers,
    refusal: (themeId) => rejected().get(W.rejectedFeedbackKey(themeId)),
    answer: (themeId, value, version) => W.giveFeedback(handle.doc, themeId, value, version),
    skip: (themeId, version, comment) => W.skipTheme(handle.doc, themeId, version, comment),
    withdraw: (themeId) => W.withdrawFeedback(handle.doc, themeId),
  };
}
