/**
 * PATCH /api/me: a person changes their display name (e.g. to a pseudonym). A real server, real
 * HTTP and real y-websocket clients: the name rules, the Origin check, the audit event, every place
 * that reads names, and sockets opened before the rename signing comments with the new name.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docViews, useTestServer } from '../helpers/lifecycle';
import { Client, projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, settle, synced } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import * as W from '../../shared/workspace';
import { addComment, editOwnComment, listComments, threadKey } from '../../shared/discussions';

const env = useTestServer();

type Person = Awaited<ReturnType<typeof signUp>>;
const renamed = (who: Person, name: string) => who.patch('/api/me', { name });

describe('PATCH /api/me', () => {
  it('renames the signed-in user: answer, /api/me, members list and an audit event with old and new name', async () => {
    const lead = await signUp(env.server.url, 'Lena Lead');
    const co = await signUp(env.server.url, 'Cora Real-Name');
    const pid = await projectWith(lead, [{ client: co, role: 'co_researcher' }]);
    const r = await renamed(co, '  Kestrel  ');
    expect(r.status).toBe(200);
    expect(r.body.user).toEqual({ id: co.user.id, email: co.user.email, name: 'Kestrel' });
    expect((await co.get('/api/me')).body.user.name).toBe('Kestrel');
    const members = (await lead.get(`/api/projects/${pid}/members`)).body.members as { userId: string; name: string }[];
    expect(members.find((m) => m.userId === co.user.id)?.name).toBe('Kestrel');
    const events = env.server.db.prepare("SELECT project_id, actor_id, entity_id, before, after FROM events WHERE type = 'user.renamed'").all() as Record<string, string | null>[];
    expect(events).toEqual([{ project_id: null, actor_id: co.user.id, entity_id: co.user.id, before: '{"name":"Cora Real-Name"}', after: '{"name":"Kestrel"}' }]);
    // The old name stays out of the project's audit view.
    const audit = await lead.get(`/api/projects/${pid}/audit`);
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).not.toContain('Cora Real-Name');
    // Saving the same name again is no change and records nothing.
    expect((await renamed(co, 'Kestrel')).status).toBe(200);
    expect(env.server.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'user.renamed'").get()).toEqual({ n: 1 });
  });

  it('needs a session (401) and this site’s Origin (403), and changes nothing otherwise', async () => {
    const me = await signUp(env.server.url, 'Ada');
    const anon = await new Client(env.server.url).patch('/api/me', { name: 'Nobody' });
    expect(anon.status).toBe(401);
    expect(anon.body.error).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
    for (const origin of ['https://evil.example', null]) {
      const cross = new Client(env.server.url, origin);
      cross.cookie = me.cookie;
      const res = await cross.patch('/api/me', { name: 'Hijacked' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('bad_origin');
    }
    expect((await me.get('/api/me')).body.user.name).toBe('Ada');
  });

  it('refuses an empty, blank, too long, missing or non-text name with 400 naming the field', async () => {
    const me = await signUp(env.server.url, 'Ada');
    for (const body of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(121) }, {}, { name: 42 }]) {
      const res = await me.patch('/api/me', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid');
      expect(res.body.error.message).toMatch(/^name: /);
      expect(typeof res.body.error.fields.name).toBe('string');
    }
    const notJson = await me.request('PATCH', '/api/me', '{name', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_json');
    // The longest name sign-up allows is allowed here too.
    expect((await renamed(me, 'y'.repeat(120))).body.user.name).toBe('y'.repeat(120));
    expect(env.server.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'user.renamed'").get()).toEqual({ n: 1 });
  });

  it('rebuilds the board (reviewer progress) and puts the new name in presence on sockets already open', async () => {
    const lead = await signUp(env.server.url, 'Lena Lead');
    const rev = await signUp(env.server.url, 'Rafi Real-Name');
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }]);
    seedRecords(env.server.db, pid, lead.user.id, 3);
    const board = env.track(await connectDoc(lead, `p/${pid}/board`));
    const progressNames = () => ((board.doc.getMap('stages').get('ta') as { progress?: { userId: string; name: string }[] } | undefined)?.progress ?? []).map((p) => p.name);
    await synced(board);
    await eventually(() => progressNames().includes('Rafi Real-Name'), 5000, 'board before');

    const watcher = env.track(await connectDoc(lead, `p/${pid}/workspace`));
    const mover = env.track(await connectDoc(rev, `p/${pid}/workspace`));
    await Promise.all([synced(watcher), synced(mover)]);
    const seenName = () => [...watcher.provider.awareness.getStates().values()].map((s) => (s as { user?: { id: string; name: string } }).user).find((u) => u?.id === rev.user.id)?.name;
    mover.provider.awareness.setLocalStateField('location', { page: 'themes' });
    await eventually(() => seenName() === 'Rafi Real-Name', 5000, 'presence before');

    expect((await renamed(rev, 'Falcon')).status).toBe(200);
    await eventually(() => progressNames().includes('Falcon') && !progressNames().includes('Rafi Real-Name'), 5000, 'board after');
    mover.provider.awareness.setLocalStateField('location', { page: 'sources' });
    await eventually(() => seenName() === 'Falcon', 5000, 'presence after');
  });

  it('synthesis comments: an open socket signs with the new name, edits an old comment, may still sign with the old one, never with another’s', async () => {
    const lead = await signUp(env.server.url, 'Lena Lead');
    const co = await signUp(env.server.url, 'Cora Real-Name');
    const pid = await projectWith(lead, [{ client: co, role: 'co_researcher' }]);
    const { stored, live } = docViews(env, `p/${pid}/workspace`);
    const l = env.track(await connectDoc(lead, `p/${pid}/workspace`));
    const c = env.track(await connectDoc(co, `p/${pid}/workspace`));
    await Promise.all([synced(l), synced(c)]);
    const theme = W.createTheme(l.doc, { name: 'Belonging', kind: 'descriptive' }, lead.user.id);
    const target: W.CommentTarget = { kind: 'theme', themeId: theme };
    const signed = (d: Y.Doc) => W.thread(d, target).map((x) => `${x.authorName}: ${x.text}${x.editedAt ? ' (edited)' : ''}`);
    const old = W.addComment(c.doc, target, 'Written before', { id: co.user.id, name: 'Cora Real-Name' });
    await eventually(() => signed(l.doc).length === 1, 5000, 'old comment relayed');

    expect((await renamed(co, 'Kestrel')).status).toBe(200);
    // The same socket, opened before the rename: the new name is accepted at once.
    W.addComment(c.doc, target, 'Written after', { id: co.user.id, name: 'Kestrel' });
    await eventually(() => signed(l.doc).length === 2, 5000, 'new-name comment relayed');
    // Editing the old comment keeps its stored name, and is not taken for a forgery.
    W.editComment(c.doc, old, 'Written before, edited after', co.user.id);
    await eventually(() => signed(l.doc).includes('Cora Real-Name: Written before, edited after (edited)'), 5000, 'edit relayed');
    // A comment under the old name (written offline on another device before the rename) still syncs:
    // refusing it would leave that device's later edits stuck behind it.
    W.addComment(c.doc, target, 'Written offline', { id: co.user.id, name: 'Cora Real-Name' });
    await eventually(() => signed(l.doc).length === 3, 5000, 'old-name comment relayed');
    // Signing with someone else's name is still refused: never relayed, stored or kept by the server.
    W.addComment(c.doc, target, 'Forged signature', { id: co.user.id, name: 'Lena Lead' });
    await settle(400);
    const expected = ['Cora Real-Name: Written before, edited after (edited)', 'Kestrel: Written after', 'Cora Real-Name: Written offline'];
    for (const d of [l.doc, live(), stored()]) expect(signed(d)).toEqual(expected);
  });

  it('discussion comments: an open socket signs with the new name or the old one, never another’s; old comments stay', async () => {
    const lead = await signUp(env.server.url, 'Lena Lead');
    const ana = await signUp(env.server.url, 'Ana Real-Name');
    const pid = await projectWith(lead, [{ client: ana, role: 'reviewer' }]);
    const [rid] = seedRecords(env.server.db, pid, lead.user.id, 1);
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const key = threadKey('ta', rid!);
    const { open, stored, live } = docViews(env, `p/${pid}/workspace`);
    const l = await open(lead);
    const a = await open(ana);
    const texts = (d: Y.Doc) => listComments(d, key).map((x) => `${x.authorName}: ${x.text}`);
    const first = addComment(a.doc, key, { id: ana.user.id, name: 'Ana Real-Name' }, 'Before the rename.');
    await eventually(() => texts(l.doc).length === 1, 5000, 'old comment relayed');

    expect((await renamed(ana, 'Heron')).status).toBe(200);
    addComment(a.doc, key, { id: ana.user.id, name: 'Heron' }, 'After the rename.');
    await eventually(() => texts(l.doc).length === 2, 5000, 'new-name comment relayed');
    expect(editOwnComment(a.doc, key, first.id, ana.user.id, 'Before the rename, edited.')).toBe(true);
    await eventually(() => texts(l.doc)[0] === 'Ana Real-Name: Before the rename, edited.', 5000, 'edit relayed');
    addComment(a.doc, key, { id: ana.user.id, name: 'Ana Real-Name' }, 'Written offline.');
    await eventually(() => texts(l.doc).length === 3, 5000, 'old-name comment relayed');
    addComment(a.doc, key, { id: ana.user.id, name: 'Lena Lead' }, 'Forged signature.');
    await settle(400);
    const expected = ['Ana Real-Name: Before the rename, edited.', 'Heron: After the rename.', 'Ana Real-Name: Written offline.'];
    for (const d of [l.doc, live(), stored()]) expect(texts(d)).toEqual(expected);
  });
});
