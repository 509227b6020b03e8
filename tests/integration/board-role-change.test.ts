/**
 * Blinding across a role change: a board view is cut to its viewer's role when it connects, so a
 * lead demoted while their board is open must not keep receiving the lead's view. The server
 * closes every open board view (4409) and the reopened one shows only what the new role may see.
 */
import { describe, expect, it } from 'vitest';
import { readBoardStage } from '../../shared/board';
import { useTestServer } from '../helpers/lifecycle';
import { connectDoc, eventually, settle, synced } from '../helpers/sync';
import { seedDecisions } from '../helpers/records';
import { reviewTeam } from '../helpers/team';

const env = useTestServer();

describe('board views follow role changes', () => {
  it('a demoted lead’s open board is closed and reopens blinded', async () => {
    const { lead, a, b, co, pid, ids } = await reviewTeam(env.server, 6);
    seedDecisions(env.server.db, pid, ids.flatMap((recordId, i) => [
      { recordId, userId: a.user.id, decision: 'include' as const },
      { recordId, userId: b.user.id, decision: i < 2 ? ('exclude' as const) : ('include' as const) },
    ]));
    expect((await lead.patch(`/api/projects/${pid}/members/${co.user.id}`, { role: 'lead' })).status).toBe(200);
    const asLead = env.track(await connectDoc(co, `p/${pid}/board`));
    await synced(asLead);
    await eventually(() => readBoardStage(asLead.doc, 'ta')?.counts?.conflicts === 2, 5000, 'the lead view');
    expect(readBoardStage(asLead.doc, 'ta')!.visible).toBe(true);

    expect((await lead.patch(`/api/projects/${pid}/members/${co.user.id}`, { role: 'co_researcher' })).status).toBe(200);
    await eventually(() => asLead.closes.includes(4409), 5000, 'the old view closed');
    // nothing more reaches the old view: a new disagreement is not sent to it
    seedDecisions(env.server.db, pid, [{ recordId: ids[5]!, userId: b.user.id, decision: 'exclude' }]);
    env.server.deps.board.refresh(pid);
    await settle(500);
    expect(readBoardStage(asLead.doc, 'ta')!.counts!.conflicts).toBe(2);

    const fresh = env.track(await connectDoc(co, `p/${pid}/board`));
    await synced(fresh);
    await eventually(() => readBoardStage(fresh.doc, 'ta') !== undefined, 5000, 'the new view');
    const ta = readBoardStage(fresh.doc, 'ta')!;
    expect(ta.visible).toBe(false);
    expect(ta.counts?.conflicts).toBeUndefined();
    expect(ta.conflicts).toBeUndefined();
    expect((await co.get(`/api/projects/${pid}/conflicts?stage=ta`)).body.error.code).toBe('blinded');
  });

  it('removing a member and changing settings also reopens board views', async () => {
    const { lead, b, obs, pid } = await reviewTeam(env.server, 2);
    const view = env.track(await connectDoc(obs, `p/${pid}/board`));
    await synced(view);
    expect((await lead.patch(`/api/projects/${pid}`, { exclusionReasons: ['Wrong population'] })).status).toBe(200);
    await eventually(() => view.closes.includes(4409), 5000, 'settings change');
    const again = env.track(await connectDoc(obs, `p/${pid}/board`));
    await synced(again);
    expect((await lead.delete(`/api/projects/${pid}/members/${b.user.id}`)).status).toBe(200);
    await eventually(() => again.closes.includes(4409), 5000, 'member removed');
  });
});
