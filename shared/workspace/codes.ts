/**
 * Codes: create, rename and describe, merge, split, delete. Merges leave a tombstone
 * (`mergedInto`) instead of rewriting every annotation, so a code applied concurrently with its
 * merge still lands on the merged code.
 */
import * as Y from 'yjs';
import { LIMITS, WS, WorkspaceError, type CodeView } from './schema';
import { bounded, cleanColour, cleanName, entries, entry, nowIso, pickId, str } from './util';
import { nextClock, positionAt, resolveStructure } from './resolve';
import { codedExcerpts } from './annotations';
import { distinctLabels, nameKey, refuseTakenName } from './names';

/** What a client passes to createCode. */
export interface CodeInput {
  id?: string;
  name: string;
  colour?: string;
  definition?: string;
  plain?: string;
  /** theme to put it under; absent or null = unsorted */
  parentId?: string | null;
  /** position among the parent's children; end when absent */
  index?: number;
}

/** Creates a code; returns its id. A name another code has (case and spacing aside) is refused. */
export function createCode(doc: Y.Doc, input: CodeInput, by: string): string {
  const id = pickId(input.id);
  const name = cleanName(input.name, LIMITS.nameChars, 'code');
  refuseTakenName(doc, 'code', name);
  const colour = cleanColour(input.colour, id);
  const parentId = input.parentId ?? null;
  if (parentId !== null && !entry(doc, 'themes', parentId)) throw new WorkspaceError('bad_parent', 'Codes go under a theme.');
  const s = resolveStructure(doc);
  const pos = positionAt(s, parentId, input.index);
  const clock = nextClock(doc);
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    doc.getMap(WS.codes).set(id, m);
    m.set('name', name);
    m.set('colour', colour);
    m.set('definition', bounded(input.definition ?? '', LIMITS.definitionChars, 'definition'));
    m.set('plain', bounded(input.plain ?? '', LIMITS.definitionChars, 'plain-language description'));
    m.set('parentId', parentId);
    m.set('pos', pos);
    m.set('moveClock', clock);
    m.set('mergedInto', null);
    m.set('createdBy', by);
    m.set('at', nowIso());
  });
  return id;
}

/** Renames a code or changes its colour, definition or plain-language description. */
export function updateCode(doc: Y.Doc, id: string, patch: { name?: string; colour?: string; definition?: string; plain?: string }): void {
  const live = liveCodeId(doc, id);
  const m = entry(doc, 'codes', live)!;
  const name = patch.name === undefined ? undefined : cleanName(patch.name, LIMITS.nameChars, 'code');
  // Only a change of name is checked: two codes named alike at once elsewhere must stay editable.
  if (name !== undefined && nameKey(name) !== nameKey(str(m, 'name'))) refuseTakenName(doc, 'code', name, live);
  doc.transact(() => {
    if (name !== undefined) m.set('name', name);
    if (patch.colour !== undefined) m.set('colour', cleanColour(patch.colour, live));
    if (patch.definition !== undefined) m.set('definition', bounded(patch.definition, LIMITS.definitionChars, 'definition'));
    if (patch.plain !== undefined) m.set('plain', bounded(patch.plain, LIMITS.definitionChars, 'plain-language description'));
  });
}

/** Merges `fromId` into `intoId`: every excerpt of the first now counts for the second. */
export function mergeCodes(doc: Y.Doc, fromId: string, intoId: string): void {
  const from = liveCodeId(doc, fromId);
  const into = liveCodeId(doc, intoId);
  if (from === into) throw new WorkspaceError('same_code', 'A code cannot be merged into itself.');
  entry(doc, 'codes', from)!.set('mergedInto', into);
}

/** One new code made by splitting: its fields and the annotations that move to it. */
export interface SplitPart extends Omit<CodeInput, 'parentId' | 'index'> {
  annotationIds: string[];
}

