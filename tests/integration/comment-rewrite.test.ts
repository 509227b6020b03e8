/**
 * Synthesis comments stay their authors' once posted: a real server, real y-websocket clients (a
 * "modified client", or an "old client" running the app from before `commentResolutions`, is one
 * whose document we change by hand), and the stored updates in SQLite read back afterwards.
 * Resolving anyone's comment (an entry in `commentResolutions`, never a change to the comment) and
 * the app's own flows keep working — also for a client that resolved while offline, and for an old
 * client that resolves by rewriting the comment's value.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docViews, useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, settle, synced } from '../helpers/sync';
import * as W from '../../shared/workspace';

const env = useTestServer();
type Value = Record<string, unknown>;
const comments = (d: Y.Doc) => d.getMap<Value>('comments');
const resolutions = (d: Y.Doc) => d.getMap<Value>('commentResolutions');
const sorted = (m: Y.Map<Value>) => Object.entries(m.toJSON()).sort(([a], [b]) => (a < b ? -1 : 1));
/** The comments and their resolutions as JSON, in id order (map iteration order differs between replicas). */
const snapshot = (d: Y.Doc) => JSON.stringify([sorted(comments(d)), sorted(resolutions(d))]);
const resolved = (d: Y.Doc, id: string) => W.isCommentResolved(d, id);
/** How the client from before `commentResolutions` resolved or reopened: the whole value rewritten, `resolved` flipped. */
const legacySet = (id: string, value: boolean) => (d: Y.Doc) => comments(d).set(id, { ...comments(d).get(id)!, resolved: value });

/** Lead Lena and co-researcher Cora on one project, with a theme to comment on. */
async function setUp() {
  const lena = await signUp(env.server.url, 'Lena Lead');
  const cora = await signUp(env.server.url, 'Cora Co-researcher');
  const pid = await projectWith(lena, [{ client: cora, role: 'co_researcher' }]);
  const name = `p/${pid}/workspace`;
  const { open, stored, live } = docViews(env, name);
  const l = await open(lena);
  const theme = W.createTheme(l.doc, { name: 'Belonging', kind: 'descriptive' }, lena.user.id);
  const target: W.CommentTarget = { kind: 'theme', themeId: theme };
  return { lena, cora, name, open, stored, live, l, target, me: (c: typeof lena) => ({ id: c.user.id, name: c.user.name }) };
}

