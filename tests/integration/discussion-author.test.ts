/**
 * Record-discussion comments carry their writer's name, whatever a client sends: a real server,
 * real y-websocket clients (a "modified client" is one whose document we change by hand, or one
 * we send raw sync messages through), and the stored updates in SQLite read back afterwards.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { docViews, useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { eventually, settle, type SyncClient } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { DocStore } from '../../server/sync/store';
import { addComment, commentsMap, editOwnComment, legacyThreadsMap, listComments, threadKey } from '../../shared/discussions';

const env = useTestServer();

/** A project with lead Lena and reviewers Ana and Ben, its title/abstract stage unblinded. */
async function setUp() {
  const lead = await signUp(env.server.url, 'Lena Lead');
  const ana = await signUp(env.server.url, 'Ana Reviewer');
  const ben = await signUp(env.server.url, 'Ben Reviewer');
  const pid = await projectWith(lead, [
    { client: ana, role: 'reviewer' },
    { client: ben, role: 'reviewer' },
  ]);
  const [rid] = seedRecords(env.server.db, pid, lead.user.id, 1);
  expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
  const name = `p/${pid}/workspace`;
  const { open, stored, live } = docViews(env, name);
  return { lead, ana, ben, pid, name, key: threadKey('ta', rid!), open, stored, live };
}

const me = (c: { user: { id: string; name: string } }) => ({ id: c.user.id, name: c.user.name });
const texts = (d: Y.Doc, key: string) => listComments(d, key).map((c) => `${c.authorName}: ${c.text}`);

/** Sends one raw sync update on a client's socket, as a modified client could. */
function sendRaw(c: SyncClient, update: Uint8Array): void {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0); // message type: sync
  syncProtocol.writeUpdate(enc, update);
  c.provider.ws!.send(encoding.toUint8Array(enc));
}

