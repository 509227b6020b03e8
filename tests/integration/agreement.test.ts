/**
 * Agreement over HTTP and on the board, from decisions written through real y-websocket clients.
 * Expected figures are computed here, with the pure functions of shared/agreement, from the
 * decisions this test wrote (never read back from SQLite), at unblinding and after changes of mind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
  agreementOverTime,
  krippendorffAlphaNominal,
  multiRaterAgreement,
  pairAgreement,
  ratingCounts,
} from '../../shared/agreement/index';
import type { AgreementReport, PilotAgreementReport } from '../../shared/agreement/report';
import { AGREEMENT_CSV_COLUMNS } from '../../server/agreement/csv';
import { startServer, type TestServer } from '../helpers/server';
import { Client, projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, settle, synced, type SyncClient } from '../helpers/sync';
import { seedDecisions, seedRecords } from '../helpers/records';
import { listDecisions } from '../../server/screening/repo';

type D = 'include' | 'exclude' | 'maybe';
type User = Client & { user: { id: string; name: string } };
const THREE = ['include', 'exclude', 'maybe'];
const TWO = ['include', 'exclude'];

let server: TestServer;
const open: SyncClient[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server.close();
});

/** Deterministic pseudo-random decisions (Park–Miller), so every run writes the same data. */
function generator(seed: number) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647), s / 2147483647);
}

/** What the test wrote: rater → record → decision. */
type Written = Map<string, Map<string, D>>;

/** Writes decisions through a real sync client and waits until the server has projected each. */
async function write(server: TestServer, pid: string, sc: SyncClient, who: User, plan: [string, D][], written: Written, oneByOne = false) {
  const map = sc.doc.getMap('decisions:ta');
  const mine = written.get(who.user.id) ?? new Map<string, D>();
  written.set(who.user.id, mine);
  const projected = () => {
    const rows = listDecisions(server.db, pid, 'ta').filter((d) => d.userId === who.user.id);
    return [...mine].every(([rid, d]) => rows.some((r) => r.recordId === rid && r.decision === d));
  };
  const put = ([rid, d]: [string, D]) => {
    mine.set(rid, d);
    map.set(rid, { decision: d, reasons: [], note: `${who.user.name} on ${rid}`, at: new Date().toISOString() });
  };
  if (oneByOne) {
    // One at a time, so the server's order of decisions is the order written here (the drift series relies on it).
    for (const step of plan) {
      put(step);
      await eventually(projected, 5000, 'decision projected');
    }
  } else {
    sc.doc.transact(() => plan.forEach(put));
    await eventually(projected, 5000, 'decisions projected');
  }
}

const norm = (d: D | null, maybeAs: 'include' | 'exclude') => (d === null ? null : d === 'maybe' ? maybeAs : d);
const column = (w: Written, rater: string, ids: string[]) => ids.map((id) => w.get(rater)?.get(id) ?? null);

/** The figures the server should report for these ratings, from the pure functions. */
function expected(w: Written, raters: string[], ids: string[], maybeAs: 'include' | 'exclude') {
  const pairs = [];
  for (let i = 0; i < raters.length; i++) {
    for (let j = i + 1; j < raters.length; j++) {
      const a = column(w, raters[i]!, ids);
      const b = column(w, raters[j]!, ids);
      pairs.push({
        a: raters[i],
        b: raters[j],
        three: pairAgreement(a, b, THREE),
        two: pairAgreement(a.map((d) => norm(d, maybeAs)), b.map((d) => norm(d, maybeAs)), TWO),
      });
    }
  }
  return pairs;
}