describe('synthesis comment rewrites', () => {
  it('relays the app’s own flows: post, reply, edit and withdraw one’s own, resolve and reopen anyone’s', async () => {
    const t = await setUp();
    const c = await t.open(t.cora);
    const id = W.addComment(t.l.doc, t.target, 'Does this fit?', t.me(t.lena));
    await eventually(() => comments(c.doc).has(id), 5000, 'comment relayed');
    const reply = W.addComment(c.doc, t.target, 'Mostly.', t.me(t.cora), { replyTo: id });
    await eventually(() => comments(t.l.doc).has(reply), 5000, 'reply relayed');
    W.editComment(t.l.doc, id, 'Does this fit what we heard?', t.lena.user.id);
    await eventually(() => comments(c.doc).get(id)?.text === 'Does this fit what we heard?', 5000, 'edit relayed');
    W.setCommentResolved(c.doc, id, true, t.cora.user.id);
    await eventually(() => resolved(t.l.doc, id), 5000, 'resolve relayed');
    W.setCommentResolved(t.l.doc, id, false, t.lena.user.id);
    await eventually(() => !resolved(c.doc, id), 5000, 'reopen relayed');
    W.deleteComment(c.doc, reply, t.cora.user.id);
    await eventually(() => comments(t.l.doc).get(reply)?.deleted === true, 5000, 'withdrawal relayed');
    await eventually(() => snapshot(t.stored()) === snapshot(t.l.doc), 5000, 'all stored');
    expect(comments(t.stored()).get(id)).toMatchObject({ text: 'Does this fit what we heard?', author: t.lena.user.id, resolved: false });
    expect(resolutions(t.stored()).get(id)).toEqual({ resolved: false, by: t.lena.user.id, at: expect.any(String) });
  });

  it('refuses rewriting or deleting someone else’s comment or resolution, and changing one’s own fixed fields', async () => {
    const t = await setUp();
    const id = W.addComment(t.l.doc, t.target, 'Original words.', t.me(t.lena));
    W.setCommentResolved(t.l.doc, id, true, t.lena.user.id);
    await eventually(() => comments(t.stored()).has(id) && resolutions(t.stored()).has(id), 5000, 'stored');
    const original = snapshot(t.stored());
    // The item holding her value: a copy written over it, even an identical one, would show here.
    const holder = () => comments(t.live())._map.get(id)!.id;
    const lenasValue = holder();
    const rewrite = (patch: Value) => (d: Y.Doc) => comments(d).set(id, { ...comments(d).get(id)!, ...patch });
    const attacks: [string, typeof t.cora, (d: Y.Doc) => void][] = [
      ['her text', t.cora, rewrite({ text: 'Words put in her mouth.' })],
      ['her author', t.cora, rewrite({ author: t.cora.user.id, authorName: 'Cora Co-researcher' })],
      ['her name', t.cora, rewrite({ authorName: 'Someone else' })],
      ['her time', t.cora, rewrite({ at: '2000-01-01T00:00:00.000Z' })],
      ['her target', t.cora, rewrite({ target: { kind: 'code', codeId: 'k1' } })],
      ['her comment withdrawn', t.cora, rewrite({ text: '', deleted: true })],
      ['a resolve that also edits', t.cora, rewrite({ resolved: true, text: 'Resolved, and reworded.' })],
      ['a reopen in Lena’s name', t.cora, (d) => resolutions(d).set(id, { resolved: false, by: t.lena.user.id, at: new Date().toISOString() })],
      ['a reopen with a note', t.cora, (d) => resolutions(d).set(id, { resolved: false, by: t.cora.user.id, at: new Date().toISOString(), note: 'x' })],
      ['her resolution deleted', t.cora, (d) => resolutions(d).delete(id)],
      ['a resolution of no comment', t.cora, (d) => resolutions(d).set('no-such-comment', { resolved: true, by: t.cora.user.id, at: new Date().toISOString() })],
      ['her comment deleted', t.cora, (d) => comments(d).delete(id)],
      ['a new comment of Cora’s under her id', t.cora, (d) => comments(d).set(id, { ...comments(d).get(id)!, author: t.cora.user.id, authorName: 'Cora Co-researcher', text: 'Mine' })],
      ['a new comment with an id field', t.cora, (d) =>
        d.transact(() => {
          // Posted and given an id field in one transaction, so one update carries both.
          W.addComment(d, t.target, 'Hi', t.me(t.cora), { id: 'x1' });
          comments(d).set('x1', { ...comments(d).get('x1')!, id: 'other' });
        })],
      ['a new comment signed Lena', t.cora, (d) => W.addComment(d, t.target, 'Signed', { id: t.cora.user.id, name: 'Lena Lead' })],
      ['a new comment under a key that is no id', t.cora, (d) => comments(d).set('no id!', { ...comments(d).get(id)!, author: t.cora.user.id, authorName: 'Cora Co-researcher' })],
      ['her own author', t.lena, rewrite({ author: t.cora.user.id })],
      ['her own name', t.lena, rewrite({ authorName: 'Lena L.' })],
      ['her own time', t.lena, rewrite({ at: '2000-01-01T00:00:00.000Z' })],
      ['her own target', t.lena, rewrite({ target: { kind: 'theme', themeId: 'elsewhere' } })],
      ['her own comment made a reply', t.lena, rewrite({ replyTo: 'x2' })],
    ];
    for (const [what, who, attack] of attacks) {
      const c = await t.open(who);
      attack(c.doc);
      await settle(250);
      expect(snapshot(t.live()), what).toBe(original);
      expect(snapshot(t.stored()), what).toBe(original);
      expect(snapshot(t.l.doc), what).toBe(original);
      expect(holder(), what).toEqual(lenasValue);
      c.destroy(); // (again after the test: harmless) keeps the number of open providers small
    }
    // Honest clients still reopen her comment and she still edits her words.
    const c = await t.open(t.cora);
    W.setCommentResolved(c.doc, id, false, t.cora.user.id);
    await eventually(() => !resolved(t.l.doc, id), 5000, 'reopen relayed');
    W.editComment(t.l.doc, id, 'Better words.', t.lena.user.id);
    await eventually(() => comments(t.stored()).get(id)?.text === 'Better words.', 5000, 'edit stored');
    expect(comments(t.stored()).get(id)).toMatchObject({ author: t.lena.user.id });
    expect(resolutions(t.stored()).get(id)).toMatchObject({ resolved: false, by: t.cora.user.id });
  });

  it('an offline resolve lands in the resolutions map and the author’s newer words are untouched; a forged copy of older words is put right', async () => {
    const t = await setUp();
    const id = W.addComment(t.l.doc, t.target, 'Draft words.', t.me(t.lena));
    const c = await t.open(t.cora);
    await eventually(() => comments(c.doc).has(id), 5000, 'relayed');
    // Cora's client resolves while offline; Lena edits meanwhile.
    c.provider.disconnect();
    W.editComment(t.l.doc, id, 'Final words.', t.lena.user.id);
    await eventually(() => comments(t.stored()).get(id)?.text === 'Final words.', 5000, 'edit stored');
    const lenasValue = comments(t.live())._map.get(id)!.id;
    W.setCommentResolved(c.doc, id, true, t.cora.user.id);
    c.provider.connect();
    const settled = (d: Y.Doc) => comments(d).get(id)?.text === 'Final words.' && resolved(d, id);
    await eventually(() => settled(t.live()) && settled(t.stored()) && settled(t.l.doc) && settled(c.doc), 5000, 'resolve kept with the newer words');
    // Nobody wrote over Lena's value: the item holding it is still hers.
    expect(comments(t.live())._map.get(id)!.id).toEqual(lenasValue);
    expect(resolutions(t.stored()).get(id)).toMatchObject({ resolved: true, by: t.cora.user.id });
    // Her client is not stuck: what she writes next is relayed.
    const next = W.addComment(c.doc, t.target, 'Resolved after the call.', t.me(t.cora));
    await eventually(() => comments(t.l.doc).has(next), 5000, 'later comment relayed');

    // A modified client writes other words on an older value of her comment: Yjs would keep them
    // over Lena's newer ones (higher client id), so the server puts hers back right after.
    const f = await t.open(t.cora);
    f.provider.disconnect();
    W.editComment(t.l.doc, id, 'Newest words.', t.lena.user.id);
    await eventually(() => comments(t.stored()).get(id)?.text === 'Newest words.', 5000, 'newest stored');
    offlineWrite(f.doc, 2 ** 32 - 3, (d) => comments(d).set(id, { ...comments(d).get(id)!, text: 'Forged words.' }));
    f.provider.connect();
    const putRight = (d: Y.Doc) => comments(d).get(id)?.text === 'Newest words.' && comments(d).get(id)?.author === t.lena.user.id;
    await eventually(() => [t.live(), t.stored(), t.l.doc, f.doc].every(putRight), 5000, 'her words put back');
    expect(comments(t.live())._map.get(id)!.id.client).toBe(t.live().clientID);
    // On an older value the server cannot tell a forged copy from an old client's click: the
    // `resolved` it carries (false) counts as Cora's reopen, which she may make anyway.
    expect(resolutions(t.stored()).get(id)).toMatchObject({ resolved: false, by: t.cora.user.id });
  });

  it('an old client resolving someone else’s comment by rewriting its value, offline on an older value, is not stranded', async () => {
    const t = await setUp();
    const id = W.addComment(t.l.doc, t.target, 'Draft words.', t.me(t.lena));
    // Lena looked at it today's way: resolved, then reopened (the entry now says open).
    W.setCommentResolved(t.l.doc, id, true, t.lena.user.id);
    W.setCommentResolved(t.l.doc, id, false, t.lena.user.id);
    const old = await t.open(t.cora);
    await eventually(() => resolutions(old.doc).get(id)?.resolved === false, 5000, 'relayed');
    // Cora's old client goes offline; Lena edits meanwhile; Cora resolves the old way, on her older
    // value (a high client id makes Yjs keep it over Lena's newer words).
    old.provider.disconnect();
    W.editComment(t.l.doc, id, 'Final words.', t.lena.user.id);
    await eventually(() => comments(t.stored()).get(id)?.text === 'Final words.', 5000, 'edit stored');
    offlineWrite(old.doc, 2 ** 32 - 2, legacySet(id, true));
    const indexedDbCopy = Y.encodeStateAsUpdate(old.doc);
    old.provider.connect();
    // Not stranded: what the old client writes next reaches Lena.
    const next = W.addComment(old.doc, t.target, 'Resolved after the call.', t.me(t.cora));
    await eventually(() => comments(t.l.doc).has(next), 5000, 'later comment relayed');
    const settled = (d: Y.Doc) => comments(d).get(id)?.text === 'Final words.' && resolved(d, id);
    await eventually(() => [t.live(), t.stored(), t.l.doc, old.doc].every(settled), 5000, 'resolve kept, her words back');
    expect(resolutions(t.stored()).get(id)).toEqual({ resolved: true, by: t.cora.user.id, at: expect.any(String) });
    const fresh = await t.open(t.lena);
    expect(W.thread(fresh.doc, t.target)[0]).toMatchObject({ id, text: 'Final words.', author: t.lena.user.id, resolved: true });
    // Nor after a reload from its IndexedDB copy (which holds the rewrite and sends it again): it
    // then reopens on the current value, also recorded as Cora's.
    old.destroy();
    const reloaded = env.track(await connectDoc(t.cora, t.name, { connect: false }));
    Y.applyUpdate(reloaded.doc, indexedDbCopy);
    reloaded.provider.connect();
    await synced(reloaded);
    legacySet(id, false)(reloaded.doc);
    const reply = W.addComment(reloaded.doc, t.target, 'Reopened: one more question.', t.me(t.cora), { replyTo: id });
    await eventually(() => comments(t.l.doc).has(reply) && !resolved(t.l.doc, id), 5000, 'reopen and reply relayed');
    expect(resolutions(t.stored()).get(id)).toMatchObject({ resolved: false, by: t.cora.user.id });
    expect(comments(t.stored()).get(id)).toMatchObject({ text: 'Final words.', author: t.lena.user.id });
  });
});

/**
 * Writes `f` into a client that is offline, as Yjs client `clientId`: Yjs keeps, of two values
 * written on the same older one, the one of the higher client id, so tests choose who wins.
 */
function offlineWrite(d: Y.Doc, clientId: number, f: (copy: Y.Doc) => void): void {
  const copy = new Y.Doc();
  copy.clientID = clientId;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(d));
  f(copy);
  Y.applyUpdate(d, Y.encodeStateAsUpdate(copy, Y.encodeStateVector(d)));
}
