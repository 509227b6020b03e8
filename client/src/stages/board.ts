/**
 * The project's board document (`p/<pid>/board`), read-only and derived by the server. What it
 * holds depends on what the blinding rule lets this person see; when that changes (a stage is
 * unblinded, a lead becomes a screener) the server closes with 4409 and the sync layer opens a
 * fresh document, which we re-read here.
 */
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { Stage } from '../../../shared/api';
import { observeBoard, readBoardStages } from '../../../shared/board';
import { boardDocName } from '../../../shared/docnames';
import type { BoardStage } from '../../../shared/screening';
import { currentUser } from '../auth/session';
import { openDoc, type SyncStatus } from '../sync/docs';

/** The board's stages (reactive) and the connection state. */
export interface Board {
  stages: Accessor<ReadonlyMap<Stage, BoardStage>>;
  status: Accessor<SyncStatus>;
}

/** Opens the board of project `pid` for as long as the calling component lives. */
export function useBoard(pid: Accessor<string>): Board {
  const [stages, setStages] = createSignal<ReadonlyMap<Stage, BoardStage>>(new Map());
  const [status, setStatus] = createSignal<SyncStatus>('connecting');
  createEffect(() => {
    const uid = currentUser()?.id;
    const p = pid();
    if (!uid) return;
    const handle = openDoc(boardDocName(p), { userId: uid });
    createEffect(() => setStatus(handle.status()));
    createEffect(
      on(handle.generation, () => {
        const read = () => setStages(readBoardStages(handle.doc));
        read();
        onCleanup(observeBoard(handle.doc, read));
      }),
    );
    onCleanup(() => {
      handle.release();
      setStages(new Map());
    });
  });
  return { stages, status };
}
