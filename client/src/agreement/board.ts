/**
 * The board document's stages as a Solid signal, for pages and links that follow what this user
 * may see live. The board is read-only and derived by the server per audience, so it is never
 * kept offline; after a 4409 (the view changed, e.g. unblinding) the handle holds a fresh document.
 */
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import type { Stage } from '../../../shared/api';
import { observeBoard, readBoardStages } from '../../../shared/board';
import { boardDocName } from '../../../shared/docnames';
import type { BoardStage } from '../../../shared/screening';
import { openDoc } from '../sync/docs';

/** Board entries by stage; empty until the first sync. Releases the document with the owner. */
export function useBoardStages(pid: string, userId: string): Accessor<Partial<Record<Stage, BoardStage>>> {
  const board = openDoc(boardDocName(pid), { userId, persist: false });
  onCleanup(() => board.release());
  const [stages, setStages] = createSignal<Partial<Record<Stage, BoardStage>>>({});
  createEffect(() => {
    board.generation();
    const read = () => setStages(Object.fromEntries(readBoardStages(board.doc)) as Partial<Record<Stage, BoardStage>>);
    read();
    onCleanup(observeBoard(board.doc, read));
  });
  return stages;
}

/** Whether the agreement page has anything for this user: the stage is visible, or the pilot is. */
export const agreementVisible = (s: Partial<Record<Stage, BoardStage>>) => !!s.ta?.visible || !!s.ta?.pilot;

/** Whether the PRISMA flow is visible to this user: both stages are (its numbers come from both). */
export const prismaVisible = (s: Partial<Record<Stage, BoardStage>>) => !!s.ta?.visible && !!s.ft?.visible;
