/**
 * A record's history (GET /api/projects/:pid/records/:rid/history): the whole story in order —
 * import, duplicate links, decisions with before → after, votes, resolution, unblinding — and
 * the blinding rule: before unblinding a screener sees only their own decision events.
 */
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { reviewTeam } from '../helpers/team';
import { blankRecord, insertImport } from '../../server/records/store';
import { listDecisions } from '../../server/screening/repo';

const env = useTestServer();
const at = () => new Date().toISOString();

async function privateDoc(client: Awaited<ReturnType<typeof signUp>>, pid: string) {
  const d = await connectDoc(client, `p/${pid}/u/${client.user.id}`);
  env.track(d);
  await synced(d);
  return d;
}

const kinds = (body: { events: { kind: string }[] }) => body.events.map((e) => e.kind);

describe('record history', () => {
  it('tells the whole story in order, and hides others’ decisions from a blinded screener', async () => {
    const { lead, a, b, co, obs, pid, ids: [rid, other] } = await reviewTeam(env.server, 2);
    // A second database finds the same study: linked as a duplicate, never screened itself.
    env.server.db.transaction(() =>
      insertImport(env.server.db, {
        projectId: pid, userId: lead.user.id, source: 'PsycINFO', format: 'ris', filename: 'psycinfo.ris', encoding: 'utf-8', problems: [],
        records: [{ record: blankRecord('Record 1: experiences of peer support'), duplicate: { of: rid!, reason: 'doi', score: 1 } }],
      }),
    )();

    const da = await privateDoc(a, pid);
    const db = await privateDoc(b, pid);
    da.doc.getMap('decisions:ta').set(rid!, { decision: 'include', reasons: [], note: 'fits SPIDER', at: at() });
    db.doc.getMap('decisions:ta').set(rid!, { decision: 'exclude', reasons: [], note: 'wrong setting', at: at() });
    db.doc.getMap('decisions:ta').set(other!, { decision: 'exclude', reasons: [], note: '', at: at() });
    await eventually(() => listDecisions(env.server.db, pid, 'ta').length === 3, 5000, 'decisions');
    // Alice reconsiders before unblinding: a before → after event of her own.
    da.doc.getMap('decisions:ta').set(rid!, { decision: 'maybe', reasons: [], note: 'unsure about setting', at: at() });
    await eventually(() => listDecisions(env.server.db, pid, 'ta').some((d) => d.userId === a.user.id && d.decision === 'maybe'), 5000, 'change');

    // Blinded: Alice sees the import, the duplicate link and her own two decision events only.
    const blindA = await a.get(`/api/projects/${pid}/records/${rid}/history`);
    expect(blindA.status).toBe(200);
    expect(kinds(blindA.body)).toEqual(['imported', 'duplicate_found', 'decision', 'decision']);
    expect(blindA.body.events.every((e: any) => e.kind !== 'decision' || e.by.id === a.user.id)).toBe(true);
    expect(blindA.body.events[3]).toMatchObject({ stage: 'ta', before: { decision: 'include', note: 'fits SPIDER' }, after: { decision: 'maybe' } });
    expect(blindA.body.hiddenStages).toEqual(['ta', 'ft']);
    expect(JSON.stringify(blindA.body)).not.toContain('wrong setting');
    expect(blindA.body.events[0]).toMatchObject({ kind: 'imported', source: 'Test source', by: { name: 'Lead' } });
    expect(blindA.body.events[1]).toMatchObject({ kind: 'duplicate_found', source: 'PsycINFO', reason: 'doi' });
    // The co-researcher and the observer do not screen, but the stage is blinded: nobody's decisions.
    for (const who of [co, obs]) {
      const h = await who.get(`/api/projects/${pid}/records/${rid}/history`);
      expect(kinds(h.body)).toEqual(['imported', 'duplicate_found']);
    }
    // A lead who does not screen the stage may watch it live (DESIGN section 2).
    expect(kinds((await lead.get(`/api/projects/${pid}/records/${rid}/history`)).body)).toEqual(['imported', 'duplicate_found', 'decision', 'decision', 'decision']);

    // Unblinding, votes and the lead's resolution.
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    da.doc.getMap('votes').set(`ta:${rid}`, { vote: 'include', comment: 'peer support is central', at: at() });
    const dc = await privateDoc(co, pid);
    dc.doc.getMap('votes').set(`ta:${rid}`, { vote: 'exclude', comment: 'camp setting', at: at() });
    await eventually(async () => (await a.get(`/api/projects/${pid}/conflicts?stage=ta`)).body.conflicts[0]?.votes.voters.length === 2, 5000, 'votes');
    const res = await lead.post(`/api/projects/${pid}/conflicts/ta/${rid}/resolve`, { decision: 'include', reason: 'Discussed with the team' });
    expect(res.status).toBe(200);

    const full = await b.get(`/api/projects/${pid}/records/${rid}/history`);
    expect(full.status).toBe(200);
    expect(full.body.hiddenStages).toEqual(['ft']);
    expect(kinds(full.body)).toEqual(['imported', 'duplicate_found', 'decision', 'decision', 'decision', 'unblinded', 'vote', 'vote', 'resolved']);
    const ev = full.body.events;
    expect(ev.filter((e: any) => e.kind === 'decision').map((e: any) => `${e.by.name}:${e.before?.decision ?? '-'}→${e.after.decision}`)).toEqual([
      'Alice:-→include',
      'Bob:-→exclude',
      'Alice:include→maybe',
    ]);
    expect(ev.find((e: any) => e.kind === 'unblinded')).toMatchObject({ stage: 'ta', scope: 'stage', by: { name: 'Lead' } });
    expect(ev.filter((e: any) => e.kind === 'vote').map((e: any) => `${e.by.name}:${e.after.vote}`)).toEqual(['Alice:include', 'Cora:exclude']);
    expect(ev.at(-1)).toMatchObject({ kind: 'resolved', stage: 'ta', source: 'lead', decision: 'include', reason: 'Discussed with the team', by: { name: 'Lead' } });
    const times = ev.map((e: any) => e.at);
    expect([...times].sort()).toEqual(times);

    // The duplicate's own history points back at the record it duplicates.
    const dupId = full.body.events.find((e: any) => e.kind === 'duplicate_found').otherId;
    const dup = await a.get(`/api/projects/${pid}/records/${dupId}/history`);
    expect(kinds(dup.body)).toEqual(['imported', 'duplicate_of']);
    expect(dup.body.events[1]).toMatchObject({ otherId: rid, reason: 'doi' });
  });

  it('answers 404 for strangers and unknown records', async () => {
    const lead = await signUp(env.server.url, 'Lead');
    const stranger = await signUp(env.server.url, 'Stranger');
    const pid = await projectWith(lead, []);
    const [rid] = seedRecords(env.server.db, pid, lead.user.id, 1);
    expect((await stranger.get(`/api/projects/${pid}/records/${rid}/history`)).status).toBe(404);
    expect((await lead.get(`/api/projects/${pid}/records/nope/history`)).status).toBe(404);
    expect((await new (lead.constructor as any)(env.server.url).get(`/api/projects/${pid}/records/${rid}/history`)).status).toBe(401);
  });
});
