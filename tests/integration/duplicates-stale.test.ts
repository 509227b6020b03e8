/**
 * Two leads review duplicates at once. A confirm, split or merge that says what the lead saw is
 * refused with 409 group_changed when another lead changed the group meanwhile — with nothing
 * written and nothing audited — succeeds once it matches the group as it is, and without the field
 * behaves as before (older API users).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { importDataFile } from '../helpers/records';

type User = Client & { user: { id: string } };
interface Member { id: string; duplicateOf: string | null; duplicateCount: number; duplicateConfirmedAt: string | null; duplicateConfirmedBy: { id: string } | null }
interface Group { primary: Member; duplicates: Member[]; confirmed: boolean }

let server: TestServer;
let leadA: User;
let leadB: User;
let pid: string;
/** groups and records the tests take in turn, so that no two tests act on the same one */
let groupPool: Group[];
let singlePool: Member[];

const path = (p: string) => `/api/projects/${pid}/duplicates/${p}`;
const groupOf = async (rid: string) => (await leadA.get(`/api/projects/${pid}/records/${rid}`)).body.group as Group | null;
const linkOf = async (rid: string) => (await leadA.get(`/api/projects/${pid}/records/${rid}`)).body.record.duplicateOf as string | null;
const lastEventId = async () => ((await leadA.get(`/api/projects/${pid}/audit?order=desc&limit=1`)).body.events as { id: number }[])[0]?.id ?? 0;
const eventsAfter = async (id: number) => (await leadA.get(`/api/projects/${pid}/audit?after=${id}`)).body.events as { type: string; entityId: string; actorId: string }[];
const ids = (g: Group | null) => g?.duplicates.map((d) => d.id) ?? [];
const takeGroup = () => groupPool.shift()!;
const takeSingle = () => singlePool.shift()!;

/** The groups of `rids` and the audit log, to show that a refused request changed nothing. */
async function snapshot(rids: string[]) {
  return { groups: await Promise.all(rids.map(groupOf)), links: await Promise.all(rids.map(linkOf)), lastEvent: await lastEventId() };
}

/** Expects a refusal for a stale view, and that nothing changed. */
async function expectRefused(request: Promise<{ status: number; body: any }>, rids: string[], before: Awaited<ReturnType<typeof snapshot>>) {
  const r = await request;
  expect(r.status).toBe(409);
  expect(r.body.error).toMatchObject({ code: 'group_changed', message: expect.stringMatching(/changed/) });
  expect(await snapshot(rids)).toEqual(before);
}

beforeAll(async () => {
  server = await startServer();
  leadA = await signUp(server.url, 'Ada Lead');
  leadB = await signUp(server.url, 'Ben Lead');
  pid = await projectWith(leadA, [{ client: leadB, role: 'lead' }]);
  await importDataFile(leadA, pid, 'citesource_wildfire/medline_84.ris', 'MEDLINE');
  await importDataFile(leadA, pid, 'citesource_wildfire/wos_278.ris', 'Web of Science');
  groupPool = ((await leadA.get(`/api/projects/${pid}/duplicates?limit=200&status=unconfirmed`)).body.groups as Group[]).filter((g) => !g.confirmed);
  const records = (await leadA.get(`/api/projects/${pid}/records?duplicates=exclude&limit=500`)).body.records as Member[];
  singlePool = records.filter((r) => r.duplicateCount === 0);
  expect(groupPool.length).toBeGreaterThan(10);
  expect(singlePool.length).toBeGreaterThan(10);
});
afterAll(async () => server.close());

