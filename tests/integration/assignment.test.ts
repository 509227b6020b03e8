/** Balanced assignment, the pilot round and its early unblinding, and reassignment. */
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { listDecisions } from '../../server/screening/repo';

const env = useTestServer();

describe('balanced assignment and the pilot round', () => {
  it('gives pilot records to everyone, balances the rest, and unblinds only the pilot early', async () => {
    const lead = await signUp(env.server.url, 'Lead');
    const revs = [await signUp(env.server.url, 'R1'), await signUp(env.server.url, 'R2'), await signUp(env.server.url, 'R3')];
    const pid = await projectWith(lead, revs.map((client) => ({ client, role: 'reviewer' })));
    await lead.patch(`/api/projects/${pid}`, { assignment: 'balanced', reviewersPerRecord: 2, pilotSize: 3 });
    const ids = seedRecords(env.server.db, pid, lead.user.id, 15);
    const queues = await Promise.all(revs.map(async (r) => (await r.get(`/api/projects/${pid}/stages/ta/queue`)).body.recordIds as string[]));
    for (const q of queues) expect(q.slice(0, 3)).toEqual(ids.slice(0, 3));
    // 12 non-pilot records × 2 reviewers = 24 places over 3 reviewers: 8 each.
    expect(queues.map((q) => q.length - 3)).toEqual([8, 8, 8]);
    for (const id of ids.slice(3)) expect(queues.filter((q) => q.includes(id))).toHaveLength(2);

    // A record not assigned to a reviewer is refused when they decide it.
    const r0 = await connectDoc(revs[0]!, `p/${pid}/u/${revs[0]!.user.id}`);
    env.track(r0);
    await synced(r0);
    const notMine = ids.slice(3).find((id) => !queues[0]!.includes(id))!;
    r0.doc.getMap('decisions:ta').set(notMine, { decision: 'include', reasons: [], note: '', at: new Date().toISOString() });
    await eventually(() => r0.doc.getMap('rejected').has(`decisions:ta:${notMine}`), 5000, 'unassigned refused');
    expect((r0.doc.getMap('rejected').get(`decisions:ta:${notMine}`) as { message: string }).message).toMatch(/not assigned/);

    // Everyone screens the pilot; R1 and R2 disagree on pilot record 0 and on a later shared record.
    const shared = ids.slice(3).find((id) => queues[0]!.includes(id) && queues[1]!.includes(id))!;
    const docs = [r0];
    for (const r of revs.slice(1)) {
      const d = await connectDoc(r, `p/${pid}/u/${r.user.id}`);
      env.track(d);
      await synced(d);
      docs.push(d);
    }
    docs.forEach((d, i) => {
      for (const id of ids.slice(0, 3)) d.doc.getMap('decisions:ta').set(id, { decision: id === ids[0] && i === 1 ? 'exclude' : 'include', reasons: [], note: `pilot ${i}`, at: new Date().toISOString() });
    });
    docs[0]!.doc.getMap('decisions:ta').set(shared, { decision: 'include', reasons: [], note: 'later', at: new Date().toISOString() });
    docs[1]!.doc.getMap('decisions:ta').set(shared, { decision: 'exclude', reasons: [], note: 'SECRET-later', at: new Date().toISOString() });
    await eventually(() => listDecisions(env.server.db, pid, 'ta').length === 11, 5000, 'decisions');

    expect((await revs[2]!.get(`/api/projects/${pid}/conflicts?stage=ta`)).status).toBe(403);
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind?scope=pilot`)).status).toBe(200);
    const pilot = await revs[2]!.get(`/api/projects/${pid}/conflicts?stage=ta`);
    expect(pilot.status).toBe(200);
    expect(pilot.body.conflicts.map((c: { recordId: string }) => c.recordId)).toEqual([ids[0]]);
    expect(JSON.stringify(pilot.body)).not.toContain('SECRET-later');
    const view = await revs[2]!.get(`/api/projects/${pid}/decisions?stage=ta`);
    const sharedView = view.body.records.find((r: { recordId: string }) => r.recordId === shared);
    expect(sharedView.decisions).toEqual([]);
    const board = await connectDoc(revs[2]!, `p/${pid}/board`);
    env.track(board);
    await synced(board);
    await eventually(() => (board.doc.getMap('stages').get('ta') as any)?.pilot?.conflicts?.length === 1, 5000, 'pilot on board');
    expect(JSON.stringify(board.doc.toJSON())).not.toContain('SECRET-later');
  });

  it('moves a removed reviewer’s undecided records to another screener', async () => {
    const lead = await signUp(env.server.url, 'Lead');
    const revs = [await signUp(env.server.url, 'R1'), await signUp(env.server.url, 'R2'), await signUp(env.server.url, 'R3')];
    const pid = await projectWith(lead, revs.map((client) => ({ client, role: 'reviewer' })));
    await lead.patch(`/api/projects/${pid}`, { assignment: 'balanced', reviewersPerRecord: 1 });
    seedRecords(env.server.db, pid, lead.user.id, 9);
    const q = async (i: number) => (await revs[i]!.get(`/api/projects/${pid}/stages/ta/queue`)).body.recordIds as string[];
    const before = [await q(0), await q(1), await q(2)];
    expect(before.map((x) => x.length)).toEqual([3, 3, 3]);
    await lead.delete(`/api/projects/${pid}/members/${revs[2]!.user.id}`);
    const moved = await lead.post(`/api/projects/${pid}/stages/ta/reassign`, { from: revs[2]!.user.id, to: revs[0]!.user.id });
    expect(moved.body.moved).toBe(3);
    expect((await q(0)).sort()).toEqual([...before[0]!, ...before[2]!].sort());
  });
});