/** Splits a code: each part becomes a sibling code and takes over the listed annotations. */
export function splitCode(doc: Y.Doc, id: string, parts: SplitPart[], by: string): string[] {
  const s = resolveStructure(doc);
  const live = liveCodeId(doc, id);
  const annotations = doc.getMap(WS.annotations);
  const moves = parts.map((p) =>
    p.annotationIds.map((aid) => {
      const a = annotations.get(aid);
      const codes = a instanceof Y.Map ? (a.get('codes') as unknown) : null;
      const keys = codes instanceof Y.Map ? [...codes.keys()].filter((k) => s.resolveCode(k) === live) : [];
      if (keys.length === 0) throw new WorkspaceError('not_coded', 'An annotation to move is not coded with this code.');
      return { codes: codes as Y.Map<unknown>, keys };
    }),
  );
  // Names are checked before anything is written, so a refused part leaves no half-done split.
  const names = parts.map((p) => cleanName(p.name, LIMITS.nameChars, 'code'));
  names.forEach((n, i) => {
    refuseTakenName(doc, 'code', n);
    if (names.slice(0, i).some((o) => nameKey(o) === nameKey(n))) throw new WorkspaceError('duplicate_code', 'Give each new code its own name.');
  });
  const parentId = s.parentOf.get(live) ?? null;
  const siblings = s.children.get(parentId ?? '') ?? [];
  const ids: string[] = [];
  doc.transact(() => {
    parts.forEach((p, i) => {
      const newId = createCode(doc, { ...p, parentId, index: siblings.indexOf(live) + 1 + i }, by);
      ids.push(newId);
      for (const mv of moves[i]!) {
        const applied = mv.codes.get(mv.keys[0]!) ?? { by, at: nowIso() };
        for (const k of mv.keys) mv.codes.delete(k);
        mv.codes.set(newId, applied);
      }
    });
  });
  return ids;
}

/** Deletes a code, the codes merged into it, and its uses; annotations left with no code go too. */
export function deleteCode(doc: Y.Doc, id: string): void {
  const s = resolveStructure(doc);
  const live = liveCodeId(doc, id);
  const doomed = new Set(entries(doc, 'codes').filter(([cid]) => s.resolveCode(cid) === live).map(([cid]) => cid));
  doc.transact(() => {
    for (const [aid, a] of entries(doc, 'annotations')) {
      const codes = a.get('codes');
      if (!(codes instanceof Y.Map)) continue;
      for (const k of [...codes.keys()]) if (doomed.has(k)) codes.delete(k);
      if (codes.size === 0) doc.getMap(WS.annotations).delete(aid);
    }
    for (const cid of doomed) doc.getMap(WS.codes).delete(cid);
  });
}

/** Every live code (merged ones count as their target), with its number of excerpts and its label. */
export function listCodes(doc: Y.Doc): CodeView[] {
  const s = resolveStructure(doc);
  const counts = new Map<string, number>();
  for (const x of codedExcerpts(doc)) for (const c of x.codeIds) counts.set(c, (counts.get(c) ?? 0) + 1);
  const labels = distinctLabels([...s.codes].map(([id, m]) => ({ id, name: str(m, 'name'), at: str(m, 'at') })));
  return [...s.codes].map(([id, m]) => ({
    id,
    name: str(m, 'name'),
    label: labels.get(id)!,
    colour: str(m, 'colour'),
    definition: str(m, 'definition'),
    plain: str(m, 'plain'),
    parentId: s.parentOf.get(id) ?? null,
    excerptCount: counts.get(id) ?? 0,
    createdBy: str(m, 'createdBy'),
    at: str(m, 'at'),
  }));
}

/** The live code an id stands for (following merges), or a not_found error. */
export function liveCodeId(doc: Y.Doc, id: string): string {
  const live = resolveStructure(doc).resolveCode(id);
  if (live === null) throw new WorkspaceError('not_found', 'No such code.');
  return live;
}
