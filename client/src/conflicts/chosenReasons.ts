/**
 * The exclusion reasons leads chose when settling records. The board does not carry them, so the
 * page reads them over HTTP, again whenever a settlement on the board changes.
 */
import { createMemo, createResource, type Accessor } from 'solid-js';
import type { Stage } from '../../../shared/api';
import type { ConflictItem } from '../../../shared/screening';
import { listExclusionReasons } from './api';

/** The chosen reasons, kept current with the settlements in `conflicts`. */
export function chosenReasons(pid: string, stage: Stage, conflicts: Accessor<ConflictItem[]>) {
  // Only settled exclusions can have one; their ids and times change exactly when one may have.
  const settledExclusions = createMemo(
    () => conflicts().filter((c) => c.resolution?.decision === 'exclude').map((c) => `${c.recordId}@${c.resolution!.at}`).join('|'),
  );
  const [reasons, { mutate }] = createResource(
    () => settledExclusions() || false,
    () => listExclusionReasons(pid, stage).catch(() => ({}) as Record<string, string>),
  );
  return {
    reasonOf: (recordId: string) => reasons.latest?.[recordId],
    set: (recordId: string, reason: string | null) =>
      mutate((prev) => {
        const next = { ...(prev ?? {}) };
        if (reason) next[recordId] = reason;
        else delete next[recordId];
        return next;
      }),
  };
}
