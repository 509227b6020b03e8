/**
 * Duplicate review over HTTP with real overlapping exports (MEDLINE and Web of Science from one
 * search): groups listed and filtered; a lead confirms, splits and merges — each change audited
 * with before/after and reflected in the PRISMA duplicates count and the screening queue; a record
 * with decisions can be merged (decisions kept, record leaves the stage); the pilot round, once
 * unblinded, cannot be reshuffled; everyone else is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { connectDoc, eventually, synced, type SyncClient } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { listDecisions } from '../../server/screening/repo';
import { dataFile } from '../helpers/data';

const file = dataFile;

type User = Client & { user: { id: string } };
let server: TestServer;
let lead: User;
let alice: User;
let bob: User;
let observer: User;
let pid: string;
const open: SyncClient[] = [];

interface Group {
  primary: { id: string; title: string; duplicateOf: string | null };
  duplicates: { id: string; duplicateOf: string; duplicateReason: string; duplicateConfirmedAt: string | null; duplicateConfirmedBy: { name: string } | null }[];
  reasons: string[];
  confirmed: boolean;
}

const prismaDuplicates = async () => {
  const r = await lead.get(`/api/projects/${pid}/prisma.json`);
  expect(r.status).toBe(200);
  return r.body.counts.duplicates as number;
};
const queue = async (who: User) => (await who.get(`/api/projects/${pid}/stages/ta/queue`)).body.recordIds as string[];
const events = async (type: string) => ((await lead.get(`/api/projects/${pid}/audit`)).body.events as { type: string; entityId: string; actorId: string; before: any; after: any }[]).filter((e) => e.type === type);
const groups = async (query = '') => (await lead.get(`/api/projects/${pid}/duplicates?limit=200${query}`)).body as { groups: Group[]; total: number; nextCursor: string | null; totals: { groups: number; duplicates: number; unconfirmed: number } };

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lena Lead');
  alice = await signUp(server.url, 'Alice');
  bob = await signUp(server.url, 'Bob');
  observer = await signUp(server.url, 'Olga Observer');
  pid = await projectWith(lead, [
    { client: alice, role: 'reviewer' },
    { client: bob, role: 'reviewer' },
    { client: observer, role: 'observer' },
  ]);
  for (const [path, source] of [['citesource_wildfire/medline_84.ris', 'MEDLINE'], ['citesource_wildfire/wos_278.ris', 'Web of Science']] as const) {
    const r = await lead.request('POST', `/api/projects/${pid}/imports?source=${encodeURIComponent(source)}`, file(path), { 'content-type': 'application/octet-stream' });
    expect(r.status).toBe(201);
  }
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server.close();
});

describe('duplicate groups', () => {
  it('lists groups with reasons and status; any member may look', async () => {
    const all = await groups();
    expect(all.totals.duplicates).toBe(await prismaDuplicates());
    expect(all.totals.duplicates).toBeGreaterThan(20);
    expect(all.total).toBe(all.groups.length);
    expect(all.totals.unconfirmed).toBe(all.total);
    for (const g of all.groups) {
      expect(g.primary.duplicateOf).toBeNull();
      expect(g.duplicates.length).toBeGreaterThan(0);
      expect(g.duplicates.every((d) => d.duplicateOf === g.primary.id)).toBe(true);
      expect(g.reasons.every((r) => ['doi', 'pmid', 'fuzzy', 'manual'].includes(r))).toBe(true);
      expect(g.confirmed).toBe(false);
    }
    expect(all.groups.reduce((s, g) => s + g.duplicates.length, 0)).toBe(all.totals.duplicates);
    const doi = await groups('&reason=doi');
    expect(doi.groups.every((g) => g.duplicates.some((d) => d.duplicateReason === 'doi'))).toBe(true);
    // Keyset paging over groups.
    const p1 = (await lead.get(`/api/projects/${pid}/duplicates?limit=5`)).body;
    const p2 = (await lead.get(`/api/projects/${pid}/duplicates?limit=5&cursor=${p1.nextCursor}`)).body;
    expect(p2.groups[0].primary.id).toBe(all.groups[5]!.primary.id);
    expect((await observer.get(`/api/projects/${pid}/duplicates`)).status).toBe(200);
    for (const q of ['status=maybe', 'reason=title', 'limit=201', 'cursor=x']) {
      const r = await lead.get(`/api/projects/${pid}/duplicates?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.message, q).toBeTruthy();
    }
  });

  it('a lead confirms a group (audited); others are refused', async () => {
    const g = (await groups()).groups[0]!;
    for (const who of [alice, observer]) {
      const r = await who.post(`/api/projects/${pid}/duplicates/confirm`, { primaryId: g.primary.id });
      expect(r.status).toBe(403);
    }
    const r = await lead.post(`/api/projects/${pid}/duplicates/confirm`, { primaryId: g.primary.id });
    expect(r.status).toBe(200);
    expect(r.body.group.confirmed).toBe(true);
    expect(r.body.group.duplicates[0].duplicateConfirmedBy.name).toBe('Lena Lead');
    const confirmed = await groups('&status=confirmed');
    expect(confirmed.groups.map((x) => x.primary.id)).toEqual([g.primary.id]);
    expect((await groups('&status=unconfirmed')).total).toBe((await groups()).total - 1);
    const ev = await events('record.duplicate_confirmed');
    expect(ev.map((e) => e.entityId).sort()).toEqual(g.duplicates.map((d) => d.id).sort());
    expect(ev[0]).toMatchObject({ actorId: lead.user.id, before: { duplicateOf: g.primary.id, confirmedAt: null }, after: { duplicateOf: g.primary.id, confirmedBy: lead.user.id } });
    // Confirming again changes nothing and adds no events.
    await lead.post(`/api/projects/${pid}/duplicates/confirm`, { primaryId: g.primary.id });
    expect((await events('record.duplicate_confirmed')).length).toBe(ev.length);
  });

  it('splitting a duplicate makes it a primary again: PRISMA count and queue follow', async () => {
    const before = await prismaDuplicates();
    const g = (await groups()).groups[1]!;
    const dup = g.duplicates[0]!;
    expect(await queue(alice)).not.toContain(dup.id);
    const r = await lead.post(`/api/projects/${pid}/duplicates/split`, { recordId: dup.id });
    expect(r.status).toBe(200);
    expect(r.body.formerPrimaryId).toBe(g.primary.id);
    expect(await prismaDuplicates()).toBe(before - 1);
    expect(await queue(alice)).toContain(dup.id);
    const rec = (await lead.get(`/api/projects/${pid}/records/${dup.id}`)).body.record;
    expect(rec).toMatchObject({ duplicateOf: null, duplicateReason: null, duplicateConfirmedAt: null });
    const [ev] = await events('record.duplicate_split');
    expect(ev).toMatchObject({ entityId: dup.id, before: { duplicateOf: g.primary.id, reason: dup.duplicateReason }, after: { duplicateOf: null } });
    // A primary has nothing to split.
    const again = await lead.post(`/api/projects/${pid}/duplicates/split`, { recordId: dup.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_duplicate');
  });

  it('merging a primary with duplicates moves them all into the group', async () => {
    const list = (await groups()).groups;
    const target = list[2]!;
    const donor = list[3]!;
    const before = await prismaDuplicates();
    const preview = await lead.get(`/api/projects/${pid}/duplicates/merge-preview?primaryId=${target.primary.id}&duplicateId=${donor.primary.id}`);
    expect(preview.status).toBe(200);
    expect(preview.body.moving).toBe(donor.duplicates.length);
    expect(preview.body.screening.ta).toEqual({ inStage: true, decisions: 0, othersHidden: false });
    const r = await lead.post(`/api/projects/${pid}/duplicates/merge`, { primaryId: target.primary.id, duplicateId: donor.primary.id });
    expect(r.status).toBe(200);
    expect(r.body.moved.sort()).toEqual(donor.duplicates.map((d) => d.id).sort());
    const ids = r.body.group.duplicates.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining([donor.primary.id, ...donor.duplicates.map((d) => d.id), ...target.duplicates.map((d) => d.id)]));
    expect(r.body.group.duplicates.every((d: { duplicateOf: string }) => d.duplicateOf === target.primary.id)).toBe(true);
    expect(await prismaDuplicates()).toBe(before + 1);
    expect((await lead.get(`/api/projects/${pid}/records/${donor.primary.id}`)).body.record).toMatchObject({ duplicateOf: target.primary.id, duplicateReason: 'manual' });
    const ev = await events('record.duplicate_merged');
    expect(ev).toHaveLength(1);
    // the donor's own duplicates follow it, keeping their own links and naming the record they followed
    const moved = await events('record.duplicate_moved');
    expect(moved.map((e) => e.entityId).sort()).toEqual(donor.duplicates.map((d) => d.id).sort());
    for (const e of moved) expect(e.after).toMatchObject({ duplicateOf: target.primary.id, via: donor.primary.id, reason: e.before.reason, confirmedAt: e.before.confirmedAt });
    expect(ev.find((e) => e.entityId === donor.primary.id)).toMatchObject({ before: { duplicateOf: null }, after: { duplicateOf: target.primary.id, reason: 'manual', confirmedBy: lead.user.id } });
    // Nothing points at a duplicate.
    const chained = server.db.prepare('SELECT COUNT(*) n FROM records d JOIN records p ON p.id = d.duplicate_of WHERE d.project_id = ? AND p.duplicate_of IS NOT NULL').get(pid) as { n: number };
    expect(chained.n).toBe(0);
  });

  it('a record with decisions may be merged: decisions stay, it leaves the stage', async () => {
    const ids = await queue(alice);
    const [keep, victim] = [ids[0]!, ids[1]!];
    for (const who of [alice, bob]) {
      const d = await connectDoc(who, `p/${pid}/u/${who.user.id}`);
      open.push(d);
      await synced(d);
      d.doc.getMap('decisions:ta').set(victim, { decision: 'include', reasons: [], note: '', at: new Date().toISOString() });
    }
    await eventually(() => listDecisions(server.db, pid, 'ta').filter((d) => d.recordId === victim).length === 2, 5000, 'decisions projected');
    const preview = await lead.get(`/api/projects/${pid}/duplicates/merge-preview?primaryId=${keep}&duplicateId=${victim}`);
    expect(preview.body.screening.ta).toEqual({ inStage: true, decisions: 2, othersHidden: false });
    // A lead who screens this stage is blind like everyone else: the preview counts only their own decisions.
    const screeningLead = await signUp(server.url, 'Sam Screening Lead');
    const inv = await lead.post(`/api/projects/${pid}/invitations`, { role: 'lead' });
    expect((await screeningLead.post(`/api/invitations/${inv.body.token}/accept`)).status).toBe(200);
    expect((await lead.request('PUT', `/api/projects/${pid}/stages/ta/screeners`, { userIds: [screeningLead.user.id] })).status).toBe(200);
    const blind = await screeningLead.get(`/api/projects/${pid}/duplicates/merge-preview?primaryId=${keep}&duplicateId=${victim}`);
    expect(blind.body.screening.ta).toEqual({ inStage: true, decisions: 0, othersHidden: true });
    expect(blind.body.screening.ft).toBeNull();
    const r = await lead.post(`/api/projects/${pid}/duplicates/merge`, { primaryId: keep, duplicateId: victim });
    expect(r.status).toBe(200);
    expect(await queue(alice)).not.toContain(victim);
    const kept = listDecisions(server.db, pid, 'ta').filter((d) => d.recordId === victim);
    expect(kept.map((d) => d.userId).sort()).toEqual([alice.user.id, bob.user.id].sort());
  });

  it('refuses impossible merges and bad input', async () => {
    const g = (await groups()).groups[0]!;
    const dup = g.duplicates[0]!.id;
    const other = (await queue(alice)).find((id) => id !== g.primary.id)!;
    const cases: [unknown, number, string][] = [
      [{ primaryId: g.primary.id, duplicateId: g.primary.id }, 400, 'same_record'],
      [{ primaryId: dup, duplicateId: other }, 409, 'not_primary'],
      [{ primaryId: g.primary.id, duplicateId: dup }, 409, 'already_in_group'],
      [{ primaryId: g.primary.id, duplicateId: 'nope' }, 404, 'not_found'],
      [{ primaryId: g.primary.id }, 400, 'invalid'],
    ];
    for (const [body, status, code] of cases) {
      const r = await lead.post(`/api/projects/${pid}/duplicates/merge`, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await lead.post(`/api/projects/${pid}/duplicates/confirm`, { primaryId: other })).body.error.code).toBe('not_a_group');
    expect((await lead.post(`/api/projects/${pid}/duplicates/confirm`, { primaryId: dup })).body.error.code).toBe('not_primary');
    expect((await lead.post(`/api/projects/${pid}/duplicates/split`, {})).status).toBe(400);
    expect((await bob.post(`/api/projects/${pid}/duplicates/split`, { recordId: dup })).status).toBe(403);
    expect((await bob.post(`/api/projects/${pid}/duplicates/merge`, { primaryId: g.primary.id, duplicateId: other })).status).toBe(403);
    expect((await bob.get(`/api/projects/${pid}/duplicates/merge-preview?primaryId=${g.primary.id}&duplicateId=${other}`)).status).toBe(403);
  });

  it('keeps the pilot round’s records fixed once it was unblinded early', async () => {
    const p2 = await projectWith(lead, [{ client: alice, role: 'reviewer' }, { client: bob, role: 'reviewer' }], 'Pilot');
    expect((await lead.patch(`/api/projects/${p2}`, { pilotSize: 2 })).status).toBe(200);
    const ids = seedRecords(server.db, p2, lead.user.id, 5);
    expect((await lead.post(`/api/projects/${p2}/stages/ta/unblind?scope=pilot`)).status).toBe(200);
    const r = await lead.post(`/api/projects/${p2}/duplicates/merge`, { primaryId: ids[3], duplicateId: ids[0] });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('pilot_locked');
    expect((await lead.get(`/api/projects/${p2}/records/${ids[0]}`)).body.record.duplicateOf).toBeNull();
    // Outside the pilot, merging is fine.
    expect((await lead.post(`/api/projects/${p2}/duplicates/merge`, { primaryId: ids[3], duplicateId: ids[4] })).status).toBe(200);
  });
});
