/**
 * Correcting an import's source name over HTTP: PRISMA's records identified by source and the
 * records list follow, the change is audited; bad names, reviewers and unknown imports are refused
 * and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { Client, projectWith, signUp } from '../helpers/http';
import { importDataFile } from '../helpers/records';

type User = Client & { user: { id: string } };
let server: TestServer;
let lead: User;
let alice: User;
let pid: string;
let typo: { importId: string; parsed: number };
let other: { importId: string; parsed: number };

const identified = async () => (await lead.get(`/api/projects/${pid}/prisma.json`)).body.counts.identified as { source: string; n: number }[];
const sources = async () => ((await lead.get(`/api/projects/${pid}/imports`)).body.imports as { id: string; source: string }[]).map((i) => [i.id, i.source]);

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lena Lead');
  alice = await signUp(server.url, 'Alice');
  pid = await projectWith(lead, [{ client: alice, role: 'reviewer' }]);
  typo = await importDataFile(lead, pid, 'citesource_wildfire/envindex_100.ris', 'MEDLNE');
  other = await importDataFile(lead, pid, 'citesource_wildfire/econlit_3.ris', 'EconLit');
});
afterAll(async () => server.close());

describe('renaming an import source', () => {
  it('refuses bad names (400 with fields), reviewers (403) and unknown imports (404), changing nothing', async () => {
    const before = { sources: await sources(), identified: await identified() };
    const path = `/api/projects/${pid}/imports/${typo.importId}`;
    for (const body of [{ source: '' }, { source: '   ' }, { source: 'x'.repeat(201) }, {}, { source: 42 }]) {
      const r = await lead.patch(path, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('invalid');
      expect(Object.keys(r.body.error.fields)).toEqual(['source']);
    }
    expect((await lead.patch(path, { source: 'x'.repeat(201) })).body.error.fields.source).toMatch(/200 characters/);
    expect((await alice.patch(path, { source: 'MEDLINE' })).status).toBe(403);
    const unknown = await lead.patch(`/api/projects/${pid}/imports/nope`, { source: 'MEDLINE' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect({ sources: await sources(), identified: await identified() }).toEqual(before);
    expect((await lead.get(`/api/projects/${pid}/audit`)).body.events.some((e: { type: string }) => e.type === 'import.renamed')).toBe(false);
  });

  it('renames (trimmed), audits, and PRISMA and the records list count by the new name', async () => {
    expect(await identified()).toEqual([{ source: 'MEDLNE', n: typo.parsed }, { source: 'EconLit', n: other.parsed }]);
    const r = await lead.patch(`/api/projects/${pid}/imports/${typo.importId}`, { source: '  MEDLINE via Ovid ' });
    expect(r.status).toBe(200);
    expect(r.body.import).toMatchObject({ id: typo.importId, source: 'MEDLINE via Ovid', filename: 'envindex_100.ris', parsed: typo.parsed });
    expect(await identified()).toEqual([{ source: 'MEDLINE via Ovid', n: typo.parsed }, { source: 'EconLit', n: other.parsed }]);
    const facets = (await lead.get(`/api/projects/${pid}/records/facets`)).body;
    expect(facets.sources).toEqual([{ source: 'MEDLINE via Ovid', n: typo.parsed }, { source: 'EconLit', n: other.parsed }]);
    expect((await lead.get(`/api/projects/${pid}/records?source=${encodeURIComponent('MEDLINE via Ovid')}`)).body.total).toBe(typo.parsed);
    expect((await lead.get(`/api/projects/${pid}/records?source=MEDLNE`)).status).toBe(400);
    const ev = (await lead.get(`/api/projects/${pid}/audit?kind=records`)).body.events.filter((e: { type: string }) => e.type === 'import.renamed');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ entity: 'import', entityId: typo.importId, actorId: lead.user.id, subject: 'envindex_100.ris', before: { source: 'MEDLNE' }, after: { source: 'MEDLINE via Ovid' } });
    expect(ev[0].gone).toBeUndefined();
    // the same name again changes nothing and records nothing
    expect((await lead.patch(`/api/projects/${pid}/imports/${typo.importId}`, { source: 'MEDLINE via Ovid' })).status).toBe(200);
    expect((await lead.get(`/api/projects/${pid}/audit?kind=records`)).body.events.filter((e: { type: string }) => e.type === 'import.renamed')).toHaveLength(1);
  });

  it('merges two imports under one source when renamed to the same name', async () => {
    expect((await lead.patch(`/api/projects/${pid}/imports/${other.importId}`, { source: 'MEDLINE via Ovid' })).status).toBe(200);
    expect(await identified()).toEqual([{ source: 'MEDLINE via Ovid', n: typo.parsed + other.parsed }]);
  });
});
