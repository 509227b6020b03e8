/**
 * The transition for tabs still running the client from before `commentResolutions`: they resolve
 * someone else's comment by rewriting its value with `resolved` flipped. The guard lets exactly that
 * through (commentWrites.ts), and the server then puts the author's newer words back when the tab
 * built on an older value, and records the resolve where today's clients read it (legacyResolves.ts).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as W from '../../shared/workspace';
import { finishLegacyResolves } from '../../server/themes/legacyResolves';
import { TARGET, ana, ben, comments, resolutions, room } from '../helpers/comment-room';

/** What an old tab writes to resolve or reopen: the value it holds, `resolved` flipped (plus `extra`, for forgeries). */
const legacySet = (id: string, resolved: boolean, extra: Record<string, unknown> = {}) => (d: Y.Doc) =>
  comments(d).set(id, { ...comments(d).get(id)!, resolved, ...extra });

describe('legacy resolves (clients from before commentResolutions)', () => {
  it('accepts an old tab’s resolve of someone else’s comment on its current value, and records it as the writer’s', () => {
    const r = room();
    const id = r.post(ana, 'Draft');
    const v = r.serve(ben, r.change(ben, legacySet(id, true)));
    expect(v.refusal).toBeNull();
    expect(v.legacyResolves).toEqual([{ key: id, items: expect.any(Array), restore: null, mirror: { resolved: true, by: ben.id } }]);
    expect(resolutions(r.server).get(id)).toEqual({ resolved: true, by: ben.id, at: expect.any(String) });
    expect(comments(r.server).get(id)).toMatchObject({ text: 'Draft', author: ana.id, resolved: true });
    expect(W.isCommentResolved(r.server, id)).toBe(true);
    // Reopened the same way: recorded too, and today's client reading the map agrees.
    expect(r.serve(ben, r.change(ben, legacySet(id, false))).refusal).toBeNull();
    expect(resolutions(r.server).get(id)).toMatchObject({ resolved: false, by: ben.id });
    expect(W.thread(r.server, TARGET)[0]).toMatchObject({ text: 'Draft', resolved: false });
    // An offline batch (resolve, reopen, resolve: the values in between collected) ends resolved.
    r.pull(r.client(ben));
    const batch = r.change(ben, (d) => [true, false, true].forEach((x) => legacySet(id, x)(d)), true);
    expect(r.serve(ben, batch).refusal).toBeNull();
    expect(resolutions(r.server).get(id)).toMatchObject({ resolved: true, by: ben.id });
  });

  it('accepts one built on an older value: the author’s newer words come back, the resolve is recorded', () => {
    // Yjs keeps, of two values written on the same older one, the higher client's: both orders.
    for (const benClient of [2 ** 32 - 2, 1]) {
      const r = room();
      const id = r.post(ana, 'Draft');
      r.client(ben).clientID = benClient;
      r.pull(r.client(ben));
      r.accept(r.change(ana, (d) => W.editComment(d, id, 'Final words', ana.id)));
      const edited = comments(r.server).get(id)!;
      const v = r.serve(ben, r.change(ben, legacySet(id, true), true));
      expect(v.refusal, `client ${benClient}`).toBeNull();
      expect(v.legacyResolves[0]).toMatchObject({ restore: { text: 'Final words', editedAt: edited.editedAt, deleted: false }, mirror: { resolved: true, by: ben.id } });
      expect(comments(r.server).get(id)).toMatchObject({ text: 'Final words', editedAt: edited.editedAt, author: ana.id });
      expect(resolutions(r.server).get(id)).toEqual({ resolved: true, by: ben.id, at: expect.any(String) });
      expect(W.thread(r.server, TARGET)[0]).toMatchObject({ text: 'Final words', resolved: true });
    }
  });

  it('puts the author’s words back over a forged copy on an older value, recording nothing when resolved stays', () => {
    const r = room();
    const id = r.post(ana, 'Draft');
    r.client(ben).clientID = 2 ** 32 - 2;
    r.pull(r.client(ben));
    r.accept(r.change(ana, (d) => W.editComment(d, id, 'Newest', ana.id)));
    const v = r.serve(ben, r.change(ben, legacySet(id, false, { text: 'Forged' }), true));
    expect(v.refusal).toBeNull();
    expect(v.legacyResolves).toEqual([{ key: id, items: expect.any(Array), restore: expect.objectContaining({ text: 'Newest' }), mirror: null }]);
    expect(comments(r.server).get(id)).toMatchObject({ text: 'Newest', resolved: false });
    expect(resolutions(r.server).has(id)).toBe(false);
  });

  it('refuses an old-style write that changes more than resolved on the current value, or a fixed field on an older one', () => {
    const r = room();
    const id = r.post(ana, 'Draft');
    const live: [string, Record<string, unknown>, RegExp][] = [
      ['text', { text: 'Resolved, and reworded' }, /someone else's comment \(text\)/],
      ['withdrawn', { deleted: true }, /someone else's comment \(deleted\)/],
      ['edited', { editedAt: new Date().toISOString() }, /someone else's comment \(editedAt\)/],
      ['signed', { resolvedBy: ben.id }, /unknown comment field \(resolvedBy\)/],
    ];
    for (const [what, extra, why] of live) {
      r.forget(ben);
      expect(r.check(ben, r.change(ben, legacySet(id, true, extra))), what).toMatch(why);
    }
    r.forget(ben);
    r.pull(r.client(ben));
    r.accept(r.change(ana, (d) => W.editComment(d, id, 'Final words', ana.id)));
    expect(r.check(ben, r.change(ben, legacySet(id, true, { authorName: 'Ben' }), true))).toMatch(/someone else's comment \(authorName\)/);
    expect(resolutions(r.server).size).toBe(0);
  });

  it('records nothing when the write leaves the comment’s state as it was', () => {
    const r = room();
    const id = r.post(ana, 'Draft');
    // An unchanged copy of the current value.
    let v = r.serve(ben, r.change(ben, legacySet(id, false)));
    expect([v.refusal, v.legacyResolves]).toEqual([null, []]);
    expect(resolutions(r.server).has(id)).toBe(false);
    // Ana resolved it today's way; Ben's old tab, which reads the value, resolves it too.
    expect(r.serve(ana, r.change(ana, (d) => W.setCommentResolved(d, id, true, ana.id))).refusal).toBeNull();
    v = r.serve(ben, r.change(ben, legacySet(id, true)));
    expect([v.refusal, v.legacyResolves]).toEqual([null, []]);
    expect(resolutions(r.server).get(id)).toMatchObject({ resolved: true, by: ana.id });
    // Resolved and reopened offline on the current value: back where it was.
    r.pull(r.client(ben));
    v = r.serve(ben, r.change(ben, (d) => [false, true].forEach((x) => legacySet(id, x)(d)), true));
    expect([v.refusal, v.legacyResolves]).toEqual([null, []]);
  });

  it('records the author’s own old-tab reopen, but not the resolved an edit on an older value carries', () => {
    const r = room();
    const id = r.post(ana, 'Draft');
    const tab = r.client(ana); // a tab of Ana's that goes offline with this value
    r.forget(ana);
    expect(r.serve(ben, r.change(ben, (d) => W.setCommentResolved(d, id, true, ben.id))).refusal).toBeNull();
    W.editComment(tab, id, 'Edited offline', ana.id); // today's client: keeps the older value's resolved (false)
    const v = r.serve(ana, Y.encodeStateAsUpdate(tab, Y.encodeStateVector(r.server)));
    expect([v.refusal, v.legacyResolves]).toEqual([null, []]);
    expect(W.thread(r.server, TARGET)[0]).toMatchObject({ text: 'Edited offline', resolved: true });
    // Her old tab resolves and then reopens her comment in its value: the reopen must show.
    expect(r.serve(ana, r.change(ana, legacySet(id, true))).legacyResolves).toEqual([]);
    expect(r.serve(ana, r.change(ana, legacySet(id, false))).legacyResolves[0]?.mirror).toEqual({ resolved: false, by: ana.id });
    expect(W.isCommentResolved(r.server, id)).toBe(false);
  });

  it('writes nothing for an update that was never applied, and refuses a legacy resolve that could empty the key', () => {
    const r = room();
    const id = r.post(ana);
    const before = Y.encodeStateAsUpdate(r.server);
    const v = r.judge(ben, r.change(ben, legacySet(id, true)));
    expect(v.legacyResolves).toHaveLength(1);
    finishLegacyResolves(r.server, v.legacyResolves); // as when a later guard refused it
    expect(Y.encodeStateAsUpdate(r.server)).toEqual(before);
    // Two resolves of the same value in one update, one of them deleted: whichever Yjs keeps last
    // may be the deleted one.
    const [one, two] = [new Y.Doc(), new Y.Doc()];
    for (const d of [one, two]) Y.applyUpdate(d, before);
    legacySet(id, true)(one);
    legacySet(id, true)(two);
    comments(two).delete(id);
    const sv = Y.encodeStateVector(r.server);
    expect(r.check(ben, Y.mergeUpdates([Y.encodeStateAsUpdate(one, sv), Y.encodeStateAsUpdate(two, sv)]))).toMatch(/deletion of someone else's comment/);
  });
});
