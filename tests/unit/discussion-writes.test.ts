/**
 * server/conflicts/discussionWrites.ts: what an update would do to the discussions, read before it
 * is applied — including the shapes a modified client can craft that the app's client never sends
 * (fields before their comment, gaps, references to what the server lacks, overwrites by neighbour).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, commentsMap, editOwnComment, legacyThreadsMap } from '../../shared/discussions';
import { discussionWrites, discussionWritesOnce } from '../../server/conflicts/discussionWrites';

const ana = { id: 'u-ana', name: 'Ana' };
const ben = { id: 'u-ben', name: 'Ben' };
const KEY = 'ta:rec-1';

/** A server copy and a client that starts in sync with it; `change` returns the client's update. */
function pair() {
  const server = new Y.Doc();
  const client = new Y.Doc();
  const sync = () => Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
  const change = (f: (d: Y.Doc) => void) => {
    sync();
    const sv = Y.encodeStateVector(client);
    f(client);
    return Y.encodeStateAsUpdate(client, sv);
  };
  const accept = (u: Uint8Array) => Y.applyUpdate(server, u);
  return { server, client, change, accept };
}

describe('discussionWrites', () => {
  it('reads a new comment with its fields, and an edit with its comment’s author', () => {
    const p = pair();
    let id = '';
    const post = p.change((d) => (id = addComment(d, KEY, ana, 'Hello @Ben', [{ userId: 'u-ben', name: 'Ben' }]).id));
    const w = discussionWrites(p.server, post);
    expect(w.problems).toEqual([]);
    expect(w.newComments).toHaveLength(1);
    expect(w.newComments[0]).toMatchObject({ layout: 'flat', key: id });
    expect(Object.fromEntries([...w.newComments[0]!.fields].map(([k, v]) => [k, v]))).toMatchObject({
      threadKey: [KEY], id: [id], authorId: ['u-ana'], authorName: ['Ana'], text: ['Hello @Ben'], mentions: [['u-ben']],
    });
    p.accept(post);
    const edit = p.change((d) => editOwnComment(d, KEY, id, 'u-ana', 'Hello again'));
    const e = discussionWrites(p.server, edit);
    expect(e.problems).toEqual([]);
    expect(e.newComments).toEqual([]);
    expect(e.edits.map((x) => x.field).sort()).toEqual(['editedAt', 'mentions', 'text']);
    expect(e.edits.every((x) => x.author === 'u-ana')).toBe(true);
    expect(e.deletes.every((x) => x.author === 'u-ana')).toBe(true); // the overwritten values
  });

  it('sees a comment key written over by neighbour reference, and deletions with their author', () => {
    const p = pair();
    let id = '';
    p.accept(p.change((d) => (id = addComment(d, KEY, ana, 'Mine').id)));
    expect(discussionWrites(p.server, p.change((d) => commentsMap(d).set(id, new Y.Map()))).problems).toEqual([
      `a discussion entry written over an existing one (${id})`,
    ]);
    const q = pair();
    q.accept(q.change((d) => (id = addComment(d, KEY, ana, 'Mine').id)));
    const del = discussionWrites(q.server, q.change((d) => commentsMap(d).delete(id)));
    expect(del.problems).toEqual([]);
    expect(new Set(del.deletes.map((x) => x.author))).toEqual(new Set(['u-ana']));
  });

  it('collects a field written by another client id before its comment in one merged update', () => {
    const server = new Y.Doc();
    const one = new Y.Doc();
    one.clientID = 100;
    const two = new Y.Doc();
    two.clientID = 900; // higher id: its structs come first in an encoded update
    const c = addComment(one, KEY, ben, 'Mine');
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    (commentsMap(two).get(c.id) as Y.Map<unknown>).set('authorId', 'u-ana');
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(two), Y.encodeStateAsUpdate(one)]);
    const w = discussionWrites(server, merged);
    expect(w.problems).toEqual([]);
    expect(Y.decodeUpdate(merged).structs[0]!.id.client).toBe(900);
    expect(w.newComments[0]!.fields.get('authorId')).toContain('u-ana');
  });

  it('reports gaps, references to what the server lacks, and deletions of unknown ids', () => {
    const p = pair();
    const updates: Uint8Array[] = [];
    p.client.on('update', (u: Uint8Array) => updates.push(u));
    const c = addComment(p.client, KEY, ben, 'Mine');
    commentsMap(p.client).get(c.id)!.set('authorId', 'u-ana');
    // The second update alone: its author change refers to the first one's items.
    expect(discussionWrites(p.server, updates[1]!).problems.length).toBeGreaterThan(0);
    // Another client's update that builds on items the server never got.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(p.client));
    const sv = Y.encodeStateVector(other);
    (commentsMap(other).get(c.id) as Y.Map<unknown>).set('text', 'changed');
    expect(discussionWrites(p.server, Y.encodeStateAsUpdate(other, sv)).problems).toContain(`an item the server cannot place (${other.clientID}:0)`);
    // A deletion aimed at ids the server has not seen (it would strike whatever later takes them).
    const elsewhere = new Y.Doc();
    elsewhere.getArray('x').insert(0, [1, 2, 3]);
    elsewhere.getArray('x').delete(0, 3);
    const onlyDeletes = Y.encodeStateAsUpdate(elsewhere, Y.encodeStateVector(elsewhere));
    expect(discussionWrites(p.server, onlyDeletes).problems).toEqual(['a deletion of something the server does not have']);
  });

  it('reads old-layout threads: a comment pushed in, a thread started, a thread deleted', () => {
    const p = pair();
    const entry = (who: typeof ana) => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: `c-${who.id}`, authorId: who.id, authorName: who.name, text: 't', mentions: [], at: '2025-01-01' })) m.set(k, v);
      return m;
    };
    const start = p.change((d) => {
      const t = new Y.Array<Y.Map<unknown>>();
      legacyThreadsMap(d).set(KEY, t);
      t.push([entry(ana)]);
    });
    const s = discussionWrites(p.server, start);
    expect(s.startedThreads).toEqual([KEY]);
    expect(s.newComments.map((c) => [c.layout, c.key, c.fields.get('authorId')])).toEqual([['legacy', KEY, ['u-ana']]]);
    p.accept(start);
    const push = discussionWrites(p.server, p.change((d) => (legacyThreadsMap(d).get(KEY) as Y.Array<Y.Map<unknown>>).push([entry(ben)])));
    expect(push.newComments.map((c) => [c.layout, c.fields.get('authorId')])).toEqual([['legacy', ['u-ben']]]);
    const gone = discussionWrites(p.server, p.change((d) => legacyThreadsMap(d).delete(KEY)));
    expect(gone.deletes.map((x) => x.author)).toContain('u-ana');
  });

  it('is worked out once per update while the document stays the same', () => {
    const p = pair();
    const post = p.change((d) => addComment(d, KEY, ana, 'Once'));
    const first = discussionWritesOnce(p.server, post);
    expect(discussionWritesOnce(p.server, post)).toBe(first);
    p.server.getMap('elsewhere').set('x', 1); // any change to the document makes it stale
    expect(discussionWritesOnce(p.server, post)).not.toBe(first);
    expect(discussionWritesOnce(p.server, post)).toEqual(first);
  });

  it('leaves everything else alone', () => {
    const p = pair();
    const w = discussionWrites(p.server, p.change((d) => d.getMap('themes').set('t1', new Y.Map())));
    expect(w).toEqual({ problems: [], newComments: [], startedThreads: [], edits: [], deletes: [] });
  });
});