describe('confirm', () => {
  it('refuses a group that gained a record since it was shown, then confirms it as it is now', async () => {
    const shown = takeGroup();
    const extra = takeSingle();
    // Lead B merges a record into the group while lead A's page shows it.
    expect((await leadB.post(path('merge'), { primaryId: shown.primary.id, duplicateId: extra.id, duplicateOf: null })).status).toBe(200);
    const before = await snapshot([shown.primary.id]);
    expect(ids(before.groups[0]!)).toContain(extra.id);

    await expectRefused(leadA.post(path('confirm'), { primaryId: shown.primary.id, duplicateIds: ids(shown) }), [shown.primary.id], before);

    // Reloaded, the lead sees the new record and confirms again (order does not matter).
    const last = await lastEventId();
    const r = await leadA.post(path('confirm'), { primaryId: shown.primary.id, duplicateIds: [...ids(before.groups[0]!)].reverse() });
    expect(r.status).toBe(200);
    expect(r.body.group.confirmed).toBe(true);
    const events = await eventsAfter(last);
    // B's merge was confirmed by B when made; A confirms the links that were open.
    expect(events.map((e) => e.entityId).sort()).toEqual(ids(shown).sort());
    expect(events.every((e) => e.type === 'record.duplicate_confirmed' && e.actorId === leadA.user.id)).toBe(true);
  });

  it('refuses a group that lost a record, or whose primary was merged away', async () => {
    const lost = takeGroup();
    const dup = lost.duplicates[0]!;
    expect((await leadB.post(path('split'), { recordId: dup.id })).status).toBe(200);
    const before = await snapshot([lost.primary.id, dup.id]);
    await expectRefused(leadA.post(path('confirm'), { primaryId: lost.primary.id, duplicateIds: ids(lost) }), [lost.primary.id, dup.id], before);

    const [gone, into] = [takeGroup(), takeGroup()];
    expect((await leadB.post(path('merge'), { primaryId: into.primary.id, duplicateId: gone.primary.id })).status).toBe(200);
    const after = await snapshot([gone.primary.id, into.primary.id]);
    // Not 'not_primary': the lead was shown a group, and it changed.
    await expectRefused(leadA.post(path('confirm'), { primaryId: gone.primary.id, duplicateIds: ids(gone) }), [gone.primary.id, into.primary.id], after);
    // Without what was seen, the old answers stand.
    expect((await leadA.post(path('confirm'), { primaryId: gone.primary.id })).body.error.code).toBe('not_primary');
  });

  it('without duplicateIds, confirms the group as it is now, unseen records included', async () => {
    const g = takeGroup();
    const extra = takeSingle();
    expect((await leadB.post(path('merge'), { primaryId: g.primary.id, duplicateId: extra.id })).status).toBe(200);
    const r = await leadA.post(path('confirm'), { primaryId: g.primary.id });
    expect(r.status).toBe(200);
    expect(r.body.group.confirmed).toBe(true);
    expect(ids(r.body.group).sort()).toEqual([...ids(g), extra.id].sort());
  });

  it('rejects a malformed duplicateIds', async () => {
    const g = groupPool[0]!;
    const r = await leadA.post(path('confirm'), { primaryId: g.primary.id, duplicateIds: 'all' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toHaveProperty('duplicateIds');
  });
});

describe('split', () => {
  it('refuses a record that moved to another group since it was shown, then splits it from where it is', async () => {
    const [shown, other] = [takeGroup(), takeGroup()];
    const dup = shown.duplicates[0]!;
    expect((await leadB.post(path('merge'), { primaryId: other.primary.id, duplicateId: dup.id, duplicateOf: shown.primary.id })).status).toBe(200);
    const rids = [shown.primary.id, other.primary.id, dup.id];
    const before = await snapshot(rids);
    await expectRefused(leadA.post(path('split'), { recordId: dup.id, primaryId: shown.primary.id }), rids, before);

    const last = await lastEventId();
    const r = await leadA.post(path('split'), { recordId: dup.id, primaryId: other.primary.id });
    expect(r.status).toBe(200);
    expect(r.body.formerPrimaryId).toBe(other.primary.id);
    expect(await linkOf(dup.id)).toBeNull();
    expect((await eventsAfter(last)).map((e) => [e.type, e.entityId])).toEqual([['record.duplicate_split', dup.id]]);
  });

  it('refuses a record another lead already split out, where the old answer was not_duplicate', async () => {
    const g = takeGroup();
    const dup = g.duplicates[0]!;
    expect((await leadB.post(path('split'), { recordId: dup.id, primaryId: g.primary.id })).status).toBe(200);
    const before = await snapshot([g.primary.id, dup.id]);
    await expectRefused(leadA.post(path('split'), { recordId: dup.id, primaryId: g.primary.id }), [g.primary.id, dup.id], before);
    expect((await leadA.post(path('split'), { recordId: dup.id })).body.error.code).toBe('not_duplicate');
  });

  it('without primaryId, splits the record out of whichever group it is in now', async () => {
    const [shown, other] = [takeGroup(), takeGroup()];
    const dup = shown.duplicates[0]!;
    expect((await leadB.post(path('merge'), { primaryId: other.primary.id, duplicateId: dup.id })).status).toBe(200);
    const r = await leadA.post(path('split'), { recordId: dup.id });
    expect(r.status).toBe(200);
    expect(r.body.formerPrimaryId).toBe(other.primary.id);
  });
});

describe('merge', () => {
  it('refuses a record merged elsewhere since the preview, then merges it from where it is', async () => {
    const [target, elsewhere] = [takeGroup(), takeGroup()];
    const rec = takeSingle();
    // Lead A's preview: a record of its own.
    expect((await leadA.get(`${path('merge-preview')}?primaryId=${target.primary.id}&duplicateId=${rec.id}`)).body.duplicate.duplicateOf).toBeNull();
    expect((await leadB.post(path('merge'), { primaryId: elsewhere.primary.id, duplicateId: rec.id, duplicateOf: null })).status).toBe(200);
    const rids = [target.primary.id, elsewhere.primary.id, rec.id];
    const before = await snapshot(rids);
    await expectRefused(leadA.post(path('merge'), { primaryId: target.primary.id, duplicateId: rec.id, duplicateOf: null }), rids, before);

    const last = await lastEventId();
    const r = await leadA.post(path('merge'), { primaryId: target.primary.id, duplicateId: rec.id, duplicateOf: elsewhere.primary.id });
    expect(r.status).toBe(200);
    expect(ids(r.body.group)).toContain(rec.id);
    expect((await eventsAfter(last)).map((e) => [e.type, e.entityId])).toEqual([['record.duplicate_merged', rec.id]]);
  });

  it('refuses when a record shown in a group was split out, or the target’s primary merged away', async () => {
    const [target, from] = [takeGroup(), takeGroup()];
    const dup = from.duplicates[0]!;
    expect((await leadB.post(path('split'), { recordId: dup.id })).status).toBe(200);
    const rids = [target.primary.id, from.primary.id, dup.id];
    const before = await snapshot(rids);
    await expectRefused(leadA.post(path('merge'), { primaryId: target.primary.id, duplicateId: dup.id, duplicateOf: from.primary.id }), rids, before);

    const [gone, into] = [takeGroup(), takeGroup()];
    const rec = takeSingle();
    expect((await leadB.post(path('merge'), { primaryId: into.primary.id, duplicateId: gone.primary.id })).status).toBe(200);
    const after = await snapshot([gone.primary.id, into.primary.id, rec.id]);
    await expectRefused(leadA.post(path('merge'), { primaryId: gone.primary.id, duplicateId: rec.id, duplicateOf: null }), [gone.primary.id, into.primary.id, rec.id], after);
    expect((await leadA.post(path('merge'), { primaryId: gone.primary.id, duplicateId: rec.id })).body.error.code).toBe('not_primary');
  });

  it('refuses a record another lead already merged into the same group (not already_in_group)', async () => {
    const g = takeGroup();
    const rec = takeSingle();
    expect((await leadB.post(path('merge'), { primaryId: g.primary.id, duplicateId: rec.id, duplicateOf: null })).status).toBe(200);
    const before = await snapshot([g.primary.id, rec.id]);
    await expectRefused(leadA.post(path('merge'), { primaryId: g.primary.id, duplicateId: rec.id, duplicateOf: null }), [g.primary.id, rec.id], before);
    expect((await leadA.post(path('merge'), { primaryId: g.primary.id, duplicateId: rec.id })).body.error.code).toBe('already_in_group');
  });

  it('without duplicateOf, merges the record from wherever it is now', async () => {
    const [target, elsewhere] = [takeGroup(), takeGroup()];
    const rec = takeSingle();
    expect((await leadB.post(path('merge'), { primaryId: elsewhere.primary.id, duplicateId: rec.id })).status).toBe(200);
    const r = await leadA.post(path('merge'), { primaryId: target.primary.id, duplicateId: rec.id });
    expect(r.status).toBe(200);
    expect(await linkOf(rec.id)).toBe(target.primary.id);
  });
});