describe('discussion comment authorship', () => {
  it('relays a real author’s comment and edits, refuses one in someone else’s id or name', async () => {
    const t = await setUp();
    const a = await t.open(t.ana);
    const b = await t.open(t.ben);
    const mine = addComment(a.doc, t.key, me(t.ana), 'I read it as peer support.');
    await eventually(() => texts(b.doc, t.key).length === 1, 5000, 'own comment relayed');
    expect(editOwnComment(a.doc, t.key, mine.id, t.ana.user.id, 'I read it as peer support, @Ben.')).toBe(true);
    await eventually(() => listComments(b.doc, t.key)[0]?.editedAt !== undefined, 5000, 'own edit relayed');

    // Ben's modified client posts as Ana; another posts under his own id but her name.
    addComment(b.doc, t.key, me(t.ana), 'Forged: I change my mind, exclude.');
    const b2 = await t.open(t.ben);
    addComment(b2.doc, t.key, { id: t.ben.user.id, name: 'Ana Reviewer' }, 'Forged signature.');
    await settle(400);
    const expected = ['Ana Reviewer: I read it as peer support, @Ben.'];
    expect(texts(a.doc, t.key)).toEqual(expected);
    expect(texts(t.live(), t.key)).toEqual(expected);
    expect(texts(t.stored(), t.key)).toEqual(expected);
    expect(commentsMap(t.stored()).size).toBe(1);

    // Ben, through an honest client, still posts in his own name.
    const b3 = await t.open(t.ben);
    addComment(b3.doc, t.key, me(t.ben), 'Fair point.');
    await eventually(() => texts(a.doc, t.key).length === 2, 5000, 'Ben’s own comment relayed');
    expect(texts(t.stored(), t.key)).toEqual([...expected, 'Ben Reviewer: Fair point.']);
  });

  it('refuses changing or deleting someone else’s comment, and changing one’s own author or time', async () => {
    const t = await setUp();
    const a = await t.open(t.ana);
    const c = addComment(a.doc, t.key, me(t.ana), 'Original words.');
    const before = () => listComments(t.stored(), t.key);
    await eventually(() => before().length === 1, 5000, 'stored');
    const original = before();
    const attacks: [string, (d: Y.Doc) => void][] = [
      ['text', (d) => commentsMap(d).get(c.id)!.set('text', 'Words put in her mouth.')],
      ['mentions', (d) => commentsMap(d).get(c.id)!.set('mentions', ['someone'])],
      ['authorId', (d) => commentsMap(d).get(c.id)!.set('authorId', t.ben.user.id)],
      ['at', (d) => commentsMap(d).get(c.id)!.set('at', '2000-01-01T00:00:00.000Z')],
      ['delete', (d) => commentsMap(d).delete(c.id)],
      ['replace', (d) => commentsMap(d).set(c.id, new Y.Map())],
      ['editOwnComment with her id', (d) => editOwnComment(d, t.key, c.id, t.ana.user.id, 'Sneaky edit')],
    ];
    for (const [what, attack] of attacks) {
      const b = await t.open(t.ben);
      attack(b.doc);
      await settle(300);
      expect(listComments(t.live(), t.key), what).toEqual(original);
      expect(before(), what).toEqual(original);
      expect(listComments(a.doc, t.key), what).toEqual(original);
      b.destroy(); // (again after the test: harmless) keeps the number of open providers small
    }
    // Ana's own fixed fields stay as posted too; her text stays hers to edit.
    for (const [field, value] of [['authorId', t.ben.user.id], ['authorName', 'Ben Reviewer'], ['at', '2000-01-01T00:00:00.000Z'], ['threadKey', 'ft:other']]) {
      const a2 = await t.open(t.ana);
      commentsMap(a2.doc).get(c.id)!.set(field!, value);
      await settle(300);
      expect(before(), field).toEqual(original);
      a2.destroy();
    }
    const a3 = await t.open(t.ana);
    expect(editOwnComment(a3.doc, t.key, c.id, t.ana.user.id, 'Better words.')).toBe(true);
    await eventually(() => before()[0]?.text === 'Better words.', 5000, 'own edit stored');
  });

  it('refuses an update the server could only keep pending (it would be applied later unchecked)', async () => {
    const t = await setUp();
    const b = await t.open(t.ben);
    const entry = (who: typeof t.ana, id: string) => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id, authorId: who.user.id, authorName: who.user.name, text: `by ${who.user.name}`, mentions: [], at: '2025-01-01T10:00:00.000Z' })) m.set(k, v);
      return m;
    };
    // Ben's modified client makes two updates and sends them in reverse order: the second builds on
    // the first, so the server could only park it until the first arrives.
    const shapes: [string, (d: Y.Doc) => void, (d: Y.Doc) => void][] = [
      ['his comment, then its author changed to Ana', (d) => addComment(d, t.key, me(t.ben), 'by Ben Reviewer'), (d) => {
        const c = [...commentsMap(d).values()][0]!;
        c.set('authorId', t.ana.user.id);
        c.set('authorName', t.ana.user.name);
      }],
      ['an old-style thread of his, then a comment in Ana’s name after his', (d) => {
        const thread = new Y.Array<Y.Map<unknown>>();
        legacyThreadsMap(d).set(t.key, thread);
        thread.push([entry(t.ben, 'own')]);
      }, (d) => (legacyThreadsMap(d).get(t.key) as Y.Array<Y.Map<unknown>>).push([entry(t.ana, 'forged')])],
    ];
    for (const [what, first, second] of shapes) {
      const local = new Y.Doc();
      const updates: Uint8Array[] = [];
      local.on('update', (u: Uint8Array) => updates.push(u));
      local.transact(() => first(local));
      local.transact(() => second(local));
      sendRaw(b, updates[1]!);
      await settle(200);
      sendRaw(b, updates[0]!);
      await settle(300);
      const all = listComments(t.stored(), t.key);
      expect(all.length, what).toBe(shapes.findIndex(([w]) => w === what) + 1); // the first update went through
      expect(all.map((c) => c.authorId), what).not.toContain(t.ana.user.id);
      expect(JSON.stringify(t.live().toJSON()), what).not.toContain(t.ana.user.id);
    }
  });

  it('keeps old-layout threads readable and their comments their authors’ alone', async () => {
    const t = await setUp();
    // A document stored before the change: one thread as a Y.Array holding Ana's and Ben's comments.
    const old = new Y.Doc();
    const thread = new Y.Array<Y.Map<unknown>>();
    legacyThreadsMap(old).set(t.key, thread);
    for (const [id, who, text, at] of [['old-ana', t.ana, 'Old words from Ana', '2025-01-01T10:00:00.000Z'], ['old-ben', t.ben, 'Old words from Ben', '2025-01-01T10:01:00.000Z']] as const) {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id, authorId: who.user.id, authorName: who.user.name, text, mentions: [], at })) m.set(k, v);
      thread.push([m]);
    }
    new DocStore(env.server.db).append(t.name, Y.encodeStateAsUpdate(old));
    const a = await t.open(t.ana);
    expect(texts(a.doc, t.key)).toEqual(['Ana Reviewer: Old words from Ana', 'Ben Reviewer: Old words from Ben']);
    const oldThread = (d: Y.Doc) => legacyThreadsMap(d).get(t.key) as Y.Array<Y.Map<unknown>>;
    const forged = (who: typeof t.ana, text: string) => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: 'forged', authorId: who.user.id, authorName: who.user.name, text, mentions: [], at: '2025-01-01T11:00:00.000Z' })) m.set(k, v);
      return m;
    };
    const attacks: [string, (d: Y.Doc) => void][] = [
      ['a comment in Ana’s name', (d) => oldThread(d).push([forged(t.ana, 'Forged old-style')])],
      ['an edit of Ana’s comment', (d) => oldThread(d).get(0).set('text', 'Edited by Ben')],
      ['a deletion of Ana’s comment', (d) => oldThread(d).delete(0, 1)],
      ['the thread replaced', (d) => legacyThreadsMap(d).set(t.key, new Y.Array())],
      ['the thread deleted', (d) => legacyThreadsMap(d).delete(t.key)],
    ];
    const expected = texts(t.stored(), t.key);
    for (const [what, attack] of attacks) {
      const b = await t.open(t.ben);
      attack(b.doc);
      await settle(300);
      expect(texts(t.live(), t.key), what).toEqual(expected);
      expect(texts(t.stored(), t.key), what).toEqual(expected);
      b.destroy();
    }
    // Ana edits her old comment through today's helper; an old cached client adds Ben's own old-style comment.
    expect(editOwnComment(a.doc, t.key, 'old-ana', t.ana.user.id, 'Old words, edited')).toBe(true);
    const b = await t.open(t.ben);
    oldThread(b.doc).push([forged(t.ben, 'Ben, from an old tab')]);
    await eventually(() => texts(t.stored(), t.key).length === 3, 5000, 'own old-style comment stored');
    expect(texts(t.stored(), t.key)).toEqual(['Ana Reviewer: Old words, edited', 'Ben Reviewer: Old words from Ben', 'Ben Reviewer: Ben, from an old tab']);
    expect(commentsMap(t.stored()).size).toBe(0);
  });
});
