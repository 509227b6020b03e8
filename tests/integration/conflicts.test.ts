/** Disagreements: the conflicts list, votes and tallies, lead resolution, quorum, and who may act. */
import { describe, expect, it } from 'vitest';
import { readBoardStage } from '../../shared/board';
import WebSocket from 'ws';
import { useTestServer } from '../helpers/lifecycle';
import { signUp } from '../helpers/http';
import { connectDoc, eventually, settle, synced, type SyncClient } from '../helpers/sync';
import { reviewTeam } from '../helpers/team';
import { listDecisions } from '../../server/screening/repo';

const env = useTestServer();
const at = () => new Date().toISOString();

async function review() {
  const team = await reviewTeam(env.server, 8);
  const { a, b, pid, ids } = team;
  // Alice: I I I E E E M I ; Bob: I E E E I E E M  → disagreements on 1, 2, 4, 6 (maybe counts as include)
  const plan: [string, string][] = [['include', 'include'], ['include', 'exclude'], ['include', 'exclude'], ['exclude', 'exclude'], ['exclude', 'include'], ['exclude', 'exclude'], ['maybe', 'exclude'], ['include', 'maybe']];
  const docs: Record<string, SyncClient> = {};
  for (const [who, client, col] of [['a', a, 0], ['b', b, 1]] as const) {
    const d = await connectDoc(client, `p/${pid}/u/${client.user.id}`);
    env.track(d);
    await synced(d);
    docs[who] = d;
    plan.forEach(([x, y], i) => d.doc.getMap('decisions:ta').set(ids[i]!, { decision: col ? y : x, reasons: [], note: `${who}${i}`, at: at() }));
  }
  await eventually(() => listDecisions(env.server.db, pid, 'ta').length === 16, 5000, 'decisions');
  return { ...team, docs };
}

async function vote(client: Awaited<ReturnType<typeof signUp>>, pid: string, key: string, v: 'include' | 'exclude') {
  const d = await connectDoc(client, `p/${pid}/u/${client.user.id}`);
  env.track(d);
  await synced(d);
  d.doc.getMap('votes').set(key, { vote: v, comment: `${client.user.name} says ${v}`, at: at() });
  return d;
}

