/**
 * The board keeps each live conflict under its own key: settling one conflict sends that one to
 * the viewers, not the whole list again (at 8,700 conflicts the list is 3 MB).
 */
import { describe, expect, it } from 'vitest';
import { readBoardStage } from '../../shared/board';
import { useTestServer } from '../helpers/lifecycle';
import { connectDoc, eventually, synced } from '../helpers/sync';
import { seedDecisions } from '../helpers/records';
import { reviewTeam } from '../helpers/team';

const env = useTestServer();
const latin1 = (updates: Uint8Array[]) => updates.map((u) => Buffer.from(u).toString('latin1')).join('');

describe('live conflicts on the board', () => {
  it('are sent one by one as they change, in arrival order', async () => {
    const { lead, a, b, pid, ids } = await reviewTeam(env.server, 30);
    seedDecisions(env.server.db, pid, ids.flatMap((recordId, i) => [
      { recordId, userId: a.user.id, decision: 'include' as const },
      { recordId, userId: b.user.id, decision: i % 10 === 9 ? ('include' as const) : ('exclude' as const) },
    ]));
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const board = env.track(await connectDoc(lead, `p/${pid}/board`));
    await synced(board);
    const inConflict = ids.filter((_, i) => i % 10 !== 9);
    await eventually(() => readBoardStage(board.doc, 'ta')?.conflicts?.length === inConflict.length, 5000, 'the conflicts on the board');
    expect(readBoardStage(board.doc, 'ta')!.conflicts!.map((c) => c.recordId)).toEqual(inConflict);

    const updates: Uint8Array[] = [];
    board.doc.on('update', (u: Uint8Array) => updates.push(u));
    const settled = inConflict[4]!;
    expect((await lead.post(`/api/projects/${pid}/conflicts/ta/${settled}/resolve`, { decision: 'exclude', reason: '' })).status).toBe(200);
    await eventually(() => readBoardStage(board.doc, 'ta')?.conflicts?.find((c) => c.recordId === settled)?.status === 'resolved', 5000, 'the resolution on the board');
    const sent = latin1(updates);
    expect(sent).toContain(settled);
    for (const other of inConflict.filter((id) => id !== settled)) expect(sent).not.toContain(other);
    // Still all there, still in arrival order.
    expect(readBoardStage(board.doc, 'ta')!.conflicts!.map((c) => c.recordId)).toEqual(inConflict);
    expect(readBoardStage(board.doc, 'ta')!.counts!.resolved).toBe(1);
  });
});
