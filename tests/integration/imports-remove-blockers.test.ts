/**
 * What else keeps an import from being removed, besides screening decisions: its records being
 * votes, a final decision, a full text and a discussion on a disagreement (each through its real
 * path: private documents, HTTP, the workspace document), synthesis sources, and a removal that
 * would reshuffle a pilot round already unblinded. Each refusal is a 409 naming the reason, and
 * nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { connectDoc, eventually, synced, type SyncClient } from '../helpers/sync';
import { importDataFile, seedRecords } from '../helpers/records';
import { reviewTeam } from '../helpers/team';
import { listDecisions } from '../../server/screening/repo';
import { addComment, threadKey } from '../../shared/discussions';
import * as W from '../../shared/workspace';

type User = Client & { user: { id: string } };
let server: TestServer;
let lead: User;
const open: SyncClient[] = [];
const count = (pid: string) => (server.db.prepare('SELECT COUNT(*) n FROM records WHERE project_id = ?').get(pid) as { n: number }).n;

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lena Lead');
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server.close();
});

describe('removing an import that work was built on', () => {
  it('is refused while one of its records is a synthesis source, and allowed once it is not', async () => {
    const pid = await projectWith(lead, [], 'Synthesis');
    const { importId } = await importDataFile(lead, pid, 'citesource_wildfire/medline_84.ris', 'MEDLINE');
    const rid = (server.db.prepare('SELECT id FROM records WHERE import_id = ? ORDER BY seq LIMIT 1').get(importId) as { id: string }).id;
    const ws = await connectDoc(lead, `p/${pid}/workspace`);
    open.push(ws);
    await synced(ws);
    const sourceId = W.addSource(ws.doc, { recordId: rid, title: 'Study 1', text: 'Participants spoke of belonging.' }, lead.user.id);
    await eventually(async () => (await lead.get(`/api/projects/${pid}/imports/${importId}/removal-preview`)).body.blockers.length > 0, 5000, 'source seen by the server');
    const before = count(pid);
    const r = await lead.delete(`/api/projects/${pid}/imports/${importId}`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('import_in_use');
    expect(r.body.error.message).toContain('1 of its records is a source in the synthesis');
    expect(Object.keys(r.body.error.fields)).toEqual(['synthesis']);
    expect(count(pid)).toBe(before);
    // Sources are never edited, but a source can be removed; then nothing holds the import.
    ws.doc.getMap(W.WS.sources).delete(sourceId);
    await eventually(async () => (await lead.get(`/api/projects/${pid}/imports/${importId}/removal-preview`)).body.blockers.length === 0, 5000, 'removal seen by the server');
    expect((await lead.delete(`/api/projects/${pid}/imports/${importId}`)).status).toBe(200);
    expect(count(pid)).toBe(0);
  });

  it('is refused when it would change which records are in a pilot round already unblinded', async () => {
    const reviewer = await signUp(server.url, 'Rui Reviewer');
    const pid = await projectWith(lead, [{ client: reviewer, role: 'reviewer' }], 'Pilot');
    // the pilot is the first two records: seeded ones come first, then the import's
    const seeded = seedRecords(server.db, pid, lead.user.id, 1);
    const { importId } = await importDataFile(lead, pid, 'citesource_wildfire/econlit_3.ris', 'EconLit');
    expect((await lead.patch(`/api/projects/${pid}`, { pilotSize: 2 })).status).toBe(200);
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind?scope=pilot`)).status).toBe(200);
    const r = await lead.delete(`/api/projects/${pid}/imports/${importId}`);
    expect(r.status).toBe(409);
    expect(Object.keys(r.body.error.fields)).toEqual(['pilot']);
    expect(count(pid)).toBe(seeded.length + 3);
    // once title/abstract screening is unblinded, the pilot no longer needs protecting
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    expect((await lead.delete(`/api/projects/${pid}/imports/${importId}`)).status).toBe(200);
    expect(count(pid)).toBe(seeded.length);
  });

  it('names votes, a final decision, a full text and a discussion on its records', async () => {
    const t = await reviewTeam(server, 3);
    const importId = (server.db.prepare('SELECT import_id AS i FROM records WHERE id = ?').get(t.ids[0]) as { i: string }).i;
    const at = () => new Date().toISOString();
    // Alice includes and Bob excludes record 0 (a disagreement); both include record 1
    for (const [who, first] of [[t.a, 'include'], [t.b, 'exclude']] as const) {
      const d = await connectDoc(who, `p/${t.pid}/u/${who.user.id}`);
      open.push(d);
      await synced(d);
      d.doc.getMap('decisions:ta').set(t.ids[0]!, { decision: first, reasons: [], note: '', at: at() });
      d.doc.getMap('decisions:ta').set(t.ids[1]!, { decision: 'include', reasons: [], note: '', at: at() });
    }
    await eventually(() => listDecisions(server.db, t.pid, 'ta').length === 4, 5000, 'decisions projected');
    expect((await t.lead.post(`/api/projects/${t.pid}/stages/ta/unblind`)).status).toBe(200);
    const co = await connectDoc(t.co, `p/${t.pid}/u/${t.co.user.id}`);
    open.push(co);
    await synced(co);
    co.doc.getMap('votes').set(`ta:${t.ids[0]}`, { vote: 'include', comment: 'fits the question', at: at() });
    const ws = await connectDoc(t.lead, `p/${t.pid}/workspace`);
    open.push(ws);
    await synced(ws);
    addComment(ws.doc, threadKey('ta', t.ids[0]!), { id: t.lead.user.id, name: 'Lead' }, 'Let us talk about this one.');
    expect((await t.lead.post(`/api/projects/${t.pid}/conflicts/ta/${t.ids[0]}/resolve`, { decision: 'include', reason: 'Discussed' })).status).toBe(200);
    expect((await t.a.request('PUT', `/api/projects/${t.pid}/records/${t.ids[1]}/fulltext-link`, { url: 'https://doi.org/10.1000/example' })).status).toBe(200);
    const codes = async () => Object.keys((await t.lead.delete(`/api/projects/${t.pid}/imports/${importId}`)).body.error?.fields ?? {}).sort();
    await eventually(async () => (await codes()).length === 5, 5000, 'vote and comment seen by the server');
    expect(await codes()).toEqual(['decisions', 'discussions', 'fulltexts', 'resolutions', 'votes']);
    const r = await t.lead.delete(`/api/projects/${t.pid}/imports/${importId}`);
    expect(r.status).toBe(409);
    for (const words of ['2 of its records already have screening decisions', '1 of its records has votes on a disagreement', '1 of its records has a final decision', '1 of its records has a full text', '1 of its records is discussed as a disagreement']) {
      expect(r.body.error.message).toContain(words);
    }
    expect(count(t.pid)).toBe(3);
  });
});
