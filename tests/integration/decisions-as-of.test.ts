/** The decisions as at an event (what unblinding froze) are kept between calls: only when that is safe. */
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { seedRecords } from '../helpers/records';
import { decisionsAsOf, lastDecisionEventId, writeDecision } from '../../server/screening/repo';

const env = useTestServer();
const value = (decision: 'include' | 'exclude') => ({ decision, reasons: [], note: '', at: new Date().toISOString() });

describe('decisions as at an event', () => {
  it('stay as they were after later decisions, are read-only, and are not kept from a transaction that rolls back', async () => {
    const lead = await signUp(env.server.url, 'Lead');
    const rev = await signUp(env.server.url, 'Reviewer');
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }]);
    const [r1, r2] = seedRecords(env.server.db, pid, lead.user.id, 2);
    const db = env.server.db;
    const write = (rid: string, d: 'include' | 'exclude', before: 'include' | 'exclude' | null = null) =>
      db.transaction(() => writeDecision(db, pid, 'ta', rid, rev.user.id, before ? value(before) : null, value(d)))();
    const decisions = (n: number) => decisionsAsOf(db, pid, 'ta', n).map((d) => `${d.recordId}:${d.decision}`).sort();

    write(r1!, 'include');
    const frozen = lastDecisionEventId(db, pid);
    expect(decisions(frozen)).toEqual([`${r1}:include`]);
    // A change of mind and a new decision come after the frozen point: it does not move.
    write(r1!, 'exclude', 'include');
    write(r2!, 'include');
    expect(decisions(frozen)).toEqual([`${r1}:include`]);
    expect(decisions(lastDecisionEventId(db, pid))).toEqual([`${r1}:exclude`, `${r2}:include`].sort());
    expect(() => (decisionsAsOf(db, pid, 'ta', frozen) as unknown[]).push({})).toThrow(TypeError);

    // Inside a transaction that rolls back, the event id it saw is given again to the next event.
    const next = lastDecisionEventId(db, pid) + 1;
    expect(() =>
      db.transaction(() => {
        writeDecision(db, pid, 'ta', r2!, rev.user.id, value('include'), value('exclude'));
        expect(lastDecisionEventId(db, pid)).toBe(next);
        expect(decisions(next)).toEqual([`${r1}:exclude`, `${r2}:exclude`].sort());
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    write(r1!, 'include', 'exclude');
    expect(lastDecisionEventId(db, pid)).toBe(next);
    expect(decisions(next)).toEqual([`${r1}:include`, `${r2}:include`].sort());
  });
});
