/**
 * Unblinding only a stage that has something in it: an empty stage (or pilot) is refused with 409
 * `nothing_to_unblind` and leaves no trace; full text waits for title/abstract; the queue route
 * reports the same unblinded state as the board; and the board tells a lead who does not screen
 * how many records someone has still to screen (what the unblind question warns about).
 */
import { describe, expect, it } from 'vitest';
import { readBoardStage } from '../../shared/board';
import { insertUnblinding } from '../../server/screening/repo';
import { useTestServer } from '../helpers/lifecycle';
import { connectDoc, eventually, synced } from '../helpers/sync';
import { reviewTeam } from '../helpers/team';
import { seedDecisions, seedRecords } from '../helpers/records';

const env = useTestServer({}, { perFile: true });

/** Unblinding rows and audit events of a project: both must stay empty after a refusal. */
const traces = (pid: string) => ({
  unblindings: (env.server.db.prepare('SELECT COUNT(*) AS n FROM unblindings WHERE project_id = ?').get(pid) as { n: number }).n,
  events: (env.server.db.prepare("SELECT COUNT(*) AS n FROM events WHERE project_id = ? AND type LIKE 'stage.%unblinded'").get(pid) as { n: number }).n,
});

describe('unblinding guard', () => {
  it('refuses to unblind an empty stage or pilot, with a reason, and changes nothing', async () => {
    const { lead, a, pid } = await reviewTeam(env.server, 0);
    expect((await lead.patch(`/api/projects/${pid}`, { pilotSize: 5 })).status).toBe(200);
    for (const path of ['ft/unblind', 'ta/unblind', 'ta/unblind?scope=pilot']) {
      const r = await lead.post(`/api/projects/${pid}/stages/${path}`);
      expect(r.status, path).toBe(409);
      expect(r.body.error.code).toBe('nothing_to_unblind');
      expect(r.body.error.message).toMatch(/nothing to unblind/);
      expect(r.body.error.message).toMatch(/added later/);
    }
    expect(traces(pid)).toEqual({ unblindings: 0, events: 0 });
    for (const who of [lead, a]) {
      for (const stage of ['ta', 'ft']) expect((await who.get(`/api/projects/${pid}/stages/${stage}/queue`)).body.unblinded).toBe(false);
    }
    // Records imported later are then screened blind, as they should be.
    const ids = seedRecords(env.server.db, pid, lead.user.id, 3);
    expect((await a.get(`/api/projects/${pid}/stages/ta/queue`)).body).toMatchObject({ recordIds: ids, unblinded: false });
  });

  it('full text: empty, then waiting for title/abstract, then unblinded; queue and board agree', async () => {
    const { lead, a, b, pid, ids } = await reviewTeam(env.server, 4);
    // Nothing has reached full text yet.
    expect((await lead.post(`/api/projects/${pid}/stages/ft/unblind`)).body.error.code).toBe('nothing_to_unblind');
    // Both reviewers include records 1 and 2: they reach full text while title/abstract is still blind.
    seedDecisions(env.server.db, pid, ids.slice(0, 2).flatMap((recordId) => [a, b].map((u) => ({ recordId, userId: u.user.id, decision: 'include' as const }))));
    const early = await lead.post(`/api/projects/${pid}/stages/ft/unblind`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('earlier_stage_blinded');
    expect(traces(pid)).toEqual({ unblindings: 0, events: 0 });

    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    expect(traces(pid)).toEqual({ unblindings: 1, events: 1 });
    for (const who of [lead, a]) {
      expect((await who.get(`/api/projects/${pid}/stages/ta/queue`)).body.unblinded).toBe(true);
      expect((await who.get(`/api/projects/${pid}/stages/ft/queue`)).body).toMatchObject({ total: 2, unblinded: false });
    }
    const ft = await lead.post(`/api/projects/${pid}/stages/ft/unblind`);
    expect(ft.status).toBe(200);
    expect(ft.body).toMatchObject({ stage: 'ft', unblinded: true });
    expect(traces(pid)).toEqual({ unblindings: 2, events: 2 });
    for (const who of [lead, a, b]) expect((await who.get(`/api/projects/${pid}/stages/ft/queue`)).body.unblinded).toBe(true);
    expect((await lead.post(`/api/projects/${pid}/stages/ft/unblind`)).body.error.code).toBe('already_unblinded');

    // The board says the same as the queue route.
    const board = await connectDoc(a, `p/${pid}/board`);
    env.track(board);
    await synced(board);
    await eventually(() => readBoardStage(board.doc, 'ft')?.unblinded === true, 5000, 'board shows full text unblinded');
  });

  it('a reviewer blind at title/abstract is told the truth about a full-text unblinding made before the guard', async () => {
    // Projects unblinded full text first before this guard existed; the board always showed it.
    const { lead, a, pid } = await reviewTeam(env.server, 2);
    insertUnblinding(env.server.db, pid, { stage: 'ft', scope: 'stage', byUser: lead.user.id, at: new Date().toISOString(), lastDecisionEvent: 0 });
    const q = (await a.get(`/api/projects/${pid}/stages/ft/queue`)).body;
    expect(q).toMatchObject({ recordIds: [], total: null, unblinded: true, opensAfterUnblinding: 'ta' });
    const board = await connectDoc(a, `p/${pid}/board`);
    env.track(board);
    await synced(board);
    await eventually(() => readBoardStage(board.doc, 'ft') !== undefined, 5000, 'board filled');
    expect(readBoardStage(board.doc, 'ft')?.unblinded).toBe(q.unblinded);
  });

  it('counts the records not yet screened by everyone, for the lead who does not screen only', async () => {
    const { lead, a, b, pid, ids } = await reviewTeam(env.server, 5);
    // Alice screened everything, Bob two records: three records still wait for Bob.
    seedDecisions(env.server.db, pid, [
      ...ids.map((recordId) => ({ recordId, userId: a.user.id, decision: 'exclude' as const })),
      ...ids.slice(0, 2).map((recordId) => ({ recordId, userId: b.user.id, decision: 'exclude' as const })),
    ]);
    const leadBoard = await connectDoc(lead, `p/${pid}/board`);
    const bobBoard = await connectDoc(b, `p/${pid}/board`);
    env.track(leadBoard);
    env.track(bobBoard);
    await Promise.all([synced(leadBoard), synced(bobBoard)]);
    await eventually(() => readBoardStage(leadBoard.doc, 'ta')?.counts?.unscreened === 3, 5000, 'lead sees 3 unscreened');
    expect(readBoardStage(leadBoard.doc, 'ta')).toMatchObject({ total: 5, counts: { pending: 3, unscreened: 3 } });
    await eventually(() => readBoardStage(bobBoard.doc, 'ta') !== undefined, 5000, 'reviewer board filled');
    expect(readBoardStage(bobBoard.doc, 'ta')?.counts).toBeUndefined();
  });
});
