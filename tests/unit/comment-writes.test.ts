/**
 * server/themes/commentWrites.ts: what an update would do to the synthesis comments, judged before
 * it is applied — what the app's client sends (also offline, and built on an older value) and the
 * shapes a modified client can craft.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as W from '../../shared/workspace';
import { updateWrites } from '../../server/sync/updateWrites';
import { checkCommentWrites, type CommentWriter } from '../../server/themes/commentWrites';

const ana = { id: 'u-ana', name: 'Ana' };
const ben = { id: 'u-ben', name: 'Ben' };
const as = (who: typeof ana): CommentWriter => ({ userId: who.id, displayName: () => who.name });
const TARGET: W.CommentTarget = { kind: 'theme', themeId: 't1' };
const comments = (d: Y.Doc) => d.getMap<Record<string, unknown>>('comments');

/** The server's copy and one client per person, each starting in sync; `change` returns a client's update. */
function room() {
  const server = new Y.Doc();
  const docs = new Map<string, Y.Doc>();
  const client = (who: typeof ana) => docs.get(who.id) ?? (docs.set(who.id, new Y.Doc()), docs.get(who.id)!);
  const pull = (d: Y.Doc) => Y.applyUpdate(d, Y.encodeStateAsUpdate(server, Y.encodeStateVector(d)));
  /** The update `who` sends for `f`; `offline` skips catching up with the server first. */
  const change = (who: typeof ana, f: (d: Y.Doc) => void, offline = false) => {
    const d = client(who);
    if (!offline) pull(d);
    f(d);
    return Y.encodeStateAsUpdate(d, Y.encodeStateVector(server));
  };
  const check = (who: typeof ana, u: Uint8Array) => checkCommentWrites(server, updateWrites(server, u), as(who));
  const accept = (u: Uint8Array) => Y.applyUpdate(server, u);
  const post = (who: typeof ana, text = 'Is this analytical?') => {
    let id = '';
    accept(change(who, (d) => (id = W.addComment(d, TARGET, text, who))));
    return id;
  };
  /** A fresh client for `who` (a refused change stays in the old one, as in a real client). */
  const forget = (who: typeof ana) => void docs.delete(who.id);
  return { server, client, pull, change, check, accept, post, forget };
}

