/**
 * Current display names of a project's members, for showing who wrote a comment. A comment stores
 * the name its author had when writing it (the Yjs history cannot be rewritten), so a renamed
 * member — perhaps now under a pseudonym — is shown by their id with the name they have now.
 * One members request per project, shared by every thread on every page and refreshed at most
 * once a minute; names of people no longer in the project fall back to the stored name.
 */
import { createRoot, createSignal, type Accessor } from 'solid-js';
import { currentUser } from '../auth/session';
import { useProject } from '../projects/context';
import { listMembers } from './api';

const FRESH_MS = 60_000;

interface Entry {
  names: Accessor<ReadonlyMap<string, string>>;
  load: () => void;
  loadedAt: number;
}

const cache = new Map<string, Entry>();

function entryFor(pid: string): Entry {
  let entry = cache.get(pid);
  if (!entry) {
    // Outside any component, so the names outlive the page that first asked for them.
    const [names, setNames] = createRoot(() => createSignal<ReadonlyMap<string, string>>(new Map()));
    const e: Entry = {
      names,
      loadedAt: 0,
      load: () => {
        e.loadedAt = Date.now();
        // Until (or if never) the list arrives, stored names show: nothing breaks offline.
        listMembers(pid).then((list) => setNames(new Map(list.map((m) => [m.userId, m.name]))), () => (e.loadedAt = 0));
      },
    };
    cache.set(pid, (entry = e));
  }
  if (Date.now() - entry.loadedAt > FRESH_MS) entry.load();
  return entry;
}

/** Resolves a comment author's current name: this user's own from the session, members' from the list, else the stored name. */
export function authorNameResolver(names: Accessor<ReadonlyMap<string, string>>): (authorId: unknown, stored: unknown) => string {
  return (authorId, stored) => {
    const me = currentUser();
    if (me && authorId === me.id) return me.name;
    return (typeof authorId === 'string' ? names().get(authorId) : undefined) ?? String(stored ?? '');
  };
}

/** The author-name resolver for the current project (inside ProjectLayout). */
export function useAuthorNames(): (authorId: unknown, stored: unknown) => string {
  const { project } = useProject();
  return authorNameResolver(entryFor(project().id).names);
}
