/**
 * Thematic synthesis through the real server: observers cannot edit themes, sense-check feedback
 * is projected (and refused when invalid), tied to theme versions and summarised on the board.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as W from '../../shared/workspace';
import { startServer, type TestServer } from '../helpers/server';
import { Client, projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, settle, synced, type SyncClient } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { listFeedback, countFeedbackEvents, listThemes } from '../../server/themes/repo';

let server: TestServer;
const open: SyncClient[] = [];
const track = (c: SyncClient) => (open.push(c), c);
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  for (const c of open.splice(0)) c.destroy();
  await server.close();
});

const FINDINGS = 'Waiting for asylum decisions left people in limbo. Peer workers who spoke Dari made services feel safe.';

async function team() {
  const lead = await signUp(server.url, 'Lead Lena');
  const rev = await signUp(server.url, 'Reviewer Rami');
  const co = await signUp(server.url, 'Co-researcher Amal');
  const obs = await signUp(server.url, 'Observer Olu');
  const pid = await projectWith(lead, [
    { client: rev, role: 'reviewer' },
    { client: co, role: 'co_researcher' },
    { client: obs, role: 'observer' },
  ]);
  const [rec] = seedRecords(server.db, pid, lead.user.id, 1);
  const ws = track(await connectDoc(lead, `p/${pid}/workspace`));
  await synced(ws);
  const src = W.addSource(ws.doc, { recordId: rec!, title: 'Study 1', text: FINDINGS }, lead.user.id);
  const limbo = W.createTheme(ws.doc, { name: 'Living in limbo', kind: 'descriptive', description: 'Time stops while waiting.' }, lead.user.id);
  const safety = W.createTheme(ws.doc, { name: 'Safety through shared language', kind: 'descriptive' }, lead.user.id);
  const code = W.createCode(ws.doc, { name: 'Waiting', parentId: limbo }, lead.user.id);
  W.applyCode(ws.doc, { sourceId: src, start: 0, end: 31 }, code, lead.user.id);
  return { lead, rev, co, obs, pid, ws, limbo, safety, code };
}

/** The board as `client` sees it (a live y-websocket connection). */
async function board(client: Client, pid: string) {
  const b = track(await connectDoc(client, `p/${pid}/board`));
  await synced(b);
  return b.doc.getMap<W.SenseCheckSummary>(W.SENSE_CHECK_MAP);
}

function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => (ws.close(), resolve(101)));
    ws.on('error', () => undefined);
  });
}

describe('themes: permissions', () => {
  it('an observer’s theme edits are not applied, relayed or persisted', async () => {
    const { lead, obs, pid, ws, limbo, safety } = await team();
    await eventually(() => listThemes(server.db, pid).length === 2, 5000, 'themes recorded');
    const before = JSON.stringify(W.themeTree(ws.doc));
    const o = track(await connectDoc(obs, `p/${pid}/workspace`));
    await synced(o);
    await eventually(() => JSON.stringify(W.themeTree(o.doc)) === before, 5000, 'observer reads the tree');
    // The helpers run locally (the client hides these controls); the server must drop the updates.
    W.createTheme(o.doc, { name: 'Observer theme', kind: 'analytical' }, obs.user.id);
    W.moveNode(o.doc, safety, limbo);
    W.editDescription(o.doc, limbo, 0, 4, 'Observer text');
    W.updateTheme(o.doc, limbo, { name: 'Renamed by observer' });
    await settle(500);
    expect(JSON.stringify(W.themeTree(ws.doc))).toBe(before);
    const fresh = track(await connectDoc(lead, `p/${pid}/workspace`));
    await synced(fresh);
    expect(JSON.stringify(W.themeTree(fresh.doc))).toBe(before);
    expect(listThemes(server.db, pid).map((t) => t.name).sort()).toEqual(['Living in limbo', 'Safety through shared language']);
  });

  it('nobody can open another member’s private document, so nobody can write their feedback', async () => {
    const { rev, co, lead, pid } = await team();
    const wsUrl = server.url.replace('http', 'ws');
    const ticket = async (c: Client) => (await c.post('/api/sync/tickets')).body.ticket as string;
    expect(await upgradeStatus(`${wsUrl}/sync/p/${pid}/u/${co.user.id}?ticket=${await ticket(rev)}`)).toBe(403);
    expect(await upgradeStatus(`${wsUrl}/sync/p/${pid}/u/${co.user.id}?ticket=${await ticket(lead)}`)).toBe(403);
    expect(await upgradeStatus(`${wsUrl}/sync/p/${pid}/u/${co.user.id}?ticket=${await ticket(co)}`)).toBe(101);
  });
});