/** Deep equality with floating-point tolerance (sums may be taken in another order). */
function expectClose(actual: unknown, wanted: unknown, path = '$'): void {
  if (typeof wanted === 'number' && typeof actual === 'number') {
    expect(actual, path).toBeCloseTo(wanted, 10);
  } else if (Array.isArray(wanted)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(wanted.length);
    wanted.forEach((v, i) => expectClose((actual as unknown[])[i], v, `${path}[${i}]`));
  } else if (wanted && typeof wanted === 'object') {
    for (const [k, v] of Object.entries(wanted)) expectClose((actual as Record<string, unknown>)?.[k], v, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(wanted);
  }
}

async function setup(names: string[], records: number) {
  const lead = (await signUp(server.url, 'Lead')) as User;
  const revs: User[] = [];
  for (const n of names) revs.push((await signUp(server.url, n)) as User);
  const pid = await projectWith(lead, revs.map((client) => ({ client, role: 'reviewer' })));
  const ids = seedRecords(server.db, pid, lead.user.id, records);
  const docs: SyncClient[] = [];
  for (const r of revs) {
    const sc = await connectDoc(r, `p/${pid}/u/${r.user.id}`);
    open.push(sc);
    await synced(sc);
    docs.push(sc);
  }
  return { lead, revs, pid, ids, docs };
}

const stageOf = (sc: SyncClient) => sc.doc.getMap('stages').get('ta') as Record<string, any> | undefined;

describe('agreement: two reviewers', () => {
  it('reports exactly the pure functions’ figures before and after unblinding, obeys blinding, and feeds the board', async () => {
    const { lead, revs, pid, ids, docs } = await setup(['Alice', 'Bob'], 16);
    const [alice, bob] = revs as [User, User];
    expect((await lead.patch(`/api/projects/${pid}`, { maybeAs: 'exclude' })).status).toBe(200);
    const rnd = generator(11);
    const kinds: D[] = ['include', 'exclude', 'maybe'];
    const written: Written = new Map();
    const alicePlan = ids.map((id): [string, D] => [id, kinds[Math.floor(rnd() * 3)]!]);
    // Bob agrees with Alice about two times in three, skips two records, and works in his own order.
    const bobPlan = alicePlan
      .filter((_, i) => i !== 3 && i !== 9)
      .map(([id, d]): [string, D] => [id, rnd() < 0.66 ? d : kinds[Math.floor(rnd() * 3)]!])
      .sort(() => rnd() - 0.5);
    await write(server, pid, docs[0]!, alice, alicePlan, written);
    await write(server, pid, docs[1]!, bob, bobPlan, written, true);
    const raters = [alice.user.id, bob.user.id]; // screeners in name order
    const before = expected(written, raters, ids, 'exclude');
    expect(before[0]!.three.n).toBe(14);

    // Blinding: a screening reviewer is refused; a lead who does not screen sees live figures.
    for (const r of revs) {
      const res = await r.get(`/api/projects/${pid}/agreement?stage=ta`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('blinded');
      expect(JSON.stringify(res.body)).not.toContain('kappa');
    }
    expect((await alice.get(`/api/projects/${pid}/agreement?stage=ta&format=csv`)).status).toBe(403);
    const live = await lead.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta&batch=4`);
    expect(live.status).toBe(200);
    expect(live.headers.get('cache-control')).toBe('no-store');
    expect(live.body.raters.map((r) => r.name)).toEqual(['Alice', 'Bob']);
    expect(live.body.unblinded).toBe(false);
    expect(live.body.atUnblinding).toBeNull();
    expect(live.body.now.multi).toBeNull();
    expect(live.body.pilot).toBeNull(); // no pilot round in this project
    expect((await lead.get(`/api/projects/${pid}/agreement?stage=ta&scope=pilot`)).body.error.code).toBe('no_pilot');
    expectClose(live.body.now.pairs, before);
    // Drift: Bob's decisions completed each pair, in the order he wrote them.
    const order = bobPlan.map(([id]) => id);
    const pairsInOrder = (cats: 'three' | 'two') =>
      order.map((id) => {
        const a = written.get(alice.user.id)!.get(id)!;
        const b = written.get(bob.user.id)!.get(id)!;
        return cats === 'three' ? { a, b } : { a: norm(a, 'exclude')!, b: norm(b, 'exclude')! };
      });
    expect(live.body.drift.batchSize).toBe(4);
    expectClose(live.body.drift.pairs[0]!.three, agreementOverTime(pairsInOrder('three'), 4, THREE));
    expectClose(live.body.drift.pairs[0]!.two, agreementOverTime(pairsInOrder('two'), 4, TWO));
    // Without a batch size, a small review gets batches of 20 (larger ones fewer, bigger batches).
    const byDefault = await lead.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta`);
    expect(byDefault.body.drift.batchSize).toBe(20);
    expectClose(byDefault.body.drift.pairs[0]!.three, agreementOverTime(pairsInOrder('three'), 20, THREE));

    // The board: live agreement in the lead's view only.
    const leadBoard = await connectDoc(lead, `p/${pid}/board`);
    const aliceBoard = await connectDoc(alice, `p/${pid}/board`);
    open.push(leadBoard, aliceBoard);
    await Promise.all([synced(leadBoard), synced(aliceBoard)]);
    await eventually(() => stageOf(leadBoard)?.agreement?.pairs?.[0]?.n === before[0]!.two.n, 5000, 'board agreement');
    const boardPair = stageOf(leadBoard)!.agreement.pairs[0];
    expect([boardPair.aName, boardPair.bName]).toEqual(['Alice', 'Bob']);
    expectClose(boardPair, { percentAgreement: before[0]!.two.percentAgreement, kappa: before[0]!.two.cohen.kappa, pabak: before[0]!.two.pabak, gwetAC1: before[0]!.two.gwetAC1 });
    expectClose(stageOf(leadBoard)!.agreement.overall, { n: before[0]!.two.n, percentAgreement: before[0]!.two.percentAgreement, kappa: before[0]!.two.cohen.kappa });
    await settle(150);
    expect(stageOf(aliceBoard)?.visible).toBe(false);
    expect(JSON.stringify(aliceBoard.doc.toJSON())).not.toContain('"agreement"');

    // Unblind, then changes of mind: "now" moves, "at unblinding" keeps the independent judgements.
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const frozen: Written = new Map([...written].map(([u, m]) => [u, new Map(m)]));
    const flip = (d: D): D => (d === 'include' ? 'exclude' : 'include');
    await write(server, pid, docs[0]!, alice, [ids[0]!, ids[5]!, ids[7]!].map((id): [string, D] => [id, flip(written.get(alice.user.id)!.get(id)!)]), written);
    await write(server, pid, docs[1]!, bob, [[ids[3]!, 'maybe']], written);
    const after = expected(written, raters, ids, 'exclude');
    expect(after[0]!.three.n).toBe(15);
    expect(after[0]!.three.table).not.toEqual(before[0]!.three.table);

    const report = await alice.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta&batch=4`);
    expect(report.status).toBe(200);
    expect(report.body.unblinded).toBe(true);
    expect(report.body.lastDecisionEvent).toEqual(expect.any(Number));
    expectClose(report.body.atUnblinding!.pairs, expected(frozen, raters, ids, 'exclude'));
    expectClose(report.body.now.pairs, after);

    // After unblinding the reviewer's board view carries the figures too.
    await eventually(() => aliceBoard.closes.includes(4409), 5000, 'view change');
    aliceBoard.destroy();
    const fresh = await connectDoc(alice, `p/${pid}/board`);
    open.push(fresh);
    await synced(fresh);
    await eventually(() => stageOf(fresh)?.agreement?.pairs?.[0]?.n === after[0]!.two.n, 5000, 'reviewer board agreement');
    expectClose(stageOf(fresh)!.agreement.pairs[0].kappa, after[0]!.two.cohen.kappa);

    // CSV: the same figures, with a header row.
    const csv = await alice.get<string>(`/api/projects/${pid}/agreement?stage=ta&format=csv&batch=4`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const parsed = Papa.parse<Record<string, string>>(csv.body.trim(), { header: true });
    expect(parsed.meta.fields).toEqual([...AGREEMENT_CSV_COLUMNS]);
    const row = (snapshot: string, categories: string) =>
      parsed.data.find((r) => r.snapshot === snapshot && r.categories === categories && r.scope === 'pair')!;
    for (const [snapshot, figures] of [['at_unblinding', expected(frozen, raters, ids, 'exclude')], ['now', after]] as const) {
      for (const cats of ['three', 'two'] as const) {
        const r = row(snapshot, cats === 'three' ? '3' : '2');
        const f = figures[0]![cats];
        expect([r.rater_a, r.rater_b]).toEqual(['Alice', 'Bob']);
        expect(Number(r.n)).toBe(f.n);
        expect(Number(r.cohen_kappa)).toBeCloseTo(f.cohen.kappa!, 10);
        expect(Number(r.kappa_se)).toBeCloseTo(f.cohen.se!, 10);
        expect(Number(r.kappa_ci95_low)).toBeCloseTo(f.cohen.ci95![0], 10);
        expect(Number(r.pabak)).toBeCloseTo(f.pabak!, 10);
        expect(Number(r.gwet_ac1)).toBeCloseTo(f.gwetAC1!, 10);
        expect(Number(r.t_include_exclude)).toBe(f.table[0]![1]);
      }
    }
    expect(parsed.data.filter((r) => r.scope === 'batch' && r.categories === '3')).toHaveLength(Math.ceil(after[0]!.three.n / 4));
  });
});

describe('agreement: three reviewers', () => {
  it('adds Fleiss’ kappa over complete records and Krippendorff’s alpha with missing ratings', async () => {
    const { lead, revs, pid, ids, docs } = await setup(['Ana', 'Ben', 'Cai'], 12);
    const rnd = generator(29);
    const kinds: D[] = ['include', 'exclude', 'maybe'];
    const written: Written = new Map();
    const truth = ids.map(() => kinds[Math.floor(rnd() * 3)]!);
    for (const [k, r] of revs.entries()) {
      // Cai skips three records: Fleiss uses the nine everyone rated, alpha uses every rating.
      const plan = ids
        .map((id, i): [string, D] => [id, rnd() < 0.7 ? truth[i]! : kinds[Math.floor(rnd() * 3)]!])
        .filter((_, i) => k < 2 || i % 4 !== 1);
      await write(server, pid, docs[k]!, r, plan, written);
    }
    const raters = revs.map((r) => r.user.id);
    const multi = (w: Written, maybeAs: 'include' | 'exclude', cats: 'three' | 'two') => {
      const map = (d: D | null) => (cats === 'three' ? d : norm(d, maybeAs));
      const data = raters.map((u) => column(w, u, ids).map(map));
      const complete = ids.map((_, i) => data.map((col) => col[i]!)).filter((s) => s.every((v) => v !== null));
      expect(complete).toHaveLength(9);
      return {
        fleiss: multiRaterAgreement(ratingCounts(complete, cats === 'three' ? THREE : TWO).counts),
        krippendorff: krippendorffAlphaNominal(data),
      };
    };

    const live = await lead.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta`);
    expect(live.status).toBe(200);
    expect(live.body.now.pairs.map((p) => [p.a, p.b])).toEqual([[raters[0], raters[1]], [raters[0], raters[2]], [raters[1], raters[2]]]);
    expectClose(live.body.now.pairs, expected(written, raters, ids, 'include'));
    expectClose(live.body.now.multi!.three, multi(written, 'include', 'three'));
    expectClose(live.body.now.multi!.two, multi(written, 'include', 'two'));
    expect(live.body.now.multi!.three.fleiss!.fleiss.raters).toBe(3);
    expect(live.body.now.multi!.three.krippendorff.units).toBe(12);
    for (const r of revs) expect((await r.get(`/api/projects/${pid}/agreement?stage=ta`)).status).toBe(403);

    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const frozen: Written = new Map([...written].map(([u, m]) => [u, new Map(m)]));
    await write(server, pid, docs[1]!, revs[1]!, [[ids[0]!, 'exclude'], [ids[2]!, 'include'], [ids[4]!, 'maybe']], written);
    await write(server, pid, docs[2]!, revs[2]!, [[ids[0]!, 'include'], [ids[6]!, 'exclude']], written);

    const report = await revs[2]!.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta`);
    expect(report.status).toBe(200);
    expectClose(report.body.atUnblinding!.pairs, expected(frozen, raters, ids, 'include'));
    expectClose(report.body.atUnblinding!.multi!.three, multi(frozen, 'include', 'three'));
    expectClose(report.body.now.pairs, expected(written, raters, ids, 'include'));
    expectClose(report.body.now.multi!.two, multi(written, 'include', 'two'));
    expect(report.body.now.multi!.three.krippendorff.alpha).not.toBe(report.body.atUnblinding!.multi!.three.krippendorff.alpha);

    const csv = await lead.get<string>(`/api/projects/${pid}/agreement?stage=ta&format=csv`);
    const rows = Papa.parse<Record<string, string>>(csv.body.trim(), { header: true }).data;
    const all = rows.find((r) => r.snapshot === 'now' && r.categories === '2' && r.scope === 'all raters')!;
    expect(Number(all.fleiss_kappa)).toBeCloseTo(multi(written, 'include', 'two').fleiss.fleiss.kappa!, 10);
    expect(Number(all.krippendorff_alpha)).toBeCloseTo(multi(written, 'include', 'two').krippendorff.alpha!, 10);
  });
});

describe('agreement: who may ask, and bad input', () => {
  it('refuses a lead who screens the stage, observers, outsiders and malformed queries', async () => {
    const { lead, revs, pid } = await setup(['Dee'], 3);
    const screeningLead = (await signUp(server.url, 'Second lead')) as User;
    const observer = (await signUp(server.url, 'Olu')) as User;
    const outsider = (await signUp(server.url, 'Out')) as User;
    for (const [client, role] of [[screeningLead, 'lead'], [observer, 'observer']] as const) {
      const inv = await lead.post(`/api/projects/${pid}/invitations`, { role });
      expect((await client.post(`/api/invitations/${inv.body.token}/accept`)).status).toBe(200);
    }
    expect((await lead.request('PUT', `/api/projects/${pid}/stages/ta/screeners`, { userIds: [screeningLead.user.id] })).status).toBe(200);
    for (const c of [screeningLead, observer, revs[0]!]) {
      const res = await c.get(`/api/projects/${pid}/agreement?stage=ta`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('blinded');
    }
    // 'ft' holds what 'ta' let through: blinded too while 'ta' is.
    expect((await revs[0]!.get(`/api/projects/${pid}/agreement?stage=ft`)).body.error.code).toBe('blinded');
    expect((await outsider.get(`/api/projects/${pid}/agreement?stage=ta`)).status).toBe(404);
    expect((await new Client(server.url).get(`/api/projects/${pid}/agreement?stage=ta`)).status).toBe(401);
    for (const q of ['stage=xx', '', 'stage=ta&format=xml', 'stage=ta&batch=0', 'stage=ta&batch=2.5']) {
      const res = await lead.get(`/api/projects/${pid}/agreement?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toEqual(expect.any(String));
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/);
    }
    const ft = await lead.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ft`);
    expect(ft.status).toBe(200);
    expect(ft.body.now.pairs.every((p) => p.three.n === 0 && p.three.cohen.kappa === null)).toBe(true);
  });
});

describe('agreement: the pilot round on its own', () => {
  it('reports the pilot records’ figures alone, to leads live and to everyone once the pilot is unblinded', async () => {
    const { lead, revs, pid, ids, docs } = await setup(['Ana', 'Ben'], 10);
    const [ana, ben] = revs as [User, User];
    expect((await lead.patch(`/api/projects/${pid}`, { pilotSize: 4, maybeAs: 'exclude' })).status).toBe(200);
    const pilotIds = ids.slice(0, 4);
    const rest = ids.slice(4);
    const written: Written = new Map();
    // Pilot: agree on three of four. Later records: Ben disagrees a lot (must not leak into pilot figures).
    await write(server, pid, docs[0]!, ana, [[ids[0]!, 'include'], [ids[1]!, 'exclude'], [ids[2]!, 'maybe'], [ids[3]!, 'exclude'], ...rest.map((id): [string, D] => [id, 'include'])], written);
    await write(server, pid, docs[1]!, ben, [[ids[0]!, 'include'], [ids[1]!, 'exclude'], [ids[2]!, 'include'], [ids[3]!, 'exclude'], ...rest.map((id): [string, D] => [id, 'exclude'])], written);
    const raters = [ana.user.id, ben.user.id];
    const pilotBefore = expected(written, raters, pilotIds, 'exclude');
    expect(pilotBefore[0]!.three.n).toBe(4);
    expect(pilotBefore[0]!.three.percentAgreement).toBeCloseTo(0.75, 10);

    // Before the pilot opens: screeners are refused (both scopes); the lead who does not screen sees it live.
    for (const r of revs) {
      for (const q of ['stage=ta&scope=pilot', 'stage=ta', 'stage=ta&scope=pilot&format=csv']) {
        const res = await r.get(`/api/projects/${pid}/agreement?${q}`);
        expect(res.status, q).toBe(403);
        expect(res.body.error.code).toBe('blinded');
      }
    }
    const live = await lead.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta`);
    expect(live.status).toBe(200);
    expect(live.body.pilot!.recordIds).toEqual(pilotIds);
    expect(live.body.pilot!.unblinding).toBeNull();
    expect(live.body.pilot!.atUnblinding).toBeNull();
    expectClose(live.body.pilot!.now.pairs, pilotBefore);
    expectClose(live.body.now.pairs, expected(written, raters, ids, 'exclude'));
    expect(live.body.now.pairs[0]!.three.n).toBe(10);

    // The lead opens the pilot for discussion: now every member may see the pilot's figures, and only those.
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind?scope=pilot`)).status).toBe(200);
    const frozen: Written = new Map([...written].map(([u, m]) => [u, new Map(m)]));
    const first = await ana.get<PilotAgreementReport>(`/api/projects/${pid}/agreement?stage=ta&scope=pilot`);
    expect(first.status).toBe(200);
    expect(first.body.scope).toBe('pilot');
    expect(first.body.raters.map((r) => r.name)).toEqual(['Ana', 'Ben']);
    expect(first.body.pilot.unblinding?.scope).toBe('pilot');
    expectClose(first.body.pilot.atUnblinding!.pairs, pilotBefore);
    expectClose(first.body.pilot.now.pairs, pilotBefore);
    expect(Object.keys(first.body).sort()).toEqual(['categories', 'maybeAs', 'pilot', 'raters', 'scope', 'stage']);
    for (const id of rest) expect(JSON.stringify(first.body)).not.toContain(id);
    expect((await ana.get(`/api/projects/${pid}/agreement?stage=ta`)).body.error.code).toBe('blinded');

    // After discussion Ben changes his pilot 'include' to 'maybe'; he also changes a later record.
    await write(server, pid, docs[1]!, ben, [[ids[2]!, 'maybe'], [rest[0]!, 'include']], written);
    const pilotAfter = expected(written, raters, pilotIds, 'exclude');
    expect(pilotAfter[0]!.three.percentAgreement).toBeCloseTo(1, 10);
    const second = await ben.get<PilotAgreementReport>(`/api/projects/${pid}/agreement?stage=ta&scope=pilot`);
    expectClose(second.body.pilot.atUnblinding!.pairs, expected(frozen, raters, pilotIds, 'exclude'));
    expectClose(second.body.pilot.now.pairs, pilotAfter);

    // CSV of the pilot alone: its two snapshots, nothing from the rest of the stage.
    const csv = await ben.get<string>(`/api/projects/${pid}/agreement?stage=ta&scope=pilot&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('agreement-ta-pilot.csv');
    const rows = Papa.parse<Record<string, string>>(csv.body.trim(), { header: true }).data;
    expect([...new Set(rows.map((r) => r.snapshot))].sort()).toEqual(['pilot_at_unblinding', 'pilot_now']);
    const now2 = rows.find((r) => r.snapshot === 'pilot_now' && r.categories === '3')!;
    expect(Number(now2.n)).toBe(4);
    expect(Number(now2.percent_agreement)).toBeCloseTo(1, 10);

    // Bad scopes and stages.
    expect((await ben.get(`/api/projects/${pid}/agreement?stage=ft&scope=pilot`)).body.error.code).toBe('no_pilot');
    expect((await lead.get(`/api/projects/${pid}/agreement?stage=ta&scope=all`)).status).toBe(400);

    // Unblinding the whole stage later keeps the pilot's own freeze point; the full report carries the pilot too.
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const full = await ana.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta`);
    expect(full.status).toBe(200);
    expect(full.body.pilot!.unblinding?.scope).toBe('pilot');
    expectClose(full.body.pilot!.atUnblinding!.pairs, expected(frozen, raters, pilotIds, 'exclude'));
    expectClose(full.body.pilot!.now.pairs, pilotAfter);
    expectClose(full.body.atUnblinding!.pairs, expected(written, raters, ids, 'exclude'));
    const fullCsv = Papa.parse<Record<string, string>>((await ana.get<string>(`/api/projects/${pid}/agreement?stage=ta&format=csv`)).body.trim(), { header: true }).data;
    expect(new Set(fullCsv.map((r) => r.snapshot))).toEqual(new Set(['at_unblinding', 'now', 'pilot_at_unblinding', 'pilot_now']));
  });
});

describe('agreement: the drift series of a large review', () => {
  it('keeps to 50 batches by default, and uses the batch size asked for', async () => {
    const lead = await signUp(server.url, 'Lead');
    const alice = await signUp(server.url, 'Alice');
    const bob = await signUp(server.url, 'Bob');
    const pid = await projectWith(lead, [{ client: alice, role: 'reviewer' }, { client: bob, role: 'reviewer' }]);
    const ids = seedRecords(server.db, pid, lead.user.id, 1100);
    seedDecisions(server.db, pid, ids.flatMap((recordId, i) => [alice, bob].map((u, k) => ({ recordId, userId: u.user.id, decision: (i + k) % 3 === 0 ? ('include' as const) : ('exclude' as const) }))));
    const byDefault = await lead.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta`);
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.drift.batchSize).toBe(22); // 1,100 doubly screened records in 50 batches
    expect(byDefault.body.drift.pairs[0]!.three).toHaveLength(50);
    const asked = await lead.get<AgreementReport>(`/api/projects/${pid}/agreement?stage=ta&batch=20`);
    expect(asked.body.drift.batchSize).toBe(20);
    expect(asked.body.drift.pairs[0]!.three).toHaveLength(55);
  });
});
