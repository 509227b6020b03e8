/**
 * One database, one source name: an import's source is stored with its spaces tidied, and a name
 * that differs from one the project already uses only by case takes the project's spelling, so
 * PRISMA counts the database in one row. A rename tidies spaces too but keeps the lead's case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { importDataFile } from '../helpers/records';

let server: TestServer;
let lead: Client & { user: { id: string } };
let pid: string;

const identified = async () => (await lead.get(`/api/projects/${pid}/prisma.json`)).body.counts.identified as { source: string; n: number }[];

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lena Lead');
  pid = await projectWith(lead, [], 'Source names');
});
afterAll(() => server.close());

describe('source names', () => {
  it('tidies spaces and follows the project’s spelling of the same name', async () => {
    const first = await importDataFile(lead, pid, 'citesource_wildfire/econlit_3.ris', '  Web  of Science\tCore Collection ');
    expect(first).toMatchObject({ source: 'Web of Science Core Collection' });
    const second = await importDataFile(lead, pid, 'citesource_wildfire/envindex_100.ris', 'web of science core collection  ');
    expect(second).toMatchObject({ source: 'Web of Science Core Collection' });
    const third = await importDataFile(lead, pid, 'citesource_wildfire/medline_84.ris', 'MEDLINE via Ovid');
    expect(third).toMatchObject({ source: 'MEDLINE via Ovid' });
    expect(await identified()).toEqual([
      { source: 'Web of Science Core Collection', n: first.parsed + second.parsed },
      { source: 'MEDLINE via Ovid', n: third.parsed },
    ]);
    const listed = (await lead.get(`/api/projects/${pid}/imports`)).body.imports.map((i: { source: string }) => i.source);
    expect(new Set(listed)).toEqual(new Set(['Web of Science Core Collection', 'MEDLINE via Ovid']));

    // renaming is the lead's explicit word: spaces tidied, case kept
    const renamed = await lead.patch(`/api/projects/${pid}/imports/${third.importId}`, { source: '  medline   via OVID ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.import.source).toBe('medline via OVID');
  });
});
