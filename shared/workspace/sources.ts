/**
 * Sources: the findings text of each included study, added once and never edited, so that
 * annotations can point into it with plain offsets (see README.md, "Anchoring").
 */
import * as Y from 'yjs';
import { LIMITS, WS, WorkspaceError, type SourceView } from './schema';
import { bounded, cleanName, entries, entry, nowIso, pickId, str } from './util';

/** What a client passes to addSource. */
export interface SourceInput {
  id?: string;
  recordId: string;
  title: string;
  text: string;
  sensitive?: boolean;
  contentNote?: string;
}

/** Line endings normalised to \n and a BOM dropped, so offsets mean the same everywhere. */
export function normaliseSourceText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Adds a study's findings text; returns the source id. The text is immutable from now on. */
export function addSource(doc: Y.Doc, input: SourceInput, by: string): string {
  const id = pickId(input.id);
  const text = normaliseSourceText(input.text);
  if (!text.trim()) throw new WorkspaceError('empty_text', 'The source has no text to synthesise.');
  if (text.length > LIMITS.sourceChars) {
    throw new WorkspaceError('too_long', `A source has at most ${LIMITS.sourceChars.toLocaleString('en')} characters; split it.`);
  }
  if (!input.recordId) throw new WorkspaceError('no_record', 'A source belongs to an included study (its record id).');
  const title = cleanName(input.title, LIMITS.titleChars, 'source');
  const contentNote = bounded(input.contentNote ?? '', LIMITS.contentNoteChars, 'content note');
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    doc.getMap(WS.sources).set(id, m);
    m.set('recordId', input.recordId);
    m.set('title', title);
    m.set('text', text);
    m.set('sensitive', input.sensitive === true);
    m.set('contentNote', contentNote);
    m.set('addedBy', by);
    m.set('at', nowIso());
  });
  return id;
}

/** Changes a source's title or its sensitivity flag and content note (never its text). */
export function updateSource(doc: Y.Doc, id: string, patch: { title?: string; sensitive?: boolean; contentNote?: string }): void {
  const m = entry(doc, 'sources', id);
  if (!m) throw new WorkspaceError('not_found', 'No such source.');
  doc.transact(() => {
    if (patch.title !== undefined) m.set('title', cleanName(patch.title, LIMITS.titleChars, 'source'));
    if (patch.sensitive !== undefined) m.set('sensitive', patch.sensitive);
    if (patch.contentNote !== undefined) m.set('contentNote', bounded(patch.contentNote, LIMITS.contentNoteChars, 'content note'));
  });
}

/** Removes a source that nobody has coded yet (coded sources stay: their excerpts are evidence). */
export function removeSource(doc: Y.Doc, id: string): void {
  for (const [, a] of entries(doc, 'annotations')) {
    if (a.get('sourceId') === id) throw new WorkspaceError('coded', 'This source has coded excerpts; remove them first.');
  }
  doc.getMap(WS.sources).delete(id);
}

/** One source, or null. */
export function getSource(doc: Y.Doc, id: string): SourceView | null {
  const m = entry(doc, 'sources', id);
  return m ? view(id, m) : null;
}

/** Every source, by title. */
export function listSources(doc: Y.Doc): SourceView[] {
  return entries(doc, 'sources')
    .map(([id, m]) => view(id, m))
    .sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
}

function view(id: string, m: Y.Map<unknown>): SourceView {
  return {
    id,
    recordId: str(m, 'recordId'),
    title: str(m, 'title'),
    text: str(m, 'text'),
    sensitive: m.get('sensitive') === true,
    contentNote: str(m, 'contentNote'),
    addedBy: str(m, 'addedBy'),
    at: str(m, 'at'),
  };
}
