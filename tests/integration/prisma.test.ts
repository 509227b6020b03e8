/**
 * PRISMA 2020 from a scripted review: three sources imported with known duplicate links, title/
 * abstract screening by two reviewers through real sync clients, unblinding, conflicts settled by
 * the lead, full text with exclusion reasons, lead-entered boxes. Every box is checked against the
 * script; the flow is consistent; every linked number lists exactly its records; blinding holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { checkPrismaConsistency } from '../../shared/prisma/index';
import type { PrismaRecordsPage, PrismaReport } from '../../shared/prisma/report';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { connectDoc, eventually, synced, type SyncClient } from '../helpers/sync';
import { blankRecord, insertImport } from '../../server/records/store';
import { listDecisions } from '../../server/screening/repo';

type D = 'include' | 'exclude' | 'maybe';
type User = Client & { user: { id: string; name: string } };
type Judgement = [D, string[]?];

let server: TestServer;
const open: SyncClient[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server.close();
});

/** Imports one source through the records store's write path; `dups` maps an index to the record it duplicates. */
function importSource(pid: string, userId: string, source: string, n: number, dups: Record<number, string> = {}): string[] {
  return server.db.transaction(() =>
    insertImport(server.db, {
      projectId: pid, userId, source, format: 'ris', filename: null, encoding: 'utf-8', problems: [],
      records: Array.from({ length: n }, (_, i) => ({
        record: blankRecord(`${source} record ${i + 1}`),
        duplicate: dups[i] ? { of: dups[i]!, reason: 'doi' as const, score: 1 } : null,
      })),
    }),
  )().ids;
}

/** Writes one reviewer's decisions at a stage through their private document and waits for the projection. */
async function decide(sc: SyncClient, pid: string, userId: string, stage: 'ta' | 'ft', plan: [string, Judgement][]) {
  const map = sc.doc.getMap(`decisions:${stage}`);
  sc.doc.transact(() => {
    for (const [rid, [decision, reasons = []]] of plan) map.set(rid, { decision, reasons, note: '', at: new Date().toISOString() });
  });
  await eventually(() => {
    const rows = listDecisions(server.db, pid, stage).filter((d) => d.userId === userId);
    return plan.every(([rid, [d]]) => rows.some((r) => r.recordId === rid && r.decision === d));
  }, 5000, `${stage} decisions projected`);
}

