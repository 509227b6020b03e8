/**
 * A lead settling a full-text exclusion picks one of the project's exclusion reasons, kept apart
 * from the note: PRISMA counts the record under it; an unknown reason is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaReport } from '../../shared/prisma/report';
import { writeDecision } from '../../server/screening/repo';
import { startServer, type TestServer } from '../helpers/server';
import { seedDecisions } from '../helpers/records';
import { reviewTeam, type ReviewTeam } from '../helpers/team';

let server: TestServer;
let team: ReviewTeam;
beforeAll(async () => {
  server = await startServer();
  team = await reviewTeam(server, 3);
  const { pid, a, b, lead, ids } = team;
  // Everything goes on to full text; there Alice includes and Bob excludes each record, for a wrong setting.
  seedDecisions(server.db, pid, ids.flatMap((recordId) => [a, b].map((u) => ({ recordId, userId: u.user.id, decision: 'include' as const }))));
  expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
  const at = new Date().toISOString();
  server.db.transaction(() => {
    for (const rid of ids) {
      writeDecision(server.db, pid, 'ft', rid, a.user.id, null, { decision: 'include', reasons: [], note: '', at });
      writeDecision(server.db, pid, 'ft', rid, b.user.id, null, { decision: 'exclude', reasons: ['Wrong setting'], note: '', at });
    }
  })();
  expect((await lead.post(`/api/projects/${pid}/stages/ft/unblind`)).status).toBe(200);
});
afterAll(async () => {
  await server.close();
});

const resolve = (rid: string, body: unknown) => team.lead.post(`/api/projects/${team.pid}/conflicts/ft/${rid}/resolve`, body);
const reasonsInPrisma = async () => {
  const r = await team.lead.get<PrismaReport>(`/api/projects/${team.pid}/prisma.json`);
  expect(r.status).toBe(200);
  return r.body.counts.excludedReports;
};

describe('the reason a lead chooses when settling a full-text exclusion', () => {
  it('is stored apart from the note and counted in PRISMA', async () => {
    const [first] = team.ids;
    const r = await resolve(first!, { decision: 'exclude', reason: 'Talked it through: a hospital ward, not the community.', exclusionReason: 'Wrong study design' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ decision: 'exclude', reason: 'Talked it through: a hospital ward, not the community.', exclusionReason: 'Wrong study design' });
    expect(await reasonsInPrisma()).toEqual([{ reason: 'Wrong study design', n: 1 }]);

    const chosen = await team.lead.get(`/api/projects/${team.pid}/conflicts/ft/exclusion-reasons`);
    expect(chosen.body.reasons).toEqual({ [first!]: 'Wrong study design' });
    const history = await team.lead.get(`/api/projects/${team.pid}/records/${first}/history`);
    const settled = history.body.events.find((e: { kind: string }) => e.kind === 'resolved');
    expect(settled).toMatchObject({ reason: 'Talked it through: a hospital ward, not the community.', exclusionReason: 'Wrong study design' });
  });

  it('falls back as before: a note naming a reason counts, else the reviewers’ reasons', async () => {
    const [, second, third] = team.ids;
    expect((await resolve(second!, { decision: 'exclude', reason: 'Not peer reviewed' })).body.exclusionReason).toBe('Not peer reviewed');
    expect((await resolve(third!, { decision: 'exclude', reason: 'A free note' })).body.exclusionReason).toBeNull();
    expect(await reasonsInPrisma()).toEqual([
      { reason: 'Wrong study design', n: 1 },
      { reason: 'Wrong setting', n: 1 },
      { reason: 'Not peer reviewed', n: 1 },
    ]);
  });

  it('refuses an unknown reason, or a reason with an inclusion, with 400 and fields, changing nothing', async () => {
    const [first] = team.ids;
    const before = await reasonsInPrisma();
    const events = server.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'record.resolved'").get() as { n: number };
    const unknown = await resolve(first!, { decision: 'exclude', exclusionReason: 'Made up reason' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty('exclusionReason');
    const withInclude = await resolve(first!, { decision: 'include', exclusionReason: 'Wrong setting' });
    expect(withInclude.status).toBe(400);
    expect(withInclude.body.error.fields).toHaveProperty('exclusionReason');
    expect(await reasonsInPrisma()).toEqual(before);
    expect(server.db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'record.resolved'").get()).toEqual(events);
    const row = server.db.prepare('SELECT decision, reason FROM resolutions WHERE project_id = ? AND record_id = ?').get(team.pid, first) as { decision: string; reason: string };
    expect(row).toEqual({ decision: 'exclude', reason: 'Talked it through: a hospital ward, not the community.' });
  });

  it('is cleared when the lead settles the record the other way', async () => {
    const [first] = team.ids;
    expect((await resolve(first!, { decision: 'include' })).body.exclusionReason).toBeNull();
    const chosen = await team.lead.get(`/api/projects/${team.pid}/conflicts/ft/exclusion-reasons`);
    expect(chosen.body.reasons[first!]).toBeUndefined();
  });

  it('lets members read the chosen reasons once the stage is unblinded; only a lead settles', async () => {
    expect((await team.obs.get(`/api/projects/${team.pid}/conflicts/ft/exclusion-reasons`)).status).toBe(200);
    expect((await team.co.post(`/api/projects/${team.pid}/conflicts/ft/${team.ids[0]}/resolve`, { decision: 'exclude', exclusionReason: 'Wrong setting' })).status).toBe(403);
  });
});
