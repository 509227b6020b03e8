/** Where a record stands at a stage: pending, agreed, conflict or resolved (pure rules). */
import { describe, expect, it } from 'vitest';
import { computeOutcomes } from '../../server/screening/outcomes';
import type { DecisionRow, ResolutionRow } from '../../server/screening/repo';

const d = (recordId: string, userId: string, decision: DecisionRow['decision']): DecisionRow => ({ recordId, userId, decision, reasons: [], note: '', at: '' });
const rules = { required: 2, maybeAs: 'include' as const };

describe('computeOutcomes', () => {
  it('needs the required number of agreeing decisions before a record is agreed', () => {
    const o = computeOutcomes(['r1', 'r2', 'r3'], [d('r1', 'a', 'include'), d('r2', 'a', 'exclude'), d('r2', 'b', 'exclude')], new Map(), rules);
    expect(o.get('r1')).toMatchObject({ status: 'pending', final: null });
    expect(o.get('r2')).toMatchObject({ status: 'agreed', final: 'exclude' });
    expect(o.get('r3')).toMatchObject({ status: 'pending', final: null, decisions: [] });
  });

  it('counts maybe by the project rule', () => {
    const ds = [d('r1', 'a', 'maybe'), d('r1', 'b', 'include'), d('r2', 'a', 'maybe'), d('r2', 'b', 'exclude')];
    const asInclude = computeOutcomes(['r1', 'r2'], ds, new Map(), rules);
    expect(asInclude.get('r1')).toMatchObject({ status: 'agreed', final: 'include' });
    expect(asInclude.get('r2')!.status).toBe('conflict');
    const asExclude = computeOutcomes(['r1', 'r2'], ds, new Map(), { ...rules, maybeAs: 'exclude' });
    expect(asExclude.get('r1')!.status).toBe('conflict');
    expect(asExclude.get('r2')).toMatchObject({ status: 'agreed', final: 'exclude' });
  });

  it('marks any disagreement a conflict, even before everyone decided, and a resolution settles it', () => {
    const ds = [d('r1', 'a', 'include'), d('r1', 'b', 'exclude')];
    expect(computeOutcomes(['r1'], ds, new Map(), { ...rules, required: 3 }).get('r1')!.status).toBe('conflict');
    const res = new Map<string, ResolutionRow>([['r1', { recordId: 'r1', decision: 'exclude', reason: 'discussed', source: 'lead', byUser: 'l', at: '' }]]);
    expect(computeOutcomes(['r1'], ds, res, rules).get('r1')).toMatchObject({ status: 'resolved', final: 'exclude' });
  });

  it('ignores decisions on records outside the given list', () => {
    const o = computeOutcomes(['r1'], [d('r9', 'a', 'include'), d('r9', 'b', 'include')], new Map(), rules);
    expect([...o.keys()]).toEqual(['r1']);
  });
});