describe('conflicts', () => {
  it('lists exactly the disagreements, tallies votes live, and the lead’s resolution moves includes to full text', async () => {
    const { lead, a, b, co, obs, pid, ids, docs } = await review();
    expect((await a.get(`/api/projects/${pid}/conflicts?stage=ta`)).status).toBe(403);
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const list = await a.get(`/api/projects/${pid}/conflicts?stage=ta`);
    expect(list.status).toBe(200);
    expect(list.body.conflicts.map((c: { recordId: string }) => c.recordId).sort()).toEqual([ids[1], ids[2], ids[4], ids[6]].sort());
    const c1 = list.body.conflicts.find((c: { recordId: string }) => c.recordId === ids[1]);
    expect(c1.decisions.map((d: { name: string; decision: string; note: string }) => `${d.name}:${d.decision}:${d.note}`).sort()).toEqual(['Alice:include:a1', 'Bob:exclude:b1']);

    // Three members vote on record 1; the board tallies live.
    const board = await connectDoc(obs, `p/${pid}/board`);
    env.track(board);
    await synced(board);
    await vote(a, pid, `ta:${ids[1]}`, 'include');
    await vote(co, pid, `ta:${ids[1]}`, 'include');
    await vote(b, pid, `ta:${ids[1]}`, 'exclude');
    const tally = () => (readBoardStage(board.doc, 'ta')?.conflicts ?? []).find((c) => c.recordId === ids[1])?.votes;
    await eventually(() => tally()?.include === 2 && tally()?.exclude === 1, 5000, 'tally on board');
    expect(tally()!.voters.map((v) => v.name).sort()).toEqual(['Alice', 'Bob', 'Cora']);

    // Ft holds only settled includes: records 0 and 7 (agreed; maybe counts as include) so far.
    const ftBefore = await lead.get(`/api/projects/${pid}/stages/ft/queue`);
    expect(ftBefore.body.total).toBe(2);
    // The lead resolves record 1 as include; it becomes final and reaches full text.
    const r = await lead.post(`/api/projects/${pid}/conflicts/ta/${ids[1]}/resolve`, { decision: 'include', reason: 'Discussed: meets criteria' });
    expect(r.status).toBe(200);
    const decisions = await a.get(`/api/projects/${pid}/decisions?stage=ta`);
    const rec1 = decisions.body.records.find((x: any) => x.recordId === ids[1]);
    expect(rec1).toMatchObject({ status: 'resolved', final: 'include' });
    expect((await a.get(`/api/projects/${pid}/stages/ft/queue`)).body.recordIds).toEqual([ids[0], ids[1], ids[7]]);
    const audit = await lead.get(`/api/projects/${pid}/audit`);
    expect(audit.body.events.some((e: any) => e.type === 'record.resolved' && e.entityId === ids[1])).toBe(true);

    // A reviewer changes their mind after discussion: the original independent judgement is kept.
    docs.b!.doc.getMap('decisions:ta').set(ids[2]!, { decision: 'include', reasons: [], note: 'changed after discussion', at: at() });
    await eventually(async () => {
      const l = await a.get(`/api/projects/${pid}/conflicts?stage=ta`);
      return !l.body.conflicts.some((c: any) => c.recordId === ids[2]);
    }, 5000, 'conflict gone after change');
    const agreed = (await a.get(`/api/projects/${pid}/decisions?stage=ta`)).body.records.find((x: any) => x.recordId === ids[2]);
    expect(agreed).toMatchObject({ status: 'agreed', final: 'include' });
    const history = env.server.db.prepare('SELECT before, after FROM decision_events WHERE record_id = ? AND user_id = ? ORDER BY id').all(ids[2], b.user.id) as { before: string | null; after: string }[];
    expect(history.map((h) => JSON.parse(h.after).decision)).toEqual(['exclude', 'include']);
  });

  it('settles automatically once quorum and majority are reached, when the project allows it', async () => {
    const { lead, a, b, co, pid, ids } = await review();
    await lead.patch(`/api/projects/${pid}`, { autoSettle: { enabled: true, quorum: 3, majority: 0.66 } });
    await lead.post(`/api/projects/${pid}/stages/ta/unblind`);
    await vote(a, pid, `ta:${ids[4]}`, 'exclude');
    await vote(b, pid, `ta:${ids[4]}`, 'exclude');
    await settle(200);
    const status = async () => (await a.get(`/api/projects/${pid}/decisions?stage=ta`)).body.records.find((x: any) => x.recordId === ids[4]);
    expect((await status()).status).toBe('conflict'); // 2 votes < quorum 3
    const cd = await vote(co, pid, `ta:${ids[4]}`, 'exclude');
    await eventually(async () => (await status()).status === 'resolved', 5000, 'quorum settlement');
    expect((await status()).final).toBe('exclude');
    // One changed vote still leaves a 2/3 majority (≥ 0.66): the settlement stands, the tally updates.
    cd.doc.getMap('votes').set(`ta:${ids[4]}`, { vote: 'include', comment: 'on reflection', at: at() });
    await eventually(async () => (await status()).status === 'resolved', 5000, 'still resolved at 2/3');
    const lead2 = await lead.get(`/api/projects/${pid}/conflicts?stage=ta`);
    expect(lead2.body.conflicts.find((c: any) => c.recordId === ids[4]).votes).toMatchObject({ include: 1, exclude: 2 });
  });

  it('votes only through one’s own document; observers can neither vote nor resolve', async () => {
    const { lead, a, b, obs, pid, ids } = await review();
    await lead.post(`/api/projects/${pid}/stages/ta/unblind`);
    // Another member's private document is refused before the handshake.
    const t = (await a.post('/api/sync/tickets')).body.ticket;
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${env.server.url.replace('http', 'ws')}/sync/p/${pid}/u/${b.user.id}?ticket=${t}`);
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
    // An observer's vote in their own document is refused and never counted.
    const od = await vote(obs, pid, `ta:${ids[1]}`, 'include');
    await eventually(() => od.doc.getMap('rejected').has(`votes:ta:${ids[1]}`), 5000, 'observer vote rejected');
    const list = await lead.get(`/api/projects/${pid}/conflicts?stage=ta`);
    expect(list.body.conflicts.find((c: any) => c.recordId === ids[1]).votes.include).toBe(0);
    const res = await obs.post(`/api/projects/${pid}/conflicts/ta/${ids[1]}/resolve`, { decision: 'include' });
    expect(res.status).toBe(403);
    const rev = await a.post(`/api/projects/${pid}/conflicts/ta/${ids[1]}/resolve`, { decision: 'include' });
    expect(rev.status).toBe(403);
    // Votes on records that are not disputed are refused too.
    const ad = await vote(a, pid, `ta:${ids[0]}`, 'exclude');
    await eventually(() => ad.doc.getMap('rejected').has(`votes:ta:${ids[0]}`), 5000, 'undisputed vote rejected');
  });
});
