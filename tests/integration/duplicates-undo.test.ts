/**
 * A wrong merge can be undone: merging a primary into another group takes its duplicates along
 * without pretending a lead checked them, and splitting it out again takes them back to it. The
 * records' histories tell what happened when it happened, not today's links stamped on the past.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { dataFile } from '../helpers/data';

type User = Client & { user: { id: string } };
interface Member { id: string; title: string; doi: string | null; duplicateOf: string | null; duplicateReason: string | null; duplicateConfirmedAt: string | null; duplicateVia: string | null }
interface Group { primary: Member; duplicates: Member[]; confirmed: boolean }

let server: TestServer;
let lead: User;
let pid: string;

const groups = async () => (await lead.get(`/api/projects/${pid}/duplicates?limit=200`)).body.groups as Group[];
const record = async (id: string) => (await lead.get(`/api/projects/${pid}/records/${id}`)).body.record as Member;
const history = async (id: string) => (await lead.get(`/api/projects/${pid}/records/${id}/history`)).body.events as { kind: string; action?: string; at: string; otherId?: string; other?: { id: string }; via?: { id: string } | null }[];
const merge = (primaryId: string, duplicateId: string) => lead.post(`/api/projects/${pid}/duplicates/merge`, { primaryId, duplicateId });
const split = (recordId: string) => lead.post(`/api/projects/${pid}/duplicates/split`, { recordId });
const membersOf = async (primaryId: string) => (await groups()).find((g) => g.primary.id === primaryId)?.duplicates.map((d) => d.id).sort() ?? [];

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lena Lead');
  pid = await projectWith(lead, []);
  for (const [path, source] of [['citesource_wildfire/lens_343.ris', 'Lens'], ['citesource_wildfire/wos_278.ris', 'Web of Science'], ['citesource_wildfire/Dimensions_246.ris', 'Dimensions']] as const) {
    const r = await lead.request('POST', `/api/projects/${pid}/imports?source=${encodeURIComponent(source)}`, dataFile(path), { 'content-type': 'application/octet-stream' });
    expect(r.status).toBe(201);
  }
});
afterAll(async () => server.close());

describe('undoing a wrong merge', () => {
  it('moves the merged record’s duplicates with their own links, and takes them back on split', async () => {
    // two unrelated groups with a DOI each, both found by DOI at import and not yet checked by anyone
    const all = (await groups()).filter((g) => g.primary.doi && !g.confirmed && g.duplicates.every((d) => d.duplicateReason === 'doi'));
    const [a, b] = [all[0]!, all.find((g) => g.primary.doi !== all[0]!.primary.doi && g.duplicates.length >= 1)!];
    const aBefore = await membersOf(a.primary.id);
    const bBefore = await membersOf(b.primary.id);

    const preview = await lead.get(`/api/projects/${pid}/duplicates/merge-preview?primaryId=${a.primary.id}&duplicateId=${b.primary.id}`);
    expect(preview.body.moving).toBe(bBefore.length);
    expect(preview.body.differences).toContainEqual({ field: 'doi', primary: a.primary.doi, duplicate: b.primary.doi });

    expect((await merge(a.primary.id, b.primary.id)).status).toBe(200);
    expect(await membersOf(a.primary.id)).toEqual([...aBefore, b.primary.id, ...bBefore].sort());
    for (const id of bBefore) {
      // still a DOI link, still unchecked, and it says through which record it belongs here
      expect(await record(id)).toMatchObject({ duplicateOf: a.primary.id, duplicateReason: 'doi', duplicateConfirmedAt: null, duplicateVia: b.primary.id });
    }
    expect((await groups()).find((g) => g.primary.id === a.primary.id)!.confirmed).toBe(false);
    // the primary's history says who merged what in, after the import
    const joined = (await history(a.primary.id)).filter((e) => e.kind === 'duplicate_joined');
    expect(joined.map((e) => e.other!.id).sort()).toEqual([b.primary.id, ...bBefore].sort());
    expect(joined.filter((e) => e.via?.id === b.primary.id).map((e) => e.other!.id).sort()).toEqual([...bBefore].sort());

    const r = await split(b.primary.id);
    expect(r.status).toBe(200);
    expect(r.body.movedBack.sort()).toEqual(bBefore);
    expect(await membersOf(a.primary.id)).toEqual(aBefore);
    expect(await membersOf(b.primary.id)).toEqual(bBefore);
    for (const id of bBefore) expect(await record(id)).toMatchObject({ duplicateOf: b.primary.id, duplicateReason: 'doi', duplicateConfirmedAt: null, duplicateVia: null });

    // a moved duplicate's history: found as a duplicate of b at import, moved in with b, moved back with b
    const h = await history(bBefore[0]!);
    const found = h.find((e) => e.kind === 'duplicate_of')!;
    expect(found.otherId).toBe(b.primary.id);
    expect(h.filter((e) => e.kind === 'duplicate_review').map((e) => `${e.action}:${e.other?.id}:${e.via?.id ?? ''}`)).toEqual([
      `moved_in:${a.primary.id}:${b.primary.id}`,
      `moved_back:${b.primary.id}:`,
    ]);
    expect(h.findIndex((e) => e.kind === 'duplicate_of')).toBeLessThan(h.findIndex((e) => e.action === 'moved_in'));
    // and the group that lent and got back its records shows nothing that did not happen to it
    expect((await history(a.primary.id)).filter((e) => e.kind === 'duplicate_found').map((e) => e.otherId).sort()).toEqual(aBefore);
  });

  it('unwinds merges of merges one split at a time', async () => {
    const gs = (await groups()).filter((g) => g.duplicates.length >= 1 && g.duplicates.every((d) => !d.duplicateVia));
    const [a, b, c] = [gs[0]!, gs[1]!, gs[2]!];
    const [aM, bM, cM] = [await membersOf(a.primary.id), await membersOf(b.primary.id), await membersOf(c.primary.id)];
    expect((await merge(a.primary.id, b.primary.id)).status).toBe(200);
    expect((await merge(c.primary.id, a.primary.id)).status).toBe(200);
    expect(await membersOf(c.primary.id)).toEqual([...cM, a.primary.id, ...aM, b.primary.id, ...bM].sort());
    // nothing points at a duplicate, however deep the merges went
    const chained = server.db.prepare('SELECT COUNT(*) n FROM records d JOIN records p ON p.id = d.duplicate_of WHERE d.project_id = ? AND p.duplicate_of IS NOT NULL').get(pid) as { n: number };
    expect(chained.n).toBe(0);

    expect((await split(a.primary.id)).status).toBe(200);
    expect(await membersOf(c.primary.id)).toEqual(cM);
    expect(await membersOf(a.primary.id)).toEqual([...aM, b.primary.id, ...bM].sort());
    // b stays merged into a (that merge was not undone), by hand and confirmed, as the lead made it
    expect(await record(b.primary.id)).toMatchObject({ duplicateOf: a.primary.id, duplicateReason: 'manual', duplicateVia: null });
    expect((await split(b.primary.id)).status).toBe(200);
    expect(await membersOf(a.primary.id)).toEqual(aM);
    expect(await membersOf(b.primary.id)).toEqual(bM);
  });

  it('names the differences that argue against a merge', async () => {
    const [a, b] = (await groups()).filter((g) => g.primary.doi);
    const p = await lead.get(`/api/projects/${pid}/duplicates/merge-preview?primaryId=${a!.primary.id}&duplicateId=${b!.primary.id}`);
    const fields = (p.body.differences as { field: string }[]).map((d) => d.field);
    expect(fields).toContain('doi');
    // the same record's own duplicate (same DOI) shows no DOI difference
    const same = await lead.get(`/api/projects/${pid}/duplicates/merge-preview?primaryId=${b!.primary.id}&duplicateId=${b!.duplicates[0]!.id}`);
    expect((same.body.differences as { field: string }[]).map((d) => d.field)).not.toContain('doi');
  });
});
