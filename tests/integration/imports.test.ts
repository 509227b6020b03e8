/** Importing real exports over HTTP: counts, duplicates across imports, progress, atomic failures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { stagingTable } from '../../server/records/store';
import { dataFile } from '../helpers/data';

const file = dataFile;
const erCount = (p: string) => (file(p).toString('utf8').match(/^ER {2}-/gm) ?? []).length;

let server: TestServer;
let lead: Client & { user: { id: string } };
let pid: string;
const count = () => (server.db.prepare('SELECT COUNT(*) n FROM records WHERE project_id = ?').get(pid) as { n: number }).n;

beforeAll(async () => {
  server = await startServer({ maxUploadBytes: 8 * 1024 * 1024 });
  lead = await signUp(server.url, 'Lead');
  pid = await projectWith(lead, []);
});
afterAll(async () => server.close());

/** The JSON lines of a streamed answer, as they arrive. */
async function* ndjsonLines(res: Response): AsyncGenerator<{ queued?: boolean; reread?: string; progress?: unknown; result?: Record<string, unknown> }> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) yield JSON.parse(line);
  }
  if (pending.trim()) yield JSON.parse(pending);
}

/** Imports `body` into project `projectId`, as the import page does: the answer's NDJSON lines as they arrive. */
async function importLines(projectId: string, source: string, body: BodyInit) {
  const res = await fetch(`${server.url}/api/projects/${projectId}/imports?source=${source}`, {
    method: 'POST',
    body,
    headers: { cookie: lead.cookie, origin: server.url, accept: 'application/x-ndjson', 'content-type': 'application/octet-stream' },
  });
  return ndjsonLines(res);
}

/** `n` short RIS records that are not duplicates of one another. */
const distinctRecords = (n: number) => Array.from({ length: n }, (_, i) => `TY  - JOUR\nTI  - Record ${i} of a large search\nAU  - Author, ${i}\nPY  - 2020\nER  - \n`);

async function upload(path: string, query: string, headers: Record<string, string> = {}) {
  return lead.request('POST', `/api/projects/${pid}/imports?${query}`, file(path), { 'content-type': 'application/octet-stream', ...headers });
}

