/**
 * Synthesis comments stay their authors' once posted: a real server, real y-websocket clients (a
 * "modified client" is one whose document we change by hand), and the stored updates in SQLite
 * read back afterwards. Resolving anyone's comment, and the app's own flows, keep working —
 * also for a client that resolved while offline.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docViews, useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { eventually, settle } from '../helpers/sync';
import * as W from '../../shared/workspace';

const env = useTestServer();
type Value = Record<string, unknown>;
const comments = (d: Y.Doc) => d.getMap<Value>('comments');
/** The comments as JSON, in id order (map iteration order differs between replicas). */
const snapshot = (d: Y.Doc) => JSON.stringify(Object.entries(comments(d).toJSON()).sort(([a], [b]) => (a < b ? -1 : 1)));

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
  return { lena, cora, open, stored, live, l, target, me: (c: typeof lena) => ({ id: c.user.id, name: c.user.name }) };
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
    W.setCommentResolved(c.doc, id, true);
    await eventually(() => comments(t.l.doc).get(id)?.resolved === true, 5000, 'resolve relayed');
    W.setCommentResolved(t.l.doc, id, false);
    await eventually(() => comments(c.doc).get(id)?.resolved === false, 5000, 'reopen relayed');
    W.deleteComment(c.doc, reply, t.cora.user.id);
    await eventually(() => comments(t.l.doc).get(reply)?.deleted === true, 5000, 'withdrawal relayed');
    await eventually(() => snapshot(t.stored()) === snapshot(t.l.doc), 5000, 'all stored');
    expect(comments(t.stored()).get(id)).toMatchObject({ text: 'Does this fit what we heard?', author: t.lena.user.id, resolved: false });
  });

  it('refuses rewriting or deleting someone else’s comment, and changing one’s own fixed fields', async () => {
    const t = await setUp();
    const id = W.addComment(t.l.doc, t.target, 'Original words.', t.me(t.lena));
    await eventually(() => comments(t.stored()).has(id), 5000, 'stored');
    const original = snapshot(t.stored());
    const rewrite = (patch: Value) => (d: Y.Doc) => comments(d).set(id, { ...comments(d).get(id)!, ...patch });
    const attacks: [string, typeof t.cora, (d: Y.Doc) => void][] = [
      ['her text', t.cora, rewrite({ text: 'Words put in her mouth.' })],
      ['her author', t.cora, rewrite({ author: t.cora.user.id, authorName: 'Cora Co-researcher' })],
      ['her name', t.cora, rewrite({ authorName: 'Someone else' })],
      ['her time', t.cora, rewrite({ at: '2000-01-01T00:00:00.000Z' })],
      ['her target', t.cora, rewrite({ target: { kind: 'code', codeId: 'k1' } })],
      ['her comment withdrawn', t.cora, rewrite({ text: '', deleted: true })],
      ['a resolve with a resolvedBy field', t.cora, rewrite({ resolved: true, resolvedBy: t.cora.user.id })],
      ['a resolve that also edits', t.cora, rewrite({ resolved: true, text: 'Resolved, and reworded.' })],
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
      c.destroy(); // (again after the test: harmless) keeps the number of open providers small
    }
    // Honest clients still resolve her comment and she still edits her words.
    const c = await t.open(t.cora);
    W.setCommentResolved(c.doc, id, true);
    await eventually(() => comments(t.l.doc).get(id)?.resolved === true, 5000, 'resolve relayed');
    W.editComment(t.l.doc, id, 'Better words.', t.lena.user.id);
    await eventually(() => comments(t.stored()).get(id)?.text === 'Better words.', 5000, 'edit stored');
    expect(comments(t.stored()).get(id)).toMatchObject({ resolved: true, author: t.lena.user.id });
  });

  it('keeps a resolve made offline and the author’s newer words; a forged copy of older words is put right', async () => {
    const t = await setUp();
    const id = W.addComment(t.l.doc, t.target, 'Draft words.', t.me(t.lena));
    const c = await t.open(t.cora);
    await eventually(() => comments(c.doc).has(id), 5000, 'relayed');
    // Cora's client resolves while offline; Lena edits meanwhile. A high client id makes Yjs keep
    // Cora's value over Lena's newer one, so the server must put Lena's words back.
    c.provider.disconnect();
    W.editComment(t.l.doc, id, 'Final words.', t.lena.user.id);
    await eventually(() => comments(t.stored()).get(id)?.text === 'Final words.', 5000, 'edit stored');
    offlineWrite(c.doc, 2 ** 32 - 2, (d) => W.setCommentResolved(d, id, true));
    c.provider.connect();
    const settled = (d: Y.Doc) => comments(d).get(id)?.text === 'Final words.' && comments(d).get(id)?.resolved === true;
    await eventually(() => settled(t.live()) && settled(t.stored()) && settled(t.l.doc) && settled(c.doc), 5000, 'resolve kept, words repaired');
    // Cora's value won in Yjs, and the value now held is the server's repair of it.
    const writtenBy = () => comments(t.live())._map.get(id)!.id.client;
    expect(writtenBy()).toBe(t.live().clientID);
    // Her client is not stuck: what she writes next is relayed.
    const next = W.addComment(c.doc, t.target, 'Resolved after the call.', t.me(t.cora));
    await eventually(() => comments(t.l.doc).has(next), 5000, 'later comment relayed');

    // A modified client writes other words on an older value the same way.
    const f = await t.open(t.cora);
    f.provider.disconnect();
    W.editComment(t.l.doc, id, 'Newest words.', t.lena.user.id);
    await eventually(() => comments(t.stored()).get(id)?.text === 'Newest words.', 5000, 'newest stored');
    offlineWrite(f.doc, 2 ** 32 - 3, (d) => comments(d).set(id, { ...comments(d).get(id)!, text: 'Forged words.' }));
    f.provider.connect();
    await settle(400);
    for (const d of [t.live(), t.stored(), t.l.doc]) expect(comments(d).get(id)).toMatchObject({ text: 'Newest words.', author: t.lena.user.id });
    expect(writtenBy()).toBe(t.live().clientID);
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