describe('PRISMA 2020 flow from a scripted review', () => {
  it('counts every box as the script says, links each number to its records, and obeys blinding', async () => {
    const lead = (await signUp(server.url, 'Lead')) as User;
    const alice = (await signUp(server.url, 'Alice')) as User;
    const bob = (await signUp(server.url, 'Bob')) as User;
    const pid = await projectWith(lead, [{ client: alice, role: 'reviewer' }, { client: bob, role: 'reviewer' }]);
    const reasons = (await lead.get(`/api/projects/${pid}`)).body.project.exclusionReasons as string[];
    expect(reasons).toContain('Full text unavailable');

    // Identification: 8 + 6 + 4 records; EMBASE 0, 1 duplicate MEDLINE 0, 1; PsycINFO 0 duplicates MEDLINE 2, PsycINFO 1 duplicates EMBASE 2.
    const medline = importSource(pid, lead.user.id, 'MEDLINE', 8);
    const embase = importSource(pid, lead.user.id, 'EMBASE', 6, { 0: medline[0]!, 1: medline[1]! });
    const psycinfo = importSource(pid, lead.user.id, 'PsycINFO', 4, { 0: medline[2]!, 1: embase[2]! });
    const duplicates = [embase[0]!, embase[1]!, psycinfo[0]!, psycinfo[1]!];
    const primaries = [...medline, ...embase.slice(2), ...psycinfo.slice(2)];

    // The script: each primary record's judgements and where it must end up (worked out by hand).
    type Fate = 'excludedScreening' | 'included' | 'notRetrieved' | { reason: string };
    const script: { ta: [Judgement, Judgement]; taLead?: 'include' | 'exclude'; ft?: [Judgement, Judgement]; ftLead?: [string]; fate: Fate }[] = [
      { ta: [['include'], ['include']], ft: [['include'], ['include']], fate: 'included' },
      { ta: [['include'], ['maybe']], ft: [['include'], ['include']], fate: 'included' }, // maybe counts as include
      { ta: [['include'], ['include']], ft: [['exclude', ['Full text unavailable']], ['exclude', ['Full text unavailable']]], fate: 'notRetrieved' },
      { ta: [['include'], ['include']], ft: [['exclude', ['Wrong population', 'Wrong setting']], ['exclude', ['Wrong setting']]], fate: { reason: 'Wrong setting' } }, // most common
      { ta: [['include'], ['include']], ft: [['exclude', ['Wrong study design']], ['exclude', ['Wrong population']]], fate: { reason: 'Wrong population' } }, // tie: project order
      { ta: [['include'], ['include']], ft: [['exclude', ['Wrong setting']], ['include']], ftLead: ['Not peer reviewed'], fate: { reason: 'Not peer reviewed' } }, // lead's listed reason
      { ta: [['exclude'], ['exclude']], fate: 'excludedScreening' },
      { ta: [['exclude'], ['exclude']], fate: 'excludedScreening' },
      { ta: [['exclude'], ['maybe']], taLead: 'include', ft: [['include'], ['exclude', ['Wrong study design']]], ftLead: ['discussed at the team meeting'], fate: { reason: 'Wrong study design' } }, // unlisted lead reason
      { ta: [['exclude'], ['include']], taLead: 'exclude', fate: 'excludedScreening' },
      { ta: [['exclude'], ['exclude']], fate: 'excludedScreening' },
      { ta: [['maybe'], ['maybe']], ft: [['maybe'], ['include']], fate: 'included' },
      { ta: [['exclude'], ['exclude']], fate: 'excludedScreening' },
      { ta: [['include'], ['exclude']], taLead: 'exclude', fate: 'excludedScreening' },
    ];
    expect(script).toHaveLength(primaries.length);
    const ids = (f: (s: (typeof script)[number]) => boolean) => primaries.filter((_, i) => f(script[i]!));
    const byFate = (fate: string) => ids((s) => s.fate === fate);
    const reasonOf = (s: (typeof script)[number]) => (typeof s.fate === 'object' ? s.fate.reason : null);

    const docs = await Promise.all([alice, bob].map((u) => connectDoc(u, `p/${pid}/u/${u.user.id}`)));
    open.push(...docs);
    await Promise.all(docs.map((d) => synced(d)));
    for (const [k, u] of [alice, bob].entries()) {
      await decide(docs[k]!, pid, u.user.id, 'ta', primaries.map((rid, i) => [rid, script[i]!.ta[k]!]));
    }

    // Before unblinding: a reviewer may see identification lists only.
    for (const path of ['prisma.json', 'prisma.svg', 'prisma/records?count=excludedScreening', 'prisma/records?count=included']) {
      const res = await alice.get(`/api/projects/${pid}/${path}`);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('blinded');
    }
    const screenedList = await alice.get<PrismaRecordsPage>(`/api/projects/${pid}/prisma/records?count=screened&limit=1000`);
    expect(screenedList.status).toBe(200);
    expect(screenedList.body.records.map((r) => r.id)).toEqual(primaries);

    // The lead (not screening) sees the flow live, with the open conflicts as a consistency gap.
    const live = await lead.get<PrismaReport>(`/api/projects/${pid}/prisma.json`);
    expect(live.status).toBe(200);
    const conflictsAtTa = script.filter((s) => s.taLead).length;
    expect(live.body.unsettled.ta.conflict).toBe(conflictsAtTa);
    expect(live.body.counts.screened).toBe(primaries.length);
    expect(live.body.problems.map((p) => p.code)).toContain('sought');

    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    for (const [i, s] of script.entries()) {
      if (s.taLead) expect((await lead.post(`/api/projects/${pid}/conflicts/ta/${primaries[i]}/resolve`, { decision: s.taLead })).status).toBe(200);
    }
    // After 'ta' unblinding, 'ta' lists open up for reviewers; full-text ones and the flow stay blinded.
    expect((await alice.get(`/api/projects/${pid}/prisma/records?count=sought`)).status).toBe(200);
    expect((await alice.get(`/api/projects/${pid}/prisma/records?count=included`)).body.error.code).toBe('blinded');
    expect((await alice.get(`/api/projects/${pid}/prisma.json`)).body.error.code).toBe('blinded');

    const ftPlan = (k: number) => primaries.flatMap((rid, i): [string, Judgement][] => (script[i]!.ft ? [[rid, script[i]!.ft![k]!]] : []));
    for (const [k, u] of [alice, bob].entries()) await decide(docs[k]!, pid, u.user.id, 'ft', ftPlan(k));
    expect((await lead.post(`/api/projects/${pid}/stages/ft/unblind`)).status).toBe(200);
    for (const [i, s] of script.entries()) {
      if (s.ftLead) {
        const res = await lead.post(`/api/projects/${pid}/conflicts/ft/${primaries[i]}/resolve`, { decision: 'exclude', reason: s.ftLead[0] });
        expect(res.status).toBe(200);
      }
    }

    // Lead-entered boxes: lead only, validated, audited.
    const manual = {
      registers: [{ source: 'ClinicalTrials.gov', n: 2 }],
      automation: 2,
      includedStudies: 3,
      otherMethods: { identified: [{ source: 'Citation searching', n: 3 }], sought: 3, notRetrieved: 1, assessed: 2, excludedReports: [{ reason: 'Wrong setting', n: 1 }] },
    };
    expect((await alice.patch(`/api/projects/${pid}/prisma`, manual)).status).toBe(403);
    for (const bad of [{ automation: -1 }, { automation: 1.5 }, { surprise: 1 }, { registers: [{ source: '', n: 1 }] }, { notRetrievedReason: 'Not a reason' }]) {
      const res = await lead.patch(`/api/projects/${pid}/prisma`, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toEqual(expect.any(String));
    }
    const saved = await lead.patch(`/api/projects/${pid}/prisma`, manual);
    expect(saved.status).toBe(200);
    expect(saved.body.manual).toMatchObject(manual);
    expect((await alice.get(`/api/projects/${pid}/prisma`)).body.manual).toMatchObject(manual);
    const audit = await lead.get(`/api/projects/${pid}/audit`);
    expect(audit.status).toBe(200);
    const updates = audit.body.events.filter((e: { type: string }) => e.type === 'prisma.updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ actorId: lead.user.id, after: manual });

    // Every box, from the script.
    const flow = await alice.get<PrismaReport>(`/api/projects/${pid}/prisma.json`);
    expect(flow.status).toBe(200);
    const c = flow.body.counts;
    expect(c.identified).toEqual([{ source: 'MEDLINE', n: 8 }, { source: 'EMBASE', n: 6 }, { source: 'PsycINFO', n: 4 }]);
    expect(c.registers).toEqual(manual.registers);
    expect(c.duplicates).toBe(duplicates.length);
    expect(c.automation).toBe(2);
    expect(c.removedOther).toBe(0);
    expect(c.screened).toBe(primaries.length);
    expect(c.excludedScreening).toBe(byFate('excludedScreening').length);
    expect(c.sought).toBe(primaries.length - byFate('excludedScreening').length);
    expect(c.notRetrieved).toBe(byFate('notRetrieved').length);
    expect(c.assessed).toBe(c.sought - byFate('notRetrieved').length);
    const reasonCounts = reasons
      .map((reason) => ({ reason, n: ids((s) => reasonOf(s) === reason).length }))
      .filter((r) => r.n > 0);
    expect(c.excludedReports).toEqual(reasonCounts);
    expect(c.excludedReports.map((r) => r.reason)).toEqual(['Wrong population', 'Wrong study design', 'Wrong setting', 'Not peer reviewed']);
    const keptOther = manual.otherMethods.assessed - 1;
    expect(c.includedReports).toBe(byFate('included').length + keptOther);
    expect(c.included).toBe(manual.includedStudies);
    expect(c.otherMethods).toEqual(manual.otherMethods);
    expect(flow.body.notRetrievedReason).toBe('Full text unavailable');
    expect(flow.body.unsettled).toEqual({ ta: { pending: 0, conflict: 0 }, ft: { pending: 0, conflict: 0 } });
    expect(checkPrismaConsistency(c)).toEqual([]);
    expect(flow.body.problems).toEqual([]);

    // Every linked number lists exactly its records (lead-entered parts have no link).
    const lines = flow.body.boxes.flatMap((b) => b.lines).filter((l) => l.countId);
    const linked = lines.filter((l) => l.href);
    expect(linked.length).toBeGreaterThan(10);
    for (const l of lines.filter((l) => ['registers', 'automation', 'removedOther'].includes(l.countId!) || l.countId!.startsWith('other'))) {
      expect(l.href, l.text).toBeNull();
    }
    const expectedIds: Record<string, string[]> = {
      duplicates,
      screened: primaries,
      excludedScreening: byFate('excludedScreening'),
      sought: ids((s) => s.fate !== 'excludedScreening'),
      notRetrieved: byFate('notRetrieved'),
      assessed: ids((s) => s.fate !== 'excludedScreening' && s.fate !== 'notRetrieved'),
      included: byFate('included'),
      includedReports: byFate('included'),
      excludedReports: ids((s) => reasonOf(s) !== null),
      'identified:': [...medline, ...embase, ...psycinfo],
      'identified:MEDLINE': medline,
      'identified:EMBASE': embase,
      'identified:PsycINFO': psycinfo,
      ...Object.fromEntries(reasonCounts.map((r) => [`excludedReports:${r.reason}`, ids((s) => reasonOf(s) === r.reason)])),
    };
    // Every list is in arrival order, as the records page shows them.
    const all = await alice.get<{ records: { id: string }[] }>(`/api/projects/${pid}/records?limit=500`);
    const arrival = new Map(all.body.records.map((r, i) => [r.id, i]));
    const inArrival = (list: string[]) => [...list].sort((a, b) => arrival.get(a)! - arrival.get(b)!);
    for (const l of linked) {
      const url = new URL(l.href!, server.url);
      expect(url.pathname).toBe(`/projects/${pid}/prisma/records`);
      const count = url.searchParams.get('count')!;
      const item = url.searchParams.get('item');
      expect(count).toBe(l.countId);
      expect(item).toBe(l.countId === 'identified' || l.countId === 'excludedReports' ? l.item : null);
      const q = new URLSearchParams({ count, limit: '1000', ...(item ? { item } : {}) });
      const page = await alice.get<PrismaRecordsPage>(`/api/projects/${pid}/prisma/records?${q}`);
      expect(page.status, l.href!).toBe(200);
      const key = item !== null || count === 'identified' || count === 'excludedReports' ? `${count}:${item ?? ''}` : count;
      const want = key === 'excludedReports:' ? expectedIds.excludedReports! : expectedIds[key]!;
      expect(page.body.records.map((r) => r.id), key).toEqual(inArrival(want));
      expect(page.body.total).toBe(want.length);
      // The number drawn is the number of records listed, except where lead-entered numbers are added in.
      if (l.countId !== 'included' && l.countId !== 'includedReports') expect(l.n, key).toBe(want.length);
    }
    // Paging.
    const p1 = await alice.get<PrismaRecordsPage>(`/api/projects/${pid}/prisma/records?count=screened&limit=5`);
    const p2 = await alice.get<PrismaRecordsPage>(`/api/projects/${pid}/prisma/records?count=screened&limit=5&cursor=${p1.body.nextCursor}`);
    expect([...p1.body.records, ...p2.body.records].map((r) => r.id)).toEqual(primaries.slice(0, 10));
    // Lists read a page at a time from SQL page the same way.
    for (const [q, want] of [['count=duplicates', inArrival(duplicates)], ['count=identified', inArrival([...medline, ...embase, ...psycinfo])], ['count=identified&item=EMBASE', inArrival(embase)], ['count=excludedReports', inArrival(expectedIds.excludedReports!)]] as const) {
      const a = await alice.get<PrismaRecordsPage>(`/api/projects/${pid}/prisma/records?${q}&limit=2`);
      const b = await alice.get<PrismaRecordsPage>(`/api/projects/${pid}/prisma/records?${q}&limit=2&cursor=${a.body.nextCursor}`);
      expect([...a.body.records, ...b.body.records].map((r) => r.id), q).toEqual(want.slice(0, 4));
      expect([a.body.total, b.body.total], q).toEqual([want.length, want.length]);
    }
    for (const q of ['count=nope', '', 'count=screened&limit=-1', 'count=screened&cursor=x']) {
      expect((await alice.get(`/api/projects/${pid}/prisma/records?${q}`)).status, q).toBe(400);
    }

    // The SVG: valid XML, the same numbers, links to the record lists.
    const svg = await alice.get<string>(`/api/projects/${pid}/prisma.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(XMLValidator.validate(svg.body)).toBe(true);
    expect(svg.body).toContain(`href="/projects/${pid}/prisma/records?count=excludedReports&amp;item=Wrong%20setting"`);
    expect(svg.body).toContain(`href="/projects/${pid}/prisma/records?count=duplicates"`);
    expect(svg.body).toContain('ClinicalTrials.gov');
    expect(svg.body).not.toContain('count=registers');
    expect(svg.body).toMatch(new RegExp(`Records screened \\(n = <a [^>]*><tspan[^>]*>${primaries.length}<`));
  });

  it('keeps the flow from outsiders and anonymous callers', async () => {
    const lead = (await signUp(server.url, 'Lead')) as User;
    const outsider = (await signUp(server.url, 'Out')) as User;
    const pid = await projectWith(lead, []);
    expect((await outsider.get(`/api/projects/${pid}/prisma.json`)).status).toBe(404);
    expect((await outsider.get(`/api/projects/${pid}/prisma/records?count=screened`)).status).toBe(404);
    expect((await outsider.patch(`/api/projects/${pid}/prisma`, { automation: 1 })).status).toBe(404);
    const anon = await fetch(`${server.url}/api/projects/${pid}/prisma.svg`);
    expect(anon.status).toBe(401);
    // An empty project draws an empty but consistent flow.
    const empty = await lead.get<PrismaReport>(`/api/projects/${pid}/prisma.json`);
    expect(empty.status).toBe(200);
    expect(empty.body.counts.screened).toBe(0);
    expect(empty.body.problems).toEqual([]);
  });
});