describe('imports over HTTP', () => {
  it('imports real RIS files, links duplicates across databases, and counts them', async () => {
    const med = await upload('citesource_wildfire/medline_84.ris', 'source=MEDLINE');
    expect(med.status).toBe(201);
    expect(med.body).toMatchObject({ format: 'ris', parsed: erCount('citesource_wildfire/medline_84.ris') });
    expect(med.body.added + med.body.duplicates).toBe(med.body.parsed);
    const wos = await upload('citesource_wildfire/wos_278.ris', 'source=Web%20of%20Science');
    expect(wos.status).toBe(201);
    expect(wos.body.parsed).toBe(278);
    expect(wos.body.duplicates).toBeGreaterThan(20); // WoS overlaps MEDLINE heavily in this search
    expect(count()).toBe(med.body.parsed + wos.body.parsed);
    const dups = server.db.prepare('SELECT COUNT(*) n FROM records WHERE project_id = ? AND duplicate_of IS NOT NULL').get(pid) as { n: number };
    expect(dups.n).toBe(med.body.duplicates + wos.body.duplicates);
    // Every duplicate points at a primary record of the same project.
    const bad = server.db.prepare(`SELECT COUNT(*) n FROM records d JOIN records p ON p.id = d.duplicate_of WHERE d.project_id = ? AND (p.duplicate_of IS NOT NULL OR p.project_id != d.project_id)`).get(pid) as { n: number };
    expect(bad.n).toBe(0);
    const list = await lead.get(`/api/projects/${pid}/imports`);
    expect(list.body.imports.map((i: { source: string }) => i.source)).toEqual(['MEDLINE', 'Web of Science']);
  });

  it('accepts multipart uploads and streams progress as NDJSON', async () => {
    const form = new FormData();
    form.set('file', new Blob([file('citesource_wildfire/econlit_3.ris')]), 'econlit_3.ris');
    const res = await fetch(`${server.url}/api/projects/${pid}/imports?source=EconLit`, {
      method: 'POST',
      body: form,
      headers: { cookie: lead.cookie, origin: server.url, accept: 'application/x-ndjson' },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.some((l) => l.progress)).toBe(true);
    expect(lines.at(-1).result).toMatchObject({ parsed: 3, source: 'EconLit' });
  });

  it('refuses broken input with a clear 4xx and adds nothing', async () => {
    const before = count();
    const cases: [string, Buffer | string, string, number, RegExp][] = [
      ['empty', Buffer.alloc(0), 'source=X', 400, /empty/i],
      ['garbage', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)), 'source=X', 400, /.+/],
      ['truncated xml', file('asysd/endnote_export_first5records.xml').subarray(0, 4000), 'source=X', 400, /line/i],
      ['wrong declared format', file('citesource_wildfire/econlit_3.ris'), 'source=X&format=bibtex', 400, /declared/i],
      ['unknown format name', file('citesource_wildfire/econlit_3.ris'), 'source=X&format=docx', 400, /Unknown format/],
      ['no source', file('citesource_wildfire/econlit_3.ris'), 'source=', 400, /source/i],
      // the 8 MiB limit in the decimal MB the page shows sizes in
      ['too large', Buffer.alloc(9 * 1024 * 1024, 'TY  - JOUR\n'), 'source=X', 413, /import limit of 8\.3 MB\./],
      // thousands of good records are staged in batches before the cut last one is reached
      ['truncated after 5,000 records', Buffer.from(`${Array.from({ length: 5000 }, (_, i) => `TY  - JOUR\nTI  - Record ${i}\nER  - \n`).join('')}TY  - JOUR\nTI  - Cut`), 'source=X', 400, /truncated/],
    ];
    for (const [what, body, query, status, message] of cases) {
      const r = await lead.request('POST', `/api/projects/${pid}/imports?${query}`, body, { 'content-type': 'application/octet-stream' });
      expect(r.status, what).toBe(status);
      expect(r.body.error.message, what).toMatch(message);
      expect(count(), what).toBe(before);
    }
    // Records staged before the failure were dropped with it.
    expect((server.db.prepare(`SELECT COUNT(*) n FROM ${stagingTable(server.db)}`).get() as { n: number }).n).toBe(0);
    expect((await lead.get('/api/health')).status).toBe(200);
  });

  it('runs two imports into one project one after the other, telling the second it waits', async () => {
    const p2 = await projectWith(lead, []);
    const records = distinctRecords(60_000);
    // a 5 MB import, and once it is under way (its first progress line) a small one of three of its records
    const first = await importLines(p2, 'A', records.join(''));
    const firstLines: Awaited<ReturnType<typeof first.next>>['value'][] = [];
    for (let next = await first.next(); !next.done; next = await first.next()) {
      firstLines.push(next.value);
      if (next.value.progress) break;
    }
    const secondLines = [];
    for await (const line of await importLines(p2, 'B', records.slice(0, 3).join(''))) secondLines.push(line);
    for await (const line of first) firstLines.push(line);
    expect(firstLines[0]!.queued).toBeUndefined();
    expect(secondLines[0]).toEqual({ queued: true });
    expect(firstLines.at(-1)!.result).toMatchObject({ parsed: 60_000, added: 60_000, duplicates: 0 });
    // the second saw every record of the first, committed before it started
    expect(secondLines.at(-1)!.result).toMatchObject({ parsed: 3, added: 0, duplicates: 3 });
  });

  it('imports a file that stops being UTF-8 megabytes in once, as cp1252, with nothing staged twice', async () => {
    const p2 = await projectWith(lead, []);
    const plain = distinctRecords(30_000).join('');
    // the first megabytes are ASCII, so the import starts as UTF-8 and learns better at the end
    const body = Buffer.from(`${plain}TY  - JOUR\nTI  - Caf\xe9 \x93quoted\x94 title\nER  - \n`, 'latin1');
    const lines = [];
    for await (const line of await importLines(p2, 'Cp1252', body)) lines.push(line);
    // the page is told why its progress bar starts again
    const reread = lines.findIndex((l) => l.reread === 'windows-1252');
    expect(reread).toBeGreaterThan(0);
    expect(lines.slice(0, reread).some((l) => l.progress)).toBe(true);
    expect(lines.slice(reread + 1).some((l) => l.progress)).toBe(true);
    expect(lines.at(-1)!.result).toMatchObject({ encoding: 'windows-1252', parsed: 30_001, added: 30_001, duplicates: 0 });
    const rows = server.db.prepare('SELECT COUNT(*) n, COUNT(DISTINCT title) titles FROM records WHERE project_id = ?').get(p2) as { n: number; titles: number };
    expect(rows).toEqual({ n: 30_001, titles: 30_001 });
    const last = server.db.prepare('SELECT title FROM records WHERE project_id = ? ORDER BY seq DESC LIMIT 1').get(p2) as { title: string };
    expect(last.title).toBe('Café “quoted” title');
    expect((server.db.prepare(`SELECT COUNT(*) n FROM ${stagingTable(server.db)}`).get() as { n: number }).n).toBe(0);
  });

  it('lets only leads import', async () => {
    const rev = await signUp(server.url);
    const p2 = await projectWith(lead, [{ client: rev, role: 'reviewer' }]);
    const r = await rev.request('POST', `/api/projects/${p2}/imports?source=X`, file('citesource_wildfire/econlit_3.ris'), { 'content-type': 'application/octet-stream' });
    expect(r.status).toBe(403);
  });
});
