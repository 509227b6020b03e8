/**
 * Labels from other tools travel with a duplicate group: a Rayyan export imported after the
 * database searches it came from has every record found as a duplicate, and its reviewers' labels
 * must still reach the record kept for screening (the label filter finds it, its group carries them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { dataFile } from '../helpers/data';

let server: TestServer;
let lead: Client & { user: { id: string } };
let pid: string;

/** The first `n` records of a real RIS export, each with Rayyan's inclusion note added. */
function rayyanCopyOf(path: string, n: number): Buffer {
  const blocks = dataFile(path).toString('utf8').split(/^ER {2}-.*$/m).slice(0, n);
  const note = 'N1  - RAYYAN-INCLUSION: {"Ana"=>"Included", "Ben"=>"Excluded"}';
  return Buffer.from(blocks.map((b) => `${b.trim()}\n${note}\nER  - \n`).join('\n'));
}

async function upload(body: Buffer, source: string) {
  const r = await lead.request('POST', `/api/projects/${pid}/imports?source=${encodeURIComponent(source)}`, body, { 'content-type': 'application/octet-stream' });
  expect(r.status, source).toBe(201);
  return r.body as { added: number; duplicates: number };
}

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lead');
  pid = await projectWith(lead, [], 'Labels across duplicates');
  await upload(dataFile('citesource_wildfire/medline_84.ris'), 'MEDLINE via Ovid');
});
afterAll(() => server.close());

describe('prior labels on duplicates', () => {
  it('finds the kept record by its duplicates’ labels and shows them in its group', async () => {
    const rayyan = await upload(rayyanCopyOf('citesource_wildfire/medline_84.ris', 3), 'Rayyan export');
    expect(rayyan).toMatchObject({ parsed: 3, added: 0, duplicates: 3 });

    const kept = await lead.get(`/api/projects/${pid}/records?label=${encodeURIComponent('rayyan:include')}&duplicates=exclude`);
    expect(kept.status).toBe(200);
    expect(kept.body.total).toBe(3);
    for (const r of kept.body.records) {
      expect(r.duplicateOf).toBeNull();
      expect(r.source).toBe('MEDLINE via Ovid');
      expect(r.priorLabels).toEqual([]);
      const one = await lead.get(`/api/projects/${pid}/records/${r.id}`);
      const labelled = one.body.group.duplicates.flatMap((d: { source: string; priorLabels: unknown[] }) => d.priorLabels.map((l) => ({ ...(l as object), from: d.source })));
      expect(labelled).toEqual(expect.arrayContaining([
        expect.objectContaining({ tool: 'rayyan', reviewer: 'Ana', label: 'include', from: 'Rayyan export' }),
        expect.objectContaining({ tool: 'rayyan', reviewer: 'Ben', label: 'exclude', from: 'Rayyan export' }),
      ]));
    }
    // the duplicates themselves still match on their own labels, and nothing else does
    expect((await lead.get(`/api/projects/${pid}/records?label=rayyan:include&duplicates=only`)).body.total).toBe(3);
    expect((await lead.get(`/api/projects/${pid}/records?label=rayyan:include`)).body.total).toBe(6);
    expect((await lead.get(`/api/projects/${pid}/records?label=rayyan:maybe`)).body.total).toBe(0);
  });
});