describe('checkCommentWrites', () => {
  it('accepts what the app does: post, reply, edit and withdraw one’s own, resolve and reopen anyone’s', () => {
    const r = room();
    const id = r.post(ana);
    const steps: [typeof ana, (d: Y.Doc) => void][] = [
      [ben, (d) => W.addComment(d, TARGET, 'I think so', ben, { replyTo: id })],
      [ana, (d) => W.editComment(d, id, 'Is this analytical, or descriptive?', ana.id)],
      [ben, (d) => W.setCommentResolved(d, id, true)],
      [ana, (d) => W.setCommentResolved(d, id, false)],
      [ana, (d) => W.deleteComment(d, id, ana.id)],
      [ben, (d) => W.setCommentResolved(d, id, true)], // a withdrawn comment's thread can still be resolved
    ];
    for (const [who, f] of steps) {
      const u = r.change(who, f);
      expect(r.check(who, u)).toEqual({ refusal: null, repairs: [] });
      r.accept(u);
    }
    expect(comments(r.server).get(id)).toMatchObject({ text: '', deleted: true, resolved: true, author: ana.id });
  });

  it('accepts an offline batch: several changes of one comment, the values in between collected', () => {
    const r = room();
    const id = r.post(ana);
    r.pull(r.client(ben));
    const batch = r.change(ben, (d) => [true, false, true].forEach((x) => W.setCommentResolved(d, id, x)), true);
    expect(r.check(ben, batch)).toEqual({ refusal: null, repairs: [] });
    const created = r.change(ana, (d) => W.editComment(d, W.addComment(d, TARGET, 'first', ana), 'second', ana.id), true);
    expect(r.check(ana, created).refusal).toBeNull();
  });

  it('accepts a resolve built on an older value, and asks to put the author’s newer words back', () => {
    const r = room();
    const id = r.post(ana, 'Draft');
    r.pull(r.client(ben));
    r.accept(r.change(ana, (d) => W.editComment(d, id, 'Final words', ana.id)));
    const stale = r.change(ben, (d) => W.setCommentResolved(d, id, true), true);
    const v = r.check(ben, stale);
    expect(v.refusal).toBeNull();
    expect(v.repairs).toEqual([{ key: id, items: expect.any(Array), restore: { text: 'Final words', editedAt: expect.any(String), deleted: false } }]);
    // The author's own write on an older value is hers: nothing to put back.
    const s = room();
    const mine = s.post(ana, 'Draft');
    s.pull(s.client(ana));
    s.accept(s.change(ben, (d) => W.setCommentResolved(d, mine, true)));
    expect(s.check(ana, s.change(ana, (d) => W.editComment(d, mine, 'Edited offline', ana.id), true))).toEqual({ refusal: null, repairs: [] });
  });

  it('refuses rewriting or deleting someone else’s comment', () => {
    const r = room();
    const id = r.post(ana);
    const rewrite = (patch: Record<string, unknown>) => (d: Y.Doc) => comments(d).set(id, { ...comments(d).get(id)!, ...patch });
    const attacks: [string, (d: Y.Doc) => void, RegExp][] = [
      ['text', rewrite({ text: 'Words put in her mouth' }), /someone else's comment \(text\)/],
      ['author', rewrite({ author: ben.id }), /someone else's comment \(author\)/],
      ['name', rewrite({ authorName: 'Ben' }), /someone else's comment \(authorName\)/],
      ['time', rewrite({ at: '2000-01-01T00:00:00.000Z' }), /someone else's comment \(at\)/],
      ['target', rewrite({ target: { kind: 'code', codeId: 'k1' } }), /someone else's comment \(target\)/],
      ['withdrawn', rewrite({ text: '', deleted: true }), /someone else's comment/],
      ['resolvedBy', rewrite({ resolved: true, resolvedBy: ben.id }), /unknown comment field \(resolvedBy\)/],
      ['resolve and rewrite', rewrite({ resolved: true, text: 'x' }), /someone else's comment \(text\)/],
      ['delete', (d) => comments(d).delete(id), /deletion of someone else's comment/],
      ['resolve, then delete', (d) => (W.setCommentResolved(d, id, true), comments(d).delete(id)), /deletion of someone else's comment/],
      ['a new value', (d) => comments(d).set(id, { ...comments(d).get(id)!, author: ben.id, authorName: 'Ben', text: 'Mine now' }), /someone else's comment/],
    ];
    for (const [what, attack, why] of attacks) {
      r.forget(ben);
      expect(r.check(ben, r.change(ben, attack)).refusal, what).toMatch(why);
    }
  });

  it('refuses changing the fixed fields of one’s own comment', () => {
    const r = room();
    const id = r.post(ana);
    const patches: Record<string, unknown>[] = [{ author: ben.id }, { authorName: 'Someone' }, { at: '2000-01-01T00:00:00.000Z' }, { target: { kind: 'theme', themeId: 't2' } }, { replyTo: 'x1' }, { extra: 1 }, { text: 5 }, { resolved: 'yes' }];
    for (const p of patches) {
      r.forget(ana);
      const u = r.change(ana, (d) => comments(d).set(id, { ...comments(d).get(id)!, ...p }));
      expect(r.check(ana, u).refusal, JSON.stringify(p)).toMatch(/fixed field|unknown comment field|value the app never writes/);
    }
  });

  it('refuses new comments the app never writes', () => {
    const r = room();
    const base = () => ({ target: TARGET, text: 'Hi', author: ana.id, authorName: 'Ana', at: new Date().toISOString(), replyTo: null, resolved: false, editedAt: null, deleted: false });
    const cases: [string, string, Record<string, unknown>, RegExp][] = [
      ['in Ben’s name', 'c1', { ...base(), author: ben.id }, /someone else's name/],
      ['signed Ben', 'c1', { ...base(), authorName: 'Ben' }, /name that is not the writer's/],
      ['an id field', 'c1', { ...base(), id: 'other' }, /unknown comment field \(id\)/],
      ['without replyTo', 'c1', (({ replyTo: _, ...v }) => v)(base()), /without its replyTo/],
      ['a key that is no id', 'not an id!', base(), /key that is not an id/],
      ['an unknown target', 'c1', { ...base(), target: { kind: 'record', recordId: 'r1' } }, /target/],
      ['a bad time', 'c1', { ...base(), at: 'yesterday' }, /time/],
      ['empty', 'c1', { ...base(), text: '  ' }, /empty comment/],
    ];
    for (const [what, key, value, why] of cases) {
      r.forget(ana);
      expect(r.check(ana, r.change(ana, (d) => comments(d).set(key, value))).refusal, what).toMatch(why);
    }
    r.forget(ana);
    expect(r.check(ana, r.change(ana, (d) => d.getMap('comments').set('c2', new Y.Map()))).refusal).toMatch(/not a plain value/);
  });

  it('refuses a comment written as new over an existing key, and a new value that could lose to a deletion', () => {
    const r = room();
    const id = r.post(ana);
    // A client that never saw Ana's comment sets the same key: Yjs could let it replace hers.
    const blind = new Y.Doc();
    blind.getMap('comments').set(id, { ...comments(r.server).get(id)!, resolved: true });
    expect(r.check(ben, Y.encodeStateAsUpdate(blind)).refusal).toMatch(/written over an existing one/);
    // Two writes on the same value in one update (a resolve, and a sibling deleted): whichever Yjs
    // keeps last may be the deleted one, emptying the key.
    const one = new Y.Doc();
    const two = new Y.Doc();
    for (const d of [one, two]) Y.applyUpdate(d, Y.encodeStateAsUpdate(r.server));
    W.setCommentResolved(one, id, true);
    W.setCommentResolved(two, id, true);
    two.getMap('comments').delete(id);
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(one, Y.encodeStateVector(r.server)), Y.encodeStateAsUpdate(two, Y.encodeStateVector(r.server))]);
    expect(r.check(ben, merged).refusal).toMatch(/deletion of someone else's comment/);
  });

  it('allows deleting one’s own comment; checks a stale write’s fixed fields; refuses what it cannot place', () => {
    const r = room();
    const id = r.post(ana);
    expect(r.check(ana, r.change(ana, (d) => comments(d).delete(id))).refusal).toBeNull();
    r.forget(ana);
    r.pull(r.client(ben));
    r.accept(r.change(ana, (d) => W.editComment(d, id, 'Newer', ana.id)));
    const forged = r.change(ben, (d) => comments(d).set(id, { ...comments(d).get(id)!, authorName: 'Ben' }), true);
    expect(r.check(ben, forged).refusal).toMatch(/someone else's comment \(authorName\)/);
    r.forget(ben);
    r.pull(r.client(ben));
    r.accept(r.change(ana, (d) => W.editComment(d, id, 'Newest', ana.id)));
    // Forged words on an older value: accepted only with the author's words put back afterwards.
    const words = r.check(ben, r.change(ben, (d) => comments(d).set(id, { ...comments(d).get(id)!, text: 'Forged' }), true));
    expect(words.refusal).toBeNull();
    expect(words.repairs.map((x) => x.restore.text)).toEqual(['Newest']);
    const lone = new Y.Doc();
    lone.getMap('comments').set('zz', 1);
    const sv = Y.encodeStateVector(lone);
    lone.getMap('comments').set('zz', 2); // builds on an item the server never got
    expect(r.check(ana, Y.encodeStateAsUpdate(lone, sv)).refusal).toMatch(/gap the server cannot fill|cannot place/);
  });
});
