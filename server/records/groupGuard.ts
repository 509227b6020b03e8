/**
 * Optimistic concurrency for duplicate review. Two leads (or one lead in two tabs) may change the same
 * group at once; a request that says what the lead saw is refused when that is no longer so, rather
 * than confirming, splitting or moving records the lead never saw. Call these inside the change's
 * transaction, so that nothing can come between the check and the write.
 */
import { conflict } from '../errors';

/** The 409 a stale view gets; the client reloads the group and asks the lead to look again. */
export const groupChanged = () =>
  conflict('This group changed since you opened the page: someone else merged or split records. Reload it and check it again.', 'group_changed');

/** Refuses unless the group's duplicates are exactly those the lead saw (in any order); `seen` absent: no check. */
export function expectDuplicates(seen: readonly string[] | undefined, now: readonly string[]): void {
  if (seen === undefined) return;
  const shown = new Set(seen);
  if (shown.size !== now.length || now.some((id) => !shown.has(id))) throw groupChanged();
}

/** Refuses unless a record's link (its primary, or null) is the one the lead saw; `seen` absent: no check. */
export function expectLink(seen: string | null | undefined, now: string | null): void {
  if (seen !== undefined && seen !== now) throw groupChanged();
}