describe('themes: sense-check feedback', () => {
  it('projects valid feedback and skips; refuses unknown themes, bad values and observers; never shows refused entries', async () => {
    const { lead, co, obs, pid, ws, limbo, safety } = await team();
    const summary = await board(lead, pid);
    await eventually(() => summary.size === 2, 5000, 'summaries for both themes');
    const mine = track(await connectDoc(co, `p/${pid}/u/${co.user.id}`));
    await synced(mine);
    const fb = mine.doc.getMap(W.FEEDBACK_MAP);
    const at = new Date().toISOString();
    mine.doc.transact(() => {
      W.giveFeedback(mine.doc, limbo, { resonance: 'resonates', comment: 'This is exactly how it felt.' }, W.themeVersion(ws.doc, limbo)!);
      W.skipTheme(mine.doc, safety, W.themeVersion(ws.doc, safety)!);
      fb.set('no-such-theme', { resonance: 'partly', comment: '', at });
      fb.set('also-unknown', { skipped: true, at });
    });
    const theirs = track(await connectDoc(obs, `p/${pid}/u/${obs.user.id}`));
    await synced(theirs);
    W.giveFeedback(theirs.doc, limbo, { resonance: 'not', comment: 'observer' }, W.themeVersion(ws.doc, limbo)!);
    await eventually(() => mine.doc.getMap('rejected').size === 2 && theirs.doc.getMap('rejected').size === 1, 5000, 'rejections');
    const rejected = mine.doc.getMap<{ message: string }>('rejected').toJSON() as Record<string, { message: string }>;
    expect(rejected['feedback:no-such-theme']!.message).toMatch(/Unknown theme/);
    expect(theirs.doc.getMap<{ message: string }>('rejected').get(`feedback:${limbo}`)!.message).toMatch(/role/);
    // Bad values on a real theme are refused too, and the earlier good value stays.
    fb.set(limbo, { resonance: 'maybe', comment: '', at });
    await eventually(() => mine.doc.getMap('rejected').has(`feedback:${limbo}`), 5000, 'bad resonance refused');
    fb.set(safety, { skipped: true, resonance: 'not', comment: '', at });
    await eventually(() => mine.doc.getMap('rejected').has(`feedback:${safety}`), 5000, 'skip with a resonance refused');

    const rows = listFeedback(server.db, pid);
    expect(rows.map((r) => [r.themeId, r.userId, r.resonance, r.skipped]).sort()).toEqual(
      [
        [limbo, co.user.id, 'resonates', false],
        [safety, co.user.id, null, true],
      ].sort(),
    );
    await eventually(() => summary.get(limbo)?.counts.resonates === 1 && summary.get(safety)?.counts.skipped === 1, 5000, 'board summary');
    expect([...summary.keys()].sort()).toEqual([limbo, safety].sort());
    expect(summary.get(limbo)).toMatchObject({
      name: 'Living in limbo',
      counts: { resonates: 1, partly: 0, not: 0, skipped: 0 },
      changedAfterFeedback: false,
      comments: [{ userId: co.user.id, name: 'Co-researcher Amal', resonance: 'resonates', comment: 'This is exactly how it felt.' }],
    });

    // A corrected value clears the refusal; withdrawing removes the row; the history keeps every step.
    W.giveFeedback(mine.doc, limbo, { resonance: 'partly', comment: '' }, W.themeVersion(ws.doc, limbo)!);
    await eventually(() => !mine.doc.getMap('rejected').has(`feedback:${limbo}`), 5000, 'refusal cleared');
    W.withdrawFeedback(mine.doc, safety);
    await eventually(() => listFeedback(server.db, pid).length === 1, 5000, 'withdrawn');
    await eventually(() => summary.get(limbo)?.counts.partly === 1 && summary.get(safety)?.counts.skipped === 0, 5000, 'summary follows');
    expect(summary.get(limbo)!.comments).toEqual([]);
    expect(countFeedbackEvents(server.db, pid)).toBe(4);
  });

  it('feedback given on one version is flagged when the theme changes afterwards, until it is given again', async () => {
    const { lead, co, pid, ws, limbo } = await team();
    const summary = await board(lead, pid);
    const mine = track(await connectDoc(co, `p/${pid}/u/${co.user.id}`));
    const coWs = track(await connectDoc(co, `p/${pid}/workspace`));
    await Promise.all([synced(mine), synced(coWs)]);
    const v1 = W.themeVersion(coWs.doc, limbo)!;
    W.giveFeedback(mine.doc, limbo, { resonance: 'partly', comment: 'Also hope, not only limbo.' }, v1);
    await eventually(() => summary.get(limbo)?.counts.partly === 1, 5000, 'feedback on v1');
    expect(summary.get(limbo)).toMatchObject({ version: v1, onCurrentVersion: 1, onEarlierVersion: 0, changedAfterFeedback: false });
    const rev1 = summary.get(limbo)!.revision;

    // The lead edits the theme after the feedback: description typed, a code added.
    W.editDescription(ws.doc, limbo, W.themeDescription(ws.doc, limbo)!.length, 0, ' Hope persists.');
    W.createCode(ws.doc, { name: 'Hope', parentId: limbo }, lead.user.id);
    const v2 = W.themeVersion(ws.doc, limbo)!;
    expect(v2).not.toBe(v1);
    await eventually(() => summary.get(limbo)?.changedAfterFeedback === true, 5000, 'changed after feedback');
    expect(summary.get(limbo)).toMatchObject({ version: v2, onCurrentVersion: 0, onEarlierVersion: 1 });
    expect(summary.get(limbo)!.revision).toBeGreaterThan(rev1);
    expect(summary.get(limbo)!.comments[0]).toMatchObject({ version: v1, onCurrentVersion: false });
    const events = server.db.prepare("SELECT type, after FROM events WHERE project_id = ? AND entity = 'theme' AND entity_id = ?").all(pid, limbo) as { type: string; after: string }[];
    expect(events.map((e) => e.type)).toContain('theme.changed');
    expect(events.some((e) => JSON.parse(e.after).version === v2)).toBe(true);

    // Sense-checked again on the new version: no longer flagged.
    await eventually(() => W.themeVersion(coWs.doc, limbo) === v2, 5000, 'co-researcher sees v2');
    W.giveFeedback(mine.doc, limbo, { resonance: 'resonates', comment: '' }, v2);
    await eventually(() => summary.get(limbo)?.changedAfterFeedback === false && summary.get(limbo)?.counts.resonates === 1, 5000, 'fresh feedback');
  });

  it('feedback given offline arrives once on reconnect, and a restart projects nothing twice', async () => {
    const { co, pid, ws, limbo, safety } = await team();
    const mine = track(await connectDoc(co, `p/${pid}/u/${co.user.id}`));
    await synced(mine);
    mine.provider.disconnect();
    W.giveFeedback(mine.doc, limbo, { resonance: 'not', comment: 'Limbo is not the word we use.' }, W.themeVersion(ws.doc, limbo)!);
    W.skipTheme(mine.doc, safety, W.themeVersion(ws.doc, safety)!);
    await settle(200);
    expect(listFeedback(server.db, pid)).toHaveLength(0);
    mine.provider.connect();
    await eventually(() => listFeedback(server.db, pid).length === 2, 5000, 'offline feedback projected');
    await settle(300);
    expect(countFeedbackEvents(server.db, pid)).toBe(2);
    for (const c of open.splice(0)) c.destroy();
    const dataDir = server.dataDir;
    await server.stop();
    server = await startServer({ dataDir });
    const same = new Client(server.url);
    same.cookie = co.cookie;
    const again = track(await connectDoc(same, `p/${pid}/u/${co.user.id}`));
    await synced(again);
    await settle(300);
    expect(countFeedbackEvents(server.db, pid)).toBe(2);
    expect(listFeedback(server.db, pid).map((f) => [f.themeId, f.resonance, f.skipped]).sort()).toEqual([[limbo, 'not', false], [safety, null, true]].sort());
  });
});

