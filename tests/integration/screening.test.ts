/** Screening through real sync clients: projection, validation, concurrency, offline, unblinding. */
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, settle, synced } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { decisionsAsOf, lastDecisionEventId, listDecisions } from '../../server/screening/repo';

const env = useTestServer();

const at = () => new Date().toISOString();
const decide = (d: 'include' | 'exclude' | 'maybe', reasons: string[] = [], note = '') => ({ decision: d, reasons, note, at: at() });

async function setup(reviewers = 2, records = 10) {
  const lead = await signUp(env.server.url, 'Lead');
  const revs = [];
  for (let i = 0; i < reviewers; i++) revs.push(await signUp(env.server.url, `Reviewer ${i + 1}`));
  const pid = await projectWith(lead, revs.map((client) => ({ client, role: 'reviewer' })));
  const ids = seedRecords(env.server.db, pid, lead.user.id, records);
  return { lead, revs, pid, ids };
}

describe('projection of private documents', () => {
  it('projects valid decisions and refuses invalid ones without breaking anything', async () => {
    const { revs, pid, ids, lead } = await setup(1, 5);
    const other = await projectWith(lead, [{ client: revs[0]!, role: 'reviewer' }], 'Other');
    const foreign = seedRecords(env.server.db, other, lead.user.id, 1, 'Foreign')[0]!;
    const a = env.track(await connectDoc(revs[0]!, `p/${pid}/u/${revs[0]!.user.id}`));
    await synced(a);
    const ta = a.doc.getMap('decisions:ta');
    const ft = a.doc.getMap('decisions:ft');
    a.doc.transact(() => {
      ta.set(ids[0]!, decide('include'));
      ta.set(ids[1]!, decide('exclude', ['Wrong setting'], 'not in a refugee setting'));
      ta.set('no-such-record', decide('include'));
      ta.set(ids[2]!, { decision: 'perhaps', reasons: [], note: '', at: at() });
      ta.set(ids[3]!, decide('exclude', ['Made-up reason']));
      ta.set(foreign, decide('include'));
      ft.set(ids[4]!, decide('exclude'));
    });
    await eventually(() => a.doc.getMap('rejected').size === 5, 5000, 'rejections');
    const rows = listDecisions(env.server.db, pid, 'ta');
    expect(rows.map((r) => [r.recordId, r.decision]).sort()).toEqual([[ids[0], 'include'], [ids[1], 'exclude']].sort());
    expect(rows.find((r) => r.recordId === ids[1])!.note).toBe('not in a refugee setting');
    const rejected = a.doc.getMap('rejected').toJSON() as Record<string, { message: string }>;
    expect(rejected['decisions:ta:no-such-record']!.message).toMatch(/Unknown record/);
    expect(rejected[`decisions:ta:${ids[2]}`]!.message).toMatch(/Not a valid decision/);
    expect(rejected[`decisions:ta:${ids[3]}`]!.message).toMatch(/Unknown exclusion reason/);
    expect(rejected[`decisions:ta:${foreign}`]!.message).toMatch(/Unknown record/);
    expect(rejected[`decisions:ft:${ids[4]}`]!.message).toMatch(/Full-text/);
    // Fixing an entry clears its rejection and projects it.
    ta.set(ids[2]!, decide('maybe'));
    await eventually(() => !a.doc.getMap('rejected').has(`decisions:ta:${ids[2]}`), 5000, 'rejection cleared');
    expect(listDecisions(env.server.db, pid, 'ta').find((r) => r.recordId === ids[2])!.decision).toBe('maybe');
    // Withdrawing a decision removes it and records the event.
    ta.delete(ids[0]!);
    await eventually(() => !listDecisions(env.server.db, pid, 'ta').some((r) => r.recordId === ids[0]), 5000, 'withdrawn');
    expect((await fetch(`${env.server.url}/api/health`)).status).toBe(200);
  });

  it('3 reviewers × 300 concurrent decisions with changes of mind end in SQLite exactly as in the documents', async () => {
    const { revs, pid, ids } = await setup(3, 300);
    const clients = await Promise.all(revs.map((r) => connectDoc(r, `p/${pid}/u/${r.user.id}`)));
    clients.forEach(env.track);
    await Promise.all(clients.map((c) => synced(c)));
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647), seed / 2147483647);
    const kinds = ['include', 'exclude', 'maybe'] as const;
    await Promise.all(
      clients.map(async (c, ci) => {
        const map = c.doc.getMap('decisions:ta');
        for (let i = 0; i < 300; i++) {
          const d = kinds[Math.floor(rnd() * 3)]!;
          map.set(ids[i]!, decide(d, d === 'exclude' && rnd() < 0.5 ? ['Wrong population'] : [], `r${ci}-${i}`));
          if (rnd() < 0.2) map.set(ids[Math.floor(rnd() * (i + 1))]!, decide('maybe', [], `changed ${ci}-${i}`));
          if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
        }
      }),
    );
    const expected = () =>
      clients.flatMap((c, ci) =>
        [...c.doc.getMap<{ decision: string; note: string }>('decisions:ta')].map(([rid, v]) => `${revs[ci]!.user.id}|${rid}|${v.decision}|${v.note}`),
      ).sort();
    const actual = () => listDecisions(env.server.db, pid, 'ta').map((d) => `${d.userId}|${d.recordId}|${d.decision}|${d.note}`).sort();
    await eventually(() => actual().length === 900 && JSON.stringify(actual()) === JSON.stringify(expected()), 20000, 'projection');
    const replay = decisionsAsOf(env.server.db, pid, 'ta', lastDecisionEventId(env.server.db, pid))
      .map((d) => `${d.userId}|${d.recordId}|${d.decision}|${d.note}`)
      .sort();
    expect(replay).toEqual(actual());
  });

  it('decisions made offline arrive once when the client reconnects', async () => {
    const { revs, pid, ids } = await setup(1, 20);
    const a = env.track(await connectDoc(revs[0]!, `p/${pid}/u/${revs[0]!.user.id}`));
    await synced(a);
    a.provider.disconnect();
    const map = a.doc.getMap('decisions:ta');
    for (const id of ids) map.set(id, decide('include', [], 'offline'));
    await settle(200);
    expect(listDecisions(env.server.db, pid, 'ta')).toHaveLength(0);
    a.provider.connect();
    await eventually(() => listDecisions(env.server.db, pid, 'ta').length === 20, 5000, 'offline decisions');
    await settle(300);
    const events = env.server.db.prepare('SELECT COUNT(*) n FROM decision_events WHERE project_id = ?').get(pid) as { n: number };
    expect(events.n).toBe(20);
    // A reconnect with nothing new changes nothing.
    a.provider.disconnect();
    a.provider.connect();
    await synced(a);
    await settle(300);
    expect((env.server.db.prepare('SELECT COUNT(*) n FROM decision_events WHERE project_id = ?').get(pid) as { n: number }).n).toBe(20);
  });
});
