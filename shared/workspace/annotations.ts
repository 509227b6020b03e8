/**
 * Annotations: a span of a source's immutable text with one or more codes. Line-by-line coding
 * applies codes to spans; the same span coded twice (even by two people at once) reads as one
 * excerpt carrying every code.
 */
import * as Y from 'yjs';
import { WS, WorkspaceError, type Excerpt } from './schema';
import { entries, entry, nowIso, num, pickId, str } from './util';
import { codeResolver } from './resolve';

/** A span of a source: UTF-16 offsets, end exclusive. */
export interface Span {
  sourceId: string;
  start: number;
  end: number;
}

/** An annotation as the coding view shows it. */
export interface AnnotationView extends Span {
  id: string;
  quote: string;
  /** live code ids (merges followed, deleted codes dropped) */
  codeIds: string[];
  author: string;
  at: string;
}

/** Checks a span against its source and returns the covered text. */
export function checkSpan(doc: Y.Doc, span: Span): string {
  const source = entry(doc, 'sources', span.sourceId);
  if (!source) throw new WorkspaceError('not_found', 'No such source.');
  const text = str(source, 'text');
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new WorkspaceError('bad_span', 'The selection is not inside the source text.');
  }
  return text.slice(start, end);
}

/** Applies a code to a span (adding to the annotation already on that span, if any); returns the annotation id. */
export function applyCode(doc: Y.Doc, span: Span, codeId: string, by: string, opts: { id?: string } = {}): string {
  const quote = checkSpan(doc, span);
  const live = codeResolver(doc)(codeId);
  if (live === null) throw new WorkspaceError('not_found', 'No such code.');
  const existing = entries(doc, 'annotations').find(
    ([, a]) => a.get('sourceId') === span.sourceId && a.get('start') === span.start && a.get('end') === span.end && a.get('codes') instanceof Y.Map,
  );
  const applied = { by, at: nowIso() };
  if (existing) {
    const codes = existing[1].get('codes') as Y.Map<unknown>;
    if (!codes.has(live)) codes.set(live, applied);
    return existing[0];
  }
  const id = pickId(opts.id);
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    doc.getMap(WS.annotations).set(id, m);
    m.set('sourceId', span.sourceId);
    m.set('start', span.start);
    m.set('end', span.end);
    m.set('quote', quote);
    const codes = new Y.Map<unknown>();
    m.set('codes', codes);
    codes.set(live, applied);
    m.set('author', by);
    m.set('at', applied.at);
  });
  return id;
}

/** Takes a code off an annotation (whatever id it was applied under); an annotation left empty is removed. */
export function removeCode(doc: Y.Doc, annotationId: string, codeId: string): void {
  const a = entry(doc, 'annotations', annotationId);
  const codes = a?.get('codes');
  if (!(codes instanceof Y.Map)) throw new WorkspaceError('not_found', 'No such annotation.');
  const resolve = codeResolver(doc);
  const live = resolve(codeId);
  doc.transact(() => {
    for (const k of [...codes.keys()]) if (k === codeId || (live !== null && resolve(k) === live)) codes.delete(k);
    if (codes.size === 0) doc.getMap(WS.annotations).delete(annotationId);
  });
}

/** Removes an annotation with all its codes. */
export function deleteAnnotation(doc: Y.Doc, id: string): void {
  doc.getMap(WS.annotations).delete(id);
}

/** The annotations of one source, in reading order (for highlighting it). */
export function annotationsOf(doc: Y.Doc, sourceId: string): AnnotationView[] {
  const resolve = codeResolver(doc);
  // Never read a stand-in Y.Map for a source not (yet) in the document: reading a type outside
  // any document makes Yjs warn on the console (the coding page asks before the first sync).
  const source = entry(doc, 'sources', sourceId);
  const textLength = source ? str(source, 'text').length : 0;
  const out: AnnotationView[] = [];
  for (const [id, a] of entries(doc, 'annotations')) {
    if (a.get('sourceId') !== sourceId) continue;
    const span = spanOf(a, textLength);
    if (!span) continue;
    out.push({ id, sourceId, ...span, quote: str(a, 'quote'), codeIds: liveCodes(a, resolve), author: str(a, 'author'), at: str(a, 'at') });
  }
  return out.filter((a) => a.codeIds.length > 0).sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
}

/** Every coded excerpt: annotations on the same span merged, only live codes, in source order. */
export function codedExcerpts(doc: Y.Doc): Excerpt[] {
  const resolve = codeResolver(doc);
  const sources = new Map(entries(doc, 'sources'));
  const bySpan = new Map<string, Excerpt>();
  for (const [id, a] of entries(doc, 'annotations')) {
    const sourceId = str(a, 'sourceId');
    const source = sources.get(sourceId);
    if (!source) continue;
    const text = str(source, 'text');
    const span = spanOf(a, text.length);
    const codeIds = liveCodes(a, resolve);
    if (!span || codeIds.length === 0) continue;
    const key = `${sourceId}\u0000${span.start}\u0000${span.end}`;
    let x = bySpan.get(key);
    if (!x) {
      x = {
        sourceId,
        recordId: str(source, 'recordId'),
        ...span,
        text: text.slice(span.start, span.end),
        codeIds: [],
        annotationIds: [],
        authors: [],
        sensitive: source.get('sensitive') === true,
      };
      bySpan.set(key, x);
    }
    x.annotationIds.push(id);
    for (const c of codeIds) if (!x.codeIds.includes(c)) x.codeIds.push(c);
    const author = str(a, 'author');
    if (author && !x.authors.includes(author)) x.authors.push(author);
  }
  for (const x of bySpan.values()) x.codeIds.sort();
  return [...bySpan.values()].sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.start - b.start || a.end - b.end));
}

/** The excerpts carrying a code (merges followed). */
export function excerptsForCode(doc: Y.Doc, codeId: string): Excerpt[] {
  const live = codeResolver(doc)(codeId);
  return live === null ? [] : codedExcerpts(doc).filter((x) => x.codeIds.includes(live));
}

function spanOf(a: Y.Map<unknown>, textLength: number): { start: number; end: number } | null {
  const start = num(a, 'start', -1);
  const end = num(a, 'end', -1);
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= textLength ? { start, end } : null;
}

function liveCodes(a: Y.Map<unknown>, resolve: (id: string) => string | null): string[] {
  const codes = a.get('codes');
  if (!(codes instanceof Y.Map)) return [];
  const out = new Set<string>();
  for (const k of codes.keys()) {
    const live = resolve(k);
    if (live !== null) out.add(live);
  }
  return [...out].sort();
}
