/**
 * server/themes/commentWrites.ts and resolutionWrites.ts: what an update would do to the synthesis
 * comments and their resolutions, judged before it is applied (as authorGuard.ts does) — what the
 * app's client sends (also offline, and built on an older value) and the shapes a modified client
 * can craft.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as W from '../../shared/workspace';
import { updateWrites } from '../../server/sync/updateWrites';
import { TARGET, ana, ben, comments, resolutions, room } from '../helpers/comment-room';

/** The top-level maps an update writes to, as the server places it. */
const roots = (server: Y.Doc, u: Uint8Array) => [...new Set(updateWrites(server, u).written.map((x) => x.place.root))];

describe('checkCommentWrites', () => {
  it('accepts what the app does: post, reply, edit and withdraw one’s own, resolve and reopen anyone’s', () => {
    const r = room();
    const id = r.post(ana);
    const steps: [typeof ana, (d: Y.Doc) => void][] = [
      [ben, (d) => W.addComment(d, TARGET, 'I think so', ben, { replyTo: id })],
      [ana, (d) => W.editComment(d, id, 'Is this analytical, or descriptive?', ana.id)],
      [ben, (d) => W.setCommentResolved(d, id, true, ben.id)],
      [ana, (d) => W.setCommentResolved(d, id, false, ana.id)],
      [ana, (d) => W.deleteComment(d, id, ana.id)],
      [ben, (d) => W.setCommentResolved(d, id, true, ben.id)], // a withdrawn comment's thread can still be resolved
    ];
    for (const [who, f] of steps) {
      const u = r.change(who, f);
      expect(r.check(who, u)).toBeNull();
      r.accept(u);
    }
    expect(comments(r.server).get(id)).toMatchObject({ text: '', deleted: true, resolved: false, author: ana.id });
    expect(resolutions(r.server).get(id)).toEqual({ resolved: true, by: ben.id, at: expect.any(String) });
    expect(W.isCommentResolved(r.server, id)).toBe(true);
  });

  it('a resolve or reopen by someone else writes only the resolutions map', () => {
    const r = room();
    const id = r.post(ana);
    for (const resolved of [true, false]) {
      const u = r.change(ben, (d) => W.setCommentResolved(d, id, resolved, ben.id));
      expect(roots(r.server, u)).toEqual(['commentResolutions']);
      expect(r.check(ben, u)).toBeNull();
      r.accept(u);
    }
  });

  it('accepts an offline batch: several changes of one comment or resolution, the values in between collected', () => {
    const r = room();
    const id = r.post(ana);
    r.pull(r.client(ben));
    const batch = r.change(ben, (d) => [true, false, true].forEach((x) => W.setCommentResolved(d, id, x, ben.id)), true);
    expect(r.check(ben, batch)).toBeNull();
    const created = r.change(ana, (d) => W.editComment(d, W.addComment(d, TARGET, 'first', ana), 'second', ana.id), true);
    expect(r.check(ana, created)).toBeNull();
    // A comment posted and resolved in the same update.
    expect(r.check(ana, r.change(ana, (d) => W.setCommentResolved(d, W.addComment(d, TARGET, 'third', ana), true, ana.id), true))).toBeNull();
  });

  it('a resolve made while the author edits (offline, on an older entry, or two first ones at once) is accepted and keeps her words', () => {
    const r = room();
    const id = r.post(ana, 'Draft');
    r.pull(r.client(ben));
    r.accept(r.change(ana, (d) => W.editComment(d, id, 'Final words', ana.id)));
    const offline = r.change(ben, (d) => W.setCommentResolved(d, id, true, ben.id), true);
    expect(r.check(ben, offline)).toBeNull();
    r.accept(offline);
    expect(W.thread(r.server, TARGET)[0]).toMatchObject({ text: 'Final words', resolved: true });
    // Ana reopens; Ben, still offline, resolves again on his older entry.
    r.accept(r.change(ana, (d) => W.setCommentResolved(d, id, false, ana.id)));
    expect(r.check(ben, r.change(ben, (d) => W.setCommentResolved(d, id, true, ben.id), true))).toBeNull();
    // Two people resolve a comment nobody resolved yet, neither seeing the other's entry.
    const s = room();
    const other = s.post(ana);
    s.pull(s.client(ben));
    s.accept(s.change(ana, (d) => W.setCommentResolved(d, other, true, ana.id)));
    expect(s.check(ben, s.change(ben, (d) => W.setCommentResolved(d, other, true, ben.id), true))).toBeNull();
  });

  it('accepts the author’s own edit built on an older value of her comment (another of her tabs edited meanwhile)', () => {
    const r = room();
    const id = r.post(ana, 'Draft');
    const tab = r.client(ana);
    r.forget(ana);
    r.accept(r.change(ana, (d) => W.editComment(d, id, 'Edited in another tab', ana.id)));
    W.editComment(tab, id, 'Edited offline', ana.id);
    expect(r.check(ana, Y.encodeStateAsUpdate(tab, Y.encodeStateVector(r.server)))).toBeNull();
  });

  it('refuses any change to someone else’s comment but the legacy resolved, and deleting it', () => {
    const r = room();
    const id = r.post(ana);
    const rewrite = (patch: Record<string, unknown>) => (d: Y.Doc) => comments(d).set(id, { ...comments(d).get(id)!, ...patch });
    const attacks: [string, (d: Y.Doc) => void, RegExp][] = [
      ['text', rewrite({ text: 'Words put in her mouth' }), /someone else's comment \(text\)/],
      ['author', rewrite({ author: ben.id }), /someone else's comment \(author\)/],
      ['name', rewrite({ authorName: 'Ben' }), /someone else's comment \(authorName\)/],
      ['time', rewrite({ at: '2000-01-01T00:00:00.000Z' }), /someone else's comment \(at\)/],
      ['target', rewrite({ target: { kind: 'code', codeId: 'k1' } }), /someone else's comment \(target\)/],
      ['withdrawn', rewrite({ text: '', deleted: true }), /someone else's comment \(text\)/],
      ['edited', rewrite({ editedAt: new Date().toISOString() }), /someone else's comment \(editedAt\)/],
      ['resolvedBy', rewrite({ resolved: true, resolvedBy: ben.id }), /unknown comment field \(resolvedBy\)/],
      ['resolved as a word', rewrite({ resolved: 'yes' }), /value the app never writes \(resolved\)/],
      ['resolve and rewrite', rewrite({ resolved: true, text: 'x' }), /someone else's comment \(text\)/],
      ['resolve and withdraw', rewrite({ resolved: true, deleted: true }), /someone else's comment \(deleted\)/],
      ['delete', (d) => comments(d).delete(id), /deletion of someone else's comment/],
      ['resolve, then delete', (d) => (W.setCommentResolved(d, id, true, ben.id), comments(d).delete(id)), /deletion of someone else's comment/],
      ['a resolve inside the value, then delete', (d) => (rewrite({ resolved: true })(d), comments(d).delete(id)), /deletion of someone else's comment/],
      ['a new value', (d) => comments(d).set(id, { ...comments(d).get(id)!, author: ben.id, authorName: 'Ben', text: 'Mine now' }), /someone else's comment/],
    ];
    for (const [what, attack, why] of attacks) {
      r.forget(ben);
      expect(r.check(ben, r.change(ben, attack)), what).toMatch(why);
    }
  });

  it('refuses changing the fixed fields of one’s own comment', () => {
    const r = room();
    const id = r.post(ana);
    const patches: Record<string, unknown>[] = [{ author: ben.id }, { authorName: 'Someone' }, { at: '2000-01-01T00:00:00.000Z' }, { target: { kind: 'theme', themeId: 't2' } }, { replyTo: 'x1' }, { extra: 1 }, { text: 5 }, { resolved: 'yes' }];
    for (const p of patches) {
      r.forget(ana);
      const u = r.change(ana, (d) => comments(d).set(id, { ...comments(d).get(id)!, ...p }));
      expect(r.check(ana, u), JSON.stringify(p)).toMatch(/fixed field|unknown comment field|value the app never writes/);
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
      ['without resolved', 'c1', (({ resolved: _, ...v }) => v)(base()), /without its resolved/],
      ['a key that is no id', 'not an id!', base(), /key that is not an id/],
      ['an unknown target', 'c1', { ...base(), target: { kind: 'record', recordId: 'r1' } }, /target/],
      ['a bad time', 'c1', { ...base(), at: 'yesterday' }, /time/],
      ['empty', 'c1', { ...base(), text: '  ' }, /empty comment/],
    ];
    for (const [what, key, value, why] of cases) {
      r.forget(ana);
      expect(r.check(ana, r.change(ana, (d) => comments(d).set(key, value))), what).toMatch(why);
    }
    r.forget(ana);
    expect(r.check(ana, r.change(ana, (d) => d.getMap('comments').set('c2', new Y.Map())))).toMatch(/not a plain value/);
  });

  it('refuses a comment written as new over an existing key', () => {
    const r = room();
    const id = r.post(ana);
    // A client that never saw Ana's comment sets the same key: Yjs could let it replace hers.
    const blind = new Y.Doc();
    blind.getMap('comments').set(id, { ...comments(r.server).get(id)!, resolved: true });
    expect(r.check(ben, Y.encodeStateAsUpdate(blind))).toMatch(/written over an existing one/);
  });

  it('allows deleting one’s own comment; checks a stale write’s fixed fields; refuses what it cannot place', () => {
    const r = room();
    const id = r.post(ana);
    expect(r.check(ana, r.change(ana, (d) => comments(d).delete(id)))).toBeNull();
    r.forget(ana);
    // Ana's tab and Ben hold the comment; Ana edits it from another tab.
    const tab = r.client(ana);
    r.pull(tab);
    r.pull(r.client(ben));
    r.forget(ana);
    r.accept(r.change(ana, (d) => W.editComment(d, id, 'Newer', ana.id)));
    const stale = (d: Y.Doc, patch: Record<string, unknown>) => {
      comments(d).set(id, { ...comments(d).get(id)!, ...patch });
      return Y.encodeStateAsUpdate(d, Y.encodeStateVector(r.server));
    };
    expect(r.check(ana, stale(tab, { authorName: 'Ana B.' }))).toMatch(/fixed field \(authorName\)/);
    expect(r.check(ben, stale(r.client(ben), { authorName: 'Ben' }))).toMatch(/someone else's comment/);
    const lone = new Y.Doc();
    lone.getMap('comments').set('zz', 1);
    const sv = Y.encodeStateVector(lone);
    lone.getMap('comments').set('zz', 2); // builds on an item the server never got
    expect(r.check(ana, Y.encodeStateAsUpdate(lone, sv))).toMatch(/gap the server cannot fill|cannot place/);
  });
});

describe('checkResolutionWrites', () => {
  const at = () => new Date().toISOString();

  it('refuses entries the app never writes: in someone else’s name, of another shape, for no comment', () => {
    const r = room();
    const id = r.post(ana);
    const cases: [string, string, unknown, RegExp][] = [
      ['in Ana’s name', id, { resolved: true, by: ana.id, at: at() }, /resolved in someone else's name/],
      ['without by', id, { resolved: true, at: at() }, /other fields than resolved, by and at/],
      ['an extra field', id, { resolved: true, by: ben.id, at: at(), note: 'x' }, /other fields than resolved, by and at/],
      ['resolved as a word', id, { resolved: 'yes', by: ben.id, at: at() }, /neither resolved nor open/],
      ['a time that is no time', id, { resolved: true, by: ben.id, at: 'yesterday' }, /valid time/],
      ['a time as a number', id, { resolved: true, by: ben.id, at: Date.now() }, /valid time/],
      ['not an object', id, true, /not an object/],
      ['no such comment', 'c-nobody-wrote', { resolved: true, by: ben.id, at: at() }, /comment that does not exist/],
    ];
    for (const [what, key, value, why] of cases) {
      r.forget(ben);
      expect(r.check(ben, r.change(ben, (d) => resolutions(d).set(key, value))), what).toMatch(why);
    }
    r.forget(ben);
    expect(r.check(ben, r.change(ben, (d) => resolutions(d).set(id, new Y.Map())))).toMatch(/not a plain value/);
  });

  it('refuses removing an entry, however it is done', () => {
    const r = room();
    const id = r.post(ana);
    r.accept(r.change(ana, (d) => W.setCommentResolved(d, id, true, ana.id)));
    const attacks: [string, (d: Y.Doc) => void][] = [
      ['deleted', (d) => resolutions(d).delete(id)],
      ['reopened, then deleted', (d) => (W.setCommentResolved(d, id, false, ben.id), resolutions(d).delete(id))],
      ['deleted by its own writer', (d) => resolutions(d).delete(id)],
    ];
    for (const [what, attack] of attacks) {
      r.forget(ben);
      r.forget(ana);
      const who = what.includes('own writer') ? ana : ben;
      expect(r.check(who, r.change(who, attack)), what).toMatch(/deletion of a comment resolution/);
    }
    // Two writes on the same entry in one update, one of them deleted: whichever Yjs keeps last may
    // be the deleted one, emptying the key.
    const one = new Y.Doc();
    const two = new Y.Doc();
    for (const d of [one, two]) Y.applyUpdate(d, Y.encodeStateAsUpdate(r.server));
    W.setCommentResolved(one, id, false, ben.id);
    W.setCommentResolved(two, id, false, ben.id);
    resolutions(two).delete(id);
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(one, Y.encodeStateVector(r.server)), Y.encodeStateAsUpdate(two, Y.encodeStateVector(r.server))]);
    expect(r.check(ben, merged)).toMatch(/deletion of a comment resolution/);
  });

  it('accepts resolving a comment its author removed meanwhile (the resolve was made when it was there)', () => {
    const r = room();
    const id = r.post(ana);
    r.pull(r.client(ben));
    r.accept(r.change(ana, (d) => comments(d).delete(id)));
    expect(r.check(ben, r.change(ben, (d) => W.setCommentResolved(d, id, true, ben.id), true))).toBeNull();
  });
});
