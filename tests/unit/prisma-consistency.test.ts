/**
 * PRISMA arithmetic checks and the prisma.json shape.
 */
import { describe, expect, it } from 'vitest';
import { PRISMA_BOX_IDS, checkPrismaConsistency, prismaJson } from '../../shared/prisma';
import type { PrismaCounts } from '../../shared/prisma';

/** A flow whose every box follows from the ones above it (7,922 + 0 − 2,722 = 5,200 screened…). */
function consistent(): PrismaCounts {
  return {
    identified: [
      { source: 'MEDLINE', n: 4000 },
      { source: 'EMBASE', n: 3922 },
    ],
    registers: [{ source: 'ClinicalTrials.gov', n: 10 }],
    duplicates: 2722,
    automation: 5,
    removedOther: 5,
    screened: 5200,
    excludedScreening: 5050,
    sought: 150,
    notRetrieved: 4,
    assessed: 146,
    excludedReports: [
      { reason: 'Wrong study type', n: 100 },
      { reason: 'Not peer reviewed', n: 26 },
    ],
    included: 19,
    includedReports: 22,
    otherMethods: {
      identified: [{ source: 'Hand searching', n: 12 }],
      sought: 6,
      notRetrieved: 1,
      assessed: 5,
      excludedReports: [{ reason: 'Wrong population', n: 3 }],
    },
  };
}

const codes = (c: PrismaCounts) => checkPrismaConsistency(c).map((p) => p.code);

describe('checkPrismaConsistency', () => {
  it('finds nothing wrong in a flow that adds up', () => {
    expect(checkPrismaConsistency(consistent())).toEqual([]);
    expect(checkPrismaConsistency({ ...consistent(), otherMethods: undefined, includedReports: 20 })).toEqual([]);
  });

  it('reports screened ≠ identified − removed, with the arithmetic in the message', () => {
    const c = { ...consistent(), duplicates: 2700 };
    const problems = checkPrismaConsistency(c);
    expect(problems.map((p) => p.code)).toEqual(['screened']);
    expect(problems[0].message).toBe(
      'records screened (5200) ≠ records identified (7932) − removed before screening (2710) = 5222',
    );
    expect(problems[0].counts).toContain('duplicates');
  });

  it('reports each later step that does not follow from the one before', () => {
    expect(codes({ ...consistent(), excludedScreening: 5000 })).toEqual(['sought']);
    expect(codes({ ...consistent(), notRetrieved: 0 })).toEqual(['assessed']);
    const c = consistent();
    c.excludedReports[0].n = 99;
    expect(codes(c)).toEqual(['includedReports']);
  });

  it('counts reports kept from both columns towards the reports of included studies', () => {
    const c = consistent();
    c.includedReports = 20; // forgets the 2 reports found by other methods
    const [problem] = checkPrismaConsistency(c);
    expect(problem.code).toBe('includedReports');
    expect(problem.message).toContain('(20 + 2) = 22');
  });

  it('requires at least one report per included study', () => {
    expect(codes({ ...consistent(), included: 23 })).toEqual(['includedStudies']);
    expect(codes({ ...consistent(), included: 0 })).toEqual(['includedStudies']);
  });

  it('checks the other-methods column on its own terms', () => {
    const c = consistent();
    c.otherMethods!.sought = 13;
    c.otherMethods!.notRetrieved = 8;
    expect(codes(c)).toEqual(['otherSought']);
    const d = consistent();
    d.otherMethods!.assessed = 4;
    d.otherMethods!.excludedReports[0].n = 2;
    expect(codes(d)).toEqual(['otherAssessed']);
  });

  it('flags negative, fractional and non-finite counts, and nameless sources or reasons', () => {
    const c = consistent();
    c.identified[0].n = -1;
    c.registers[0].n = 10.5;
    c.excludedReports.push({ reason: '  ', n: 0 });
    c.otherMethods!.sought = Number.NaN;
    const problems = checkPrismaConsistency(c);
    const invalid = problems.filter((p) => p.code === 'invalidCount');
    expect(invalid.map((p) => p.counts[0])).toEqual(['identified', 'registers', 'otherSought']);
    expect(invalid[0].message).toBe('records identified from MEDLINE is -1, not a whole number ≥ 0');
    expect(problems.filter((p) => p.code === 'blankName').map((p) => p.counts[0])).toEqual(['excludedReports']);
  });
});

describe('prismaJson', () => {
  it('lists every drawn box with its lines, count ids and numbers, and survives JSON', () => {
    const json = prismaJson(consistent());
    expect(json.boxes.map((b) => b.id)).toEqual([...PRISMA_BOX_IDS]);
    expect(json.otherMethods).toBe(true);
    expect(json.problems).toEqual([]);
    const identified = json.boxes.find((b) => b.id === 'identified')!;
    expect(identified.lines).toContainEqual({ text: 'MEDLINE', countId: 'identified', item: 'MEDLINE', n: 4000 });
    expect(identified.lines).toContainEqual({ text: 'Databases', countId: 'identified', item: null, n: 7922 });
    expect(identified.lines).toContainEqual({ text: 'Registers: ClinicalTrials.gov', countId: 'registers', item: 'ClinicalTrials.gov', n: 10 });
    const excluded = json.boxes.find((b) => b.id === 'excludedReports')!;
    expect(excluded.phase).toBe('screening');
    expect(excluded.lines[0]).toEqual({ text: 'Reports excluded', countId: 'excludedReports', item: null, n: 126 });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('leaves out the other-methods boxes when that column is unused, and reports problems', () => {
    const json = prismaJson({ ...consistent(), otherMethods: undefined, screened: 1 }, { screened: 'Registros cribados' });
    expect(json.otherMethods).toBe(false);
    expect(json.boxes.some((b) => b.column === 'other')).toBe(false);
    expect(json.boxes.find((b) => b.id === 'screened')!.lines[0].text).toBe('Registros cribados');
    expect(json.problems.map((p) => p.code)).toContain('screened');
  });

  it('copies the counts, so later changes to the input do not leak into the result', () => {
    const counts = consistent();
    const json = prismaJson(counts);
    counts.identified[0].n = 1;
    expect(json.counts.identified[0].n).toBe(4000);
  });
});
