/**
 * Resolving a synthesis comment is stored beside it (`Y.Map('commentResolutions')`), not inside
 * its value: a resolve and the author's edit made at once both survive, on every replica.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as W from '../../shared/workspace';

const ana = { id: 'u-ana', name: 'Ana' };
const ben = { id: 'u-ben', name: 'Ben' };
const TARGET: W.CommentTarget = { kind: 'theme', themeId: 't1' };
const view = (d: Y.Doc, id: string) => W.thread(d, TARGET).find((c) => c.id === id);

describe('comment resolutions', () => {
  it('resolving or reopening someone else’s comment writes only the resolutions map', () => {
    const doc = new Y.Doc();
    const id = W.addComment(doc, TARGET, 'Is this analytical?', ana);
    const item = doc.getMap('comments')._map.get(id);
    const value = JSON.stringify(doc.getMap('comments').toJSON());
    W.setCommentResolved(doc, id, true, ben.id);
    expect(doc.getMap('commentResolutions').get(id)).toEqual({ resolved: true, by: ben.id, at: expect.any(String) });
    expect(view(doc, id)?.resolved).toBe(true);
    W.setCommentResolved(doc, id, false, ben.id);
    expect(view(doc, id)?.resolved).toBe(false);
    // The comment's value is the very item Ana wrote, untouched.
    expect(doc.getMap('comments')._map.get(id)).toBe(item);
    expect(JSON.stringify(doc.getMap('comments').toJSON())).toBe(value);
    expect(() => W.setCommentResolved(doc, 'nobody', true, ben.id)).toThrow(W.WorkspaceError);
  });

  it('reads the resolutions map first, else the resolved field of a value from before it existed', () => {
    const doc = new Y.Doc();
    const base = { target: TARGET, text: 'Old words', author: ana.id, authorName: ana.name, at: '2026-01-01T00:00:00.000Z', replyTo: null, editedAt: null, deleted: false };
    // As documents from before hold them: resolved inside the value.
    doc.getMap('comments').set('old-resolved', { ...base, resolved: true });
    doc.getMap('comments').set('old-open', { ...base, resolved: false });
    expect(W.isCommentResolved(doc, 'old-resolved')).toBe(true);
    expect(W.isCommentResolved(doc, 'old-open')).toBe(false);
    expect(W.thread(doc, TARGET).map((c) => [c.id, c.resolved])).toEqual([['old-open', false], ['old-resolved', true]]);
    // An entry in the map decides, either way.
    W.setCommentResolved(doc, 'old-resolved', false, ben.id);
    W.setCommentResolved(doc, 'old-open', true, ben.id);
    expect(W.thread(doc, TARGET).map((c) => [c.id, c.resolved])).toEqual([['old-open', true], ['old-resolved', false]]);
    // An entry the app never writes is ignored (reads never trust the document's shape).
    doc.getMap('commentResolutions').set('old-resolved', { resolved: 'no' });
    expect(W.isCommentResolved(doc, 'old-resolved')).toBe(true);
    expect(W.isCommentResolved(doc, 'nobody')).toBe(false);
  });

  it('an edit by the author and a resolve by another member made at once both survive, whatever the order', () => {
    // Both client-id orders: on a whole value, Yjs would keep the higher client's write.
    for (const [anaClient, benClient] of [[10, 20], [20, 10]] as const) {
      const a = new Y.Doc();
      a.clientID = anaClient;
      const b = new Y.Doc();
      b.clientID = benClient;
      const id = W.addComment(a, TARGET, 'Draft words', ana);
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      const start = Y.encodeStateAsUpdate(a);
      const before = Y.encodeStateVector(a);
      W.editComment(a, id, 'Final words', ana.id);
      W.setCommentResolved(b, id, true, ben.id);
      const edit = Y.encodeStateAsUpdate(a, before);
      const resolve = Y.encodeStateAsUpdate(b, before);
      // Two more replicas (a server, a third member) receive the two updates in opposite orders.
      const first = new Y.Doc();
      const second = new Y.Doc();
      for (const d of [first, second]) Y.applyUpdate(d, start);
      Y.applyUpdate(first, edit);
      Y.applyUpdate(first, resolve);
      Y.applyUpdate(second, resolve);
      Y.applyUpdate(second, edit);
      Y.applyUpdate(a, resolve);
      Y.applyUpdate(b, edit);
      for (const [name, d] of Object.entries({ a, b, first, second })) {
        expect(view(d, id), `${name} (clients ${anaClient}/${benClient})`).toMatchObject({ text: 'Final words', resolved: true });
      }
    }
  });
});
