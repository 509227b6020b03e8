/**
 * Reading the board document (`p/<pid>/board`). A stage's live conflicts are kept in their own
 * map, one entry per record, rather than inside the stage's entry: a vote or a resolution then
 * sends one conflict to every viewer instead of all of them (340 bytes each; 3 MB at 8,700).
 * Readers put them back, so every page sees the `BoardStage` shape.
 */
import type * as Y from 'yjs';
import { STAGES, type Stage } from './api';
import type { BoardStage, ConflictItem } from './screening';

/** A stage's entry as stored in `Y.Map('stages')`: its conflicts, when live, are in `conflicts:<stage>`. */
export type StoredBoardStage = Omit<BoardStage, 'conflicts'> & { liveConflicts?: true };

/** A live conflict as stored, with its record's arrival number for the order. */
export interface StoredConflict {
  seq: number;
  conflict: ConflictItem;
}

/** The map that holds a stage's live conflicts, keyed by record id. */
export const conflictsMapName = (stage: Stage) => `conflicts:${stage}`;

/** A stage's board entry with its live conflicts in arrival order, or undefined before the first sync. */
export function readBoardStage(doc: Y.Doc, stage: Stage): BoardStage | undefined {
  const stored = doc.getMap<StoredBoardStage>('stages').get(stage);
  if (!stored) return undefined;
  const { liveConflicts, ...entry } = stored;
  if (!liveConflicts) return entry;
  const conflicts = [...doc.getMap<StoredConflict>(conflictsMapName(stage)).values()].sort((a, b) => a.seq - b.seq).map((c) => c.conflict);
  return { ...entry, conflicts };
}

/** Every stage present on the board, read as `readBoardStage` does. */
export function readBoardStages(doc: Y.Doc): Map<Stage, BoardStage> {
  const out = new Map<Stage, BoardStage>();
  for (const stage of STAGES) {
    const entry = readBoardStage(doc, stage);
    if (entry) out.set(stage, entry);
  }
  return out;
}

/** Calls `onChange` after each change to the stages or their conflicts; returns the function that stops it. */
export function observeBoard(doc: Y.Doc, onChange: () => void): () => void {
  const maps = [doc.getMap('stages'), ...STAGES.map((s) => doc.getMap(conflictsMapName(s)))];
  // One transaction can touch several maps: report it once, after the maps' own observers ran.
  let touched = false;
  const mark = () => (touched = true);
  const after = () => {
    if (!touched) return;
    touched = false;
    onChange();
  };
  for (const m of maps) m.observe(mark);
  doc.on('afterTransaction', after);
  return () => {
    for (const m of maps) m.unobserve(mark);
    doc.off('afterTransaction', after);
  };
}

/** Everything a viewer's board holds, as JSON (tests check that nothing blinded is in it). */
export function boardJson(doc: Y.Doc): string {
  return JSON.stringify({ stages: doc.getMap('stages').toJSON(), ...Object.fromEntries(STAGES.map((s) => [conflictsMapName(s), doc.getMap(conflictsMapName(s)).toJSON()])) });
}
