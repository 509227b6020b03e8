/**
 * Removing a mistaken import over HTTP, with real overlapping exports (MEDLINE, Web of Science and
 * Lens from one search): its records, their index entries and its row go; PRISMA and the records
 * list follow; duplicate groups that lose their primary keep their other members, the earliest
 * promoted; it is refused once a record has a decision (without counts for a blinded screening
 * lead), for reviewers, and for unknown imports — and nothing changes when refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { Client, projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced, type SyncClient } from '../helpers/sync';
import { importDataFile } from '../helpers/records';
import { listDecisions } from '../../server/screening/repo';

type User = Client & { user: { id: string } };
let server: TestServer;
let lead: User;
let alice: User;
let pid: string;
const imports: Record<'medline' | 'wos' | 'lens', string> = { medline: '', wos: '', lens: '' };
const open: SyncClient[] = [];

const sql = <T>(q: string, ...args: unknown[]) => server.db.prepare(q).all(...args) as T[];
const one = (q: string, ...args: unknown[]) => (server.db.prepare(q).get(...args) as { n: number }).n;
const prisma = async () => (await lead.get(`/api/projects/${pid}/prisma.json`)).body.counts as { identified: { source: string; n: number }[]; duplicates: number };
const queue = async () => (await alice.get(`/api/projects/${pid}/stages/ta/queue`)).body.recordIds as string[];
const snapshot = async () => ({
  records: one('SELECT COUNT(*) n FROM records WHERE project_id = ?', pid),
  links: sql('SELECT id, duplicate_of, duplicate_via FROM records WHERE project_id = ? ORDER BY seq', pid),
  imports: (await lead.get(`/api/projects/${pid}/imports`)).body.imports,
  prisma: await prisma(),
});

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lena Lead');
  alice = await signUp(server.url, 'Alice');
  pid = await projectWith(lead, [{ client: alice, role: 'reviewer' }]);
  imports.medline = (await importDataFile(lead, pid, 'citesource_wildfire/medline_84.ris', 'MEDLINE')).importId;
  imports.wos = (await importDataFile(lead, pid, 'citesource_wildfire/wos_278.ris', 'Web of Science')).importId;
  imports.lens = (await importDataFile(lead, pid, 'citesource_wildfire/lens_343.ris', 'Lens')).importId;
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server.close();
});

describe('who may remove an import', () => {
  it('refuses reviewers (403), unknown imports (404) and requests without Origin, changing nothing', async () => {
    const before = await snapshot();
    const asReviewer = await alice.delete(`/api/projects/${pid}/imports/${imports.medline}`);
    expect(asReviewer.status).toBe(403);
    expect((await alice.get(`/api/projects/${pid}/imports/${imports.medline}/removal-preview`)).status).toBe(403);
    const unknown = await lead.delete(`/api/projects/${pid}/imports/no-such-import`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const noOrigin = new Client(server.url, null);
    noOrigin.cookie = lead.cookie;
    expect((await noOrigin.delete(`/api/projects/${pid}/imports/${imports.medline}`)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('an import whose records were screened', () => {
  it('is refused with 409 import_in_use, counting decisions only for a lead who may see them', async () => {
    // Alice decides on a Lens record in her private document, as the screening page does.
    const target = (await queue()).find((id) => sql<{ import_id: string }>('SELECT import_id FROM records WHERE id = ?', id)[0]!.import_id === imports.lens)!;
    expect(target).toBeTruthy();
    const d = await connectDoc(alice, `p/${pid}/u/${alice.user.id}`);
    open.push(d);
    await synced(d);
    d.doc.getMap('decisions:ta').set(target, { decision: 'exclude', reasons: [], note: '', at: new Date().toISOString() });
    await eventually(() => listDecisions(server.db, pid, 'ta').some((x) => x.recordId === target), 5000, 'decision projected');
    const before = await snapshot();

    const r = await lead.delete(`/api/projects/${pid}/imports/${imports.lens}`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('import_in_use');
    expect(r.body.error.message).toContain('1 of its records already has screening decisions');
    expect(r.body.error.fields).toEqual({ decisions: '1 of its records already has screening decisions' });
    const preview = await lead.get(`/api/projects/${pid}/imports/${imports.lens}/removal-preview`);
    expect(preview.body.blockers).toEqual([{ code: 'decisions', count: 1, message: '1 of its records already has screening decisions' }]);

    // A lead who screens title/abstract is blind to Alice's decision: told only that screening began.
    const sam = await signUp(server.url, 'Sam Screening Lead');
    const inv = await lead.post(`/api/projects/${pid}/invitations`, { role: 'lead' });
    expect((await sam.post(`/api/invitations/${inv.body.token}/accept`)).status).toBe(200);
    expect((await lead.request('PUT', `/api/projects/${pid}/stages/ta/screeners`, { userIds: [sam.user.id] })).status).toBe(200);
    const blind = await sam.delete(`/api/projects/${pid}/imports/${imports.lens}`);
    expect(blind.status).toBe(409);
    expect(blind.body.error.code).toBe('import_in_use');
    expect(blind.body.error.message).toContain('some of its records have already been screened');
    expect(blind.body.error.message).not.toMatch(/\d/);
    expect(JSON.stringify(blind.body.error.fields)).not.toMatch(/\d|decision/);
    const blindPreview = (await sam.get(`/api/projects/${pid}/imports/${imports.lens}/removal-preview`)).body;
    expect(blindPreview.blockers).toEqual([{ code: 'screened', count: null, message: 'some of its records have already been screened' }]);
    expect((await lead.request('PUT', `/api/projects/${pid}/stages/ta/screeners`, { userIds: [] })).status).toBe(200);

    expect(await snapshot()).toEqual(before);
    expect((await lead.get(`/api/projects/${pid}/audit`)).body.events.some((e: { type: string }) => e.type === 'import.removed')).toBe(false);
  });
});

describe('removing an import nothing was built on', () => {
  it('takes its records, index entries and row, repairs the groups it led, and is audited', async () => {
    // A MEDLINE group merged into a Web of Science one: its duplicates follow "via" the MEDLINE record.
    const groupsOf = (importId: string) => sql<{ id: string; n: number }>(
      `SELECT p.id, COUNT(d.id) n FROM records p JOIN records d ON d.duplicate_of = p.id AND d.import_id != p.import_id
       WHERE p.import_id = ? GROUP BY p.id ORDER BY p.seq`, importId);
    const medlineGroups = groupsOf(imports.medline);
    const wide = medlineGroups.find((g) => g.n >= 2)!;
    const donor = medlineGroups.find((g) => g !== wide)!;
    const wosPrimary = sql<{ id: string }>('SELECT id FROM records r WHERE import_id = ? AND duplicate_of IS NULL AND NOT EXISTS (SELECT 1 FROM records d WHERE d.duplicate_of = r.id) ORDER BY seq LIMIT 1', imports.wos)[0]!.id;
    expect(wide && donor && wosPrimary).toBeTruthy();
    const donorMembers = sql<{ id: string }>('SELECT id FROM records WHERE duplicate_of = ? ORDER BY seq', donor.id).map((r) => r.id);
    expect((await lead.post(`/api/projects/${pid}/duplicates/merge`, { primaryId: wosPrimary, duplicateId: donor.id })).status).toBe(200);
    expect(sql('SELECT 1 FROM records WHERE duplicate_via = ?', donor.id)).toHaveLength(donorMembers.length);

    const wideMembers = sql<{ id: string; title: string; duplicate_reason: string; duplicate_score: number | null }>(
      'SELECT id, title, duplicate_reason, duplicate_score FROM records WHERE duplicate_of = ? AND import_id != ? ORDER BY seq', wide.id, imports.medline);
    const removedIds = sql<{ id: string; rowid: number; title: string }>('SELECT id, rowid, title FROM records WHERE import_id = ?', imports.medline);
    const row = sql<{ parsed: number; added: number; duplicates: number }>('SELECT parsed, added, duplicates FROM imports WHERE id = ?', imports.medline)[0]!;
    const parsed = row.parsed;
    const dupsInImport = one('SELECT COUNT(*) n FROM records WHERE import_id = ? AND duplicate_of IS NOT NULL', imports.medline);
    const orphaned = sql<{ p: string }>('SELECT DISTINCT duplicate_of p FROM records WHERE import_id != ? AND duplicate_of IN (SELECT id FROM records WHERE import_id = ?)', imports.medline, imports.medline);
    const before = await prisma();
    expect(before.identified.map((s) => s.source)).toEqual(['MEDLINE', 'Web of Science', 'Lens']);
    expect(await queue()).not.toContain(wideMembers[0]!.id);
    // a search catches the index up, so every removed record is in it now
    expect((await lead.get(`/api/projects/${pid}/records?q=${encodeURIComponent(removedIds[0]!.title.split(/\s+/).slice(0, 3).join(' '))}`)).status).toBe(200);
    const indexed = (rowid: number) => sql('SELECT rowid FROM records_fts WHERE records_fts MATCH ? AND rowid = CAST(? AS INTEGER)', `"${removedIds.find((r) => r.rowid === rowid)!.title.split(/\W+/).filter((w) => w.length > 3)[0]}"`, rowid).length;
    expect(indexed(removedIds[0]!.rowid)).toBe(1);

    const preview = (await lead.get(`/api/projects/${pid}/imports/${imports.medline}/removal-preview`)).body;
    expect(preview).toMatchObject({ importId: imports.medline, source: 'MEDLINE', filename: 'medline_84.ris', records: removedIds.length, blockers: [] });
    expect(preview.promoted.map((p: { id: string }) => p.id)).toContain(wideMembers[0]!.id);
    expect(preview.promoted).toHaveLength(orphaned.length);

    const r = await lead.delete(`/api/projects/${pid}/imports/${imports.medline}`);
    expect(r.status).toBe(200);
    expect(r.body.removed).toMatchObject({ importId: imports.medline, records: removedIds.length, staying: preview.staying });
    expect(r.body.removed.promoted).toHaveLength(orphaned.length);

    // records, imports row and index entries are gone; the index agrees with the table
    expect(one('SELECT COUNT(*) n FROM records WHERE import_id = ?', imports.medline)).toBe(0);
    expect(one('SELECT COUNT(*) n FROM imports WHERE id = ?', imports.medline)).toBe(0);
    expect(indexed(removedIds[0]!.rowid)).toBe(0);
    expect(() => server.db.prepare("INSERT INTO records_fts(records_fts) VALUES ('integrity-check')").run()).not.toThrow();
    expect((await lead.get(`/api/projects/${pid}/records/${removedIds[0]!.id}`)).status).toBe(404);

    // the earliest remaining member leads the group; the others point at it, keeping their links
    const promoted = wideMembers[0]!;
    expect(sql('SELECT duplicate_of, duplicate_reason, duplicate_via FROM records WHERE id = ?', promoted.id)).toEqual([{ duplicate_of: null, duplicate_reason: null, duplicate_via: null }]);
    for (const m of wideMembers.slice(1)) {
      expect(sql('SELECT duplicate_of, duplicate_reason, duplicate_score FROM records WHERE id = ?', m.id)).toEqual([{ duplicate_of: promoted.id, duplicate_reason: m.duplicate_reason, duplicate_score: m.duplicate_score }]);
    }
    // the merged-in MEDLINE record went; its followers stay in the Web of Science group, via nothing
    for (const id of donorMembers) expect(sql('SELECT duplicate_of, duplicate_via FROM records WHERE id = ?', id)).toEqual([{ duplicate_of: wosPrimary, duplicate_via: null }]);
    // nothing points at a duplicate or at a missing record
    expect(one('SELECT COUNT(*) n FROM records d LEFT JOIN records p ON p.id = d.duplicate_of WHERE d.project_id = ? AND d.duplicate_of IS NOT NULL AND (p.id IS NULL OR p.duplicate_of IS NOT NULL)', pid)).toBe(0);
    expect(one('SELECT COUNT(*) n FROM records d LEFT JOIN records v ON v.id = d.duplicate_via WHERE d.project_id = ? AND d.duplicate_via IS NOT NULL AND v.id IS NULL', pid)).toBe(0);

    // screening, PRISMA and the records list follow
    expect(await queue()).toContain(promoted.id);
    const after = await prisma();
    expect(after.identified).toEqual(before.identified.filter((s) => s.source !== 'MEDLINE'));
    expect(before.identified.find((s) => s.source === 'MEDLINE')!.n).toBe(parsed);
    expect(after.duplicates).toBe(before.duplicates - dupsInImport - orphaned.length);
    const facets = (await lead.get(`/api/projects/${pid}/records/facets`)).body;
    expect(facets.sources.map((s: { source: string }) => s.source)).toEqual(['Web of Science', 'Lens']);
    expect(facets.total).toBe(one('SELECT COUNT(*) n FROM records WHERE project_id = ?', pid));
    expect((await lead.get(`/api/projects/${pid}/records?import=${imports.medline}`)).status).toBe(400);

    const ev = (await lead.get(`/api/projects/${pid}/audit?kind=records`)).body.events.filter((e: { type: string }) => e.type === 'import.removed');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({
      entity: 'import', entityId: imports.medline, actorId: lead.user.id, subject: 'medline_84.ris', gone: true,
      before: { source: 'MEDLINE', filename: 'medline_84.ris', parsed, added: row.added, duplicates: row.duplicates },
      after: { records: removedIds.length, promoted: r.body.removed.promoted },
    });
  });

  it('forgets the file, and indexes records imported after the newest import was removed', async () => {
    const econ = await importDataFile(lead, pid, 'citesource_wildfire/econlit_3.ris', 'EconLit');
    const title = sql<{ title: string }>('SELECT title FROM records WHERE import_id = ? ORDER BY seq LIMIT 1', econ.importId)[0]!.title;
    const words = encodeURIComponent(title.split(/\W+/).filter((w) => w.length > 4).slice(0, 3).join(' '));
    const found = async () => ((await lead.get(`/api/projects/${pid}/records?q=${words}`)).body.records as { title: string }[]).filter((x) => x.title === title).length;
    expect(await found()).toBe(1);
    const shaOf = sql<{ sha256: string }>('SELECT sha256 FROM imports WHERE id = ?', econ.importId)[0]!.sha256;
    expect((await lead.get(`/api/projects/${pid}/imports/by-hash/${shaOf}`)).body.repeatOf).not.toBeNull();
    expect((await lead.delete(`/api/projects/${pid}/imports/${econ.importId}`)).status).toBe(200);
    expect(await found()).toBe(0);
    expect((await lead.get(`/api/projects/${pid}/imports/by-hash/${shaOf}`)).body.repeatOf).toBeNull();
    // the same file again: its records take the freed rowids, and must still be found
    const again = await importDataFile(lead, pid, 'citesource_wildfire/econlit_3.ris', 'EconLit');
    expect(again).toMatchObject({ parsed: econ.parsed, added: econ.added });
    expect(await found()).toBe(1);
    expect(() => server.db.prepare("INSERT INTO records_fts(records_fts) VALUES ('integrity-check')").run()).not.toThrow();
  });
});
