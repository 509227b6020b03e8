/**
 * Live data for the synthesis pages: the workspace document as Solid signals, other people's
 * awareness (where they are, what they select or type), and this user's own awareness fields
 * (`location`, `editing` — see shared/workspace/README.md).
 */
import { createEffect, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { canEditWorkspace, canVote } from '../../../shared/roles';
import { currentUser } from '../auth/session';
import { useProject } from '../projects/context';
import type { SyncHandle } from '../sync/docs';

/** What this user may do here. */
export interface Me {
  id: string;
  name: string;
  canEdit: boolean;
  canSenseCheck: boolean;
}

/** The signed-in person and their rights in this project. */
export function useMe(): Accessor<Me> {
  const { role } = useProject();
  return createMemo(() => {
    const u = currentUser()!;
    return { id: u.id, name: u.name, canEdit: canEditWorkspace(role()), canSenseCheck: canVote(role()) };
  });
}

/**
 * A counter that moves on every change to the workspace document (any top-level map), so memos
 * that read the document with the shared helpers re-run. Re-observes when the handle is replaced.
 */
export function useWorkspaceVersion(): { doc: Accessor<Y.Doc | undefined>; version: Accessor<number>; handle: Accessor<SyncHandle | undefined> } {
  const { workspace } = useProject();
  const [version, setVersion] = createSignal(0);
  const doc = createMemo(() => {
    const h = workspace();
    h?.generation();
    return h?.doc;
  });
  createEffect(() => {
    const d = doc();
    if (!d) return;
    const bump = () => setVersion((v) => v + 1);
    d.on('update', bump);
    bump();
    onCleanup(() => d.off('update', bump));
  });
  return { doc, version, handle: workspace };
}

/** A memo over the workspace that re-reads on every change; `fallback` until the document is open. */
export function useWs<T>(read: (doc: Y.Doc) => T, fallback: T, equals?: (a: T, b: T) => boolean): Accessor<T> {
  const { doc, version } = useWorkspaceVersion();
  return createMemo(
    () => {
      version();
      const d = doc();
      return d ? read(d) : fallback;
    },
    fallback,
    equals ? { equals } : undefined,
  );
}

/** What other people put in awareness that these pages read. */
export interface Peer {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  page?: string;
  detail?: string;
  editing?: { target?: string; id?: string; typing?: boolean; range?: { start?: unknown; end?: unknown } };
}

/** Other people on the workspace document right now (one entry per tab), live. */
export function usePeers(): Accessor<Peer[]> {
  const { workspace } = useProject();
  const [peers, setPeers] = createSignal<Peer[]>([], { equals: false });
  createEffect(() => {
    const h = workspace();
    if (!h) return;
    h.generation();
    const aw = h.awareness;
    const me = currentUser()?.id;
    const read = () => {
      const out: Peer[] = [];
      for (const [clientId, s] of aw.getStates()) {
        const st = s as { user?: { id?: unknown; name?: unknown; color?: unknown }; location?: { page?: unknown; detail?: unknown }; editing?: Peer['editing'] };
        const u = st.user;
        if (clientId === aw.clientID || !u || typeof u.id !== 'string' || typeof u.name !== 'string' || u.id === me) continue;
        out.push({
          clientId,
          userId: u.id,
          name: u.name,
          color: typeof u.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(u.color) ? u.color : '#4a5260',
          page: typeof st.location?.page === 'string' ? st.location.page : undefined,
          detail: typeof st.location?.detail === 'string' ? st.location.detail : undefined,
          editing: st.editing && typeof st.editing === 'object' ? st.editing : undefined,
        });
      }
      setPeers(out);
    };
    read();
    aw.on('change', read);
    onCleanup(() => aw.off('change', read));
  });
  return peers;
}

/** Distinct names (one per person) of the peers that pass `test`. */
export function peerNames(peers: Peer[], test: (p: Peer) => boolean): string[] {
  const byUser = new Map<string, string>();
  for (const p of peers) if (test(p) && !byUser.has(p.userId)) byUser.set(p.userId, p.name);
  return [...byUser.values()];
}

/** The selection range a peer is showing, when it is a sane range inside `length`. */
export function peerRange(p: Peer, sourceId: string, length: number): { start: number; end: number } | null {
  const e = p.editing;
  if (e?.target !== 'source' || e.id !== sourceId || !e.range) return null;
  const { start, end } = e.range;
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)) return null;
  return start >= 0 && start < end && end <= length ? { start, end } : null;
}

/** Sets this user's page (and detail) in awareness while the calling component lives. */
export function useSynthesisLocation(page: string, detail?: Accessor<string | undefined>): void {
  const { workspace } = useProject();
  createEffect(() => {
    const d = detail?.();
    workspace()?.awareness.setLocalStateField('location', d ? { page, detail: d } : { page });
  });
  onCleanup(() => workspace()?.awareness.setLocalStateField('editing', null));
}

/** Sets (or clears, with null) what this user is editing; only writes when it changed. */
export function setEditing(handle: SyncHandle | undefined, value: Peer['editing'] | null): void {
  if (!handle) return;
  const before = (handle.awareness.getLocalState() as { editing?: unknown } | null)?.editing ?? null;
  if (JSON.stringify(before) === JSON.stringify(value)) return;
  handle.awareness.setLocalStateField('editing', value);
}

/** A polite announcer for screen readers: the returned `say` makes even a repeated sentence news. */
export function createAnnouncer(): { message: Accessor<string>; say: (text: string) => void } {
  const [message, setMessage] = createSignal('');
  return {
    message,
    say(text) {
      setMessage('');
      queueMicrotask(() => setMessage(text));
    },
  };
}

/** Element ids must be safe whatever an id contains. */
export const idPart = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
