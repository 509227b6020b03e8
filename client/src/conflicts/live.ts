/**
 * Live data for the conflicts page: Yjs maps and awareness as Solid signals, and the context every
 * record card reads (documents, members, who is typing or reading, the page's announcer).
 */
import { createContext, createSignal, onCleanup, useContext, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { Project, Stage } from '../../../shared/api';
import type { DiscussionComment, Mentionable } from '../../../shared/discussions';
import type { Role } from '../../../shared/roles';
import type { SyncHandle } from '../sync/docs';

/** Awareness as this page uses it: the server sets `user`; we set `location` and `typing`. */
export interface PeerState {
  user?: { id: string; name: string };
  location?: { page?: string; detail?: string };
  /** the thread key (`<stage>:<recordId>`) this person is writing a comment in */
  typing?: string | null;
}

/** A signal that re-reads `read()` whenever the Y type changes (deep), until the owner is disposed. */
export function fromY<T>(type: Y.AbstractType<any>, read: () => T, equals: false | ((a: T, b: T) => boolean) = false): Accessor<T> {
  const [value, setValue] = createSignal<T>(read(), { equals });
  const update = () => setValue(() => read());
  type.observeDeep(update);
  onCleanup(() => type.unobserveDeep(update));
  return value;
}

/** The other people's awareness states on a document, updated live. */
export function peersOf(handle: SyncHandle): Accessor<PeerState[]> {
  const read = () => [...handle.awareness.getStates()].filter(([id]) => id !== handle.awareness.clientID).map(([, s]) => s as PeerState);
  const [peers, setPeers] = createSignal(read(), { equals: false });
  const update = () => setPeers(read());
  handle.awareness.on('change', update);
  onCleanup(() => handle.awareness.off('change', update));
  return peers;
}

/** Distinct names of other people (one per user id) whose state passes `test`, skipping `selfId`. */
export function namesWhere(peers: PeerState[], selfId: string, test: (s: PeerState) => boolean): string[] {
  const names = new Map<string, string>();
  for (const s of peers) {
    const u = s.user;
    if (!u || typeof u.id !== 'string' || typeof u.name !== 'string' || u.id === selfId || names.has(u.id)) continue;
    if (test(s)) names.set(u.id, u.name);
  }
  return [...names.values()];
}

/** What every card on the page shares. */
export interface ConflictsContextValue {
  pid: string;
  stage: Stage;
  me: { id: string; name: string };
  role: Accessor<Role>;
  project: Accessor<Project>;
  workspace: Accessor<SyncHandle | undefined>;
  /** this user's private document (votes, decisions, refusals) */
  mine: SyncHandle;
  members: Accessor<Mentionable[]>;
  peers: Accessor<PeerState[]>;
  /** every discussion thread by key, re-read on each change to the discussions */
  threads: Accessor<Map<string, DiscussionComment[]>>;
  /** true once the stage is unblinded (votes are refused before) */
  votingOpen: Accessor<boolean>;
  /**
   * Whether a record may be discussed in the open: the workspace document and its awareness reach
   * every member, blinded screeners too, so a thread (or "reading"/"typing" on a record) must not
   * exist before the stage — or the record's pilot round — is unblinded for everyone (DESIGN section 2).
   */
  openToAll: (recordId: string) => boolean;
  /** tells others which record this user is reading */
  setReading: (key: string) => void;
  /** tells others this user is writing in a thread (null: stopped) */
  setTyping: (key: string | null) => void;
  /** announces a sentence politely to screen-reader users */
  announce: (text: string) => void;
  /** the exclusion reason a lead chose when settling a record, if any */
  exclusionReasonOf: (recordId: string) => string | undefined;
  /** records a reason just chosen, before the server's list is read again */
  setExclusionReason: (recordId: string, reason: string | null) => void;
}

const ConflictsContext = createContext<ConflictsContextValue>();

/** Provider for the page's shared values. */
export const ConflictsProvider = ConflictsContext.Provider;

/** The page's shared values; only inside ConflictsPage. */
export function useConflicts(): ConflictsContextValue {
  const ctx = useContext(ConflictsContext);
  if (!ctx) throw new Error('useConflicts outside ConflictsPage');
  return ctx;
}

/** Element ids must be safe whatever a record id contains. */
export const idPart = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
