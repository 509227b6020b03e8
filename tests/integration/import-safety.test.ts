/**
 * Imports that go wrong on the client's side, and what the page needs to tell people about them:
 * cancelling mid-upload or mid-parse adds nothing and blocks nothing; the saving phase line;
 * a repeated file is recognised by its SHA-256; every problem can be downloaded as CSV.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { stagingTable } from '../../server/records/store';
import { importUnderWay } from '../../server/records/import';
import { dataFile } from '../helpers/data';

let server: TestServer;
let lead: Client & { user: { id: string; name: string } };

beforeAll(async () => {
  server = await startServer({ maxUploadBytes: 64 * 1024 * 1024 });
  lead = await signUp(server.url, 'Lena Lead');
});
afterAll(async () => server.close());

const count = (pid: string) => (server.db.prepare('SELECT COUNT(*) n FROM records WHERE project_id = ?').get(pid) as { n: number }).n;
const staged = () => (server.db.prepare(`SELECT COUNT(*) n FROM ${stagingTable(server.db)}`).get() as { n: number }).n;
const spooled = () => {
  try {
    return readdirSync(join(server.dataDir, 'tmp')).length;
  } catch {
    return 0;
  }
};
/** `n` distinct RIS records, about 75 bytes each. */
const ris = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `TY  - JOUR\nTI  - Record ${from + i} of a large search\nAU  - Author, ${i}\nPY  - 2020\nER  - \n`).join('');

type Line = { queued?: boolean; progress?: unknown; phase?: string; records?: number; result?: any; error?: any };

/** Posts `body` asking for NDJSON; `until` may stop reading (and abort) after a given line. */
async function importLines(pid: string, source: string, body: BodyInit, until?: (l: Line) => boolean) {
  const abort = new AbortController();
  const res = await fetch(`${server.url}/api/projects/${pid}/imports?source=${encodeURIComponent(source)}`, {
    method: 'POST',
    body,
    signal: abort.signal,
    headers: { cookie: lead.cookie, origin: server.url, accept: 'application/x-ndjson', 'content-type': 'application/octet-stream' },
  });
  const lines: Line[] = [];
  const decoder = new TextDecoder();
  let pending = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const p of parts) {
        if (!p.trim()) continue;
        lines.push(JSON.parse(p));
        if (until?.(lines.at(-1)!)) {
          abort.abort();
          return lines;
        }
      }
    }
  } catch (e) {
    if (!abort.signal.aborted) throw e;
  }
  return lines;
}

/** The server settled a cancelled import: nothing under way, nothing staged, no temp file. */
async function settled(pid: string) {
  await expect.poll(() => importUnderWay(pid), { timeout: 10_000 }).toBe(false);
  await expect.poll(() => staged(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => spooled(), { timeout: 10_000 }).toBe(0);
}

describe('cancelled imports', () => {
  it('aborting mid-upload adds nothing, deletes the temp file and leaves the next import free', async () => {
    const pid = await projectWith(lead, []);
    const before = count(pid);
    const body = Buffer.from(ris(400_000)); // about 30 MB
    // a real socket, cut after 4 MB of a declared 30 MB
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}/api/projects/${pid}/imports?source=Cut`, {
        method: 'POST',
        headers: { cookie: lead.cookie, origin: server.url, accept: 'application/x-ndjson', 'content-type': 'application/octet-stream', 'content-length': body.length },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(body.subarray(0, 4 * 1024 * 1024), () => setTimeout(() => req.destroy(), 200));
    });
    await settled(pid);
    expect(count(pid)).toBe(before);
    const next = await importLines(pid, 'After', ris(3));
    expect(next[0]!.queued).toBeUndefined();
    expect(next.at(-1)!.result).toMatchObject({ parsed: 3, added: 3 });
    expect(count(pid)).toBe(before + 3);
    expect((await lead.get('/api/health')).status).toBe(200);
  });

  it('aborting mid-parse drops the staged records and the next import runs', async () => {
    const pid = await projectWith(lead, []);
    const lines = await importLines(pid, 'Big', ris(300_000), (l) => !!l.progress && (l.progress as { read: number }).read > 0);
    expect(lines.some((l) => l.progress)).toBe(true);
    expect(lines.some((l) => l.result)).toBe(false);
    await settled(pid);
    expect(count(pid)).toBe(0);
    expect((server.db.prepare('SELECT COUNT(*) n FROM imports WHERE project_id = ?').get(pid) as { n: number }).n).toBe(0);
    const next = await importLines(pid, 'After', ris(5));
    expect(next.at(-1)!.result).toMatchObject({ parsed: 5, added: 5, duplicates: 0 });
    expect(count(pid)).toBe(5);
  });
});

describe('what an import tells the page', () => {
  it('sends a saving line after the last progress line and before the result', async () => {
    const pid = await projectWith(lead, []);
    const lines = await importLines(pid, 'Saving', ris(20_000));
    const saving = lines.findIndex((l) => l.phase === 'saving');
    expect(saving).toBeGreaterThan(0);
    expect(lines.slice(saving + 1).some((l) => l.progress)).toBe(false);
    expect(lines.slice(0, saving).some((l) => l.progress)).toBe(true);
    expect(lines[saving + 1]!.result).toMatchObject({ parsed: 20_000 });
    expect(lines[saving]).toEqual({ phase: 'saving', records: 20_000 });
    expect(saving).toBe(lines.length - 2);
  });

  it('recognises the same file imported again (by SHA-256), multipart or raw', async () => {
    const pid = await projectWith(lead, []);
    const bytes = dataFile('citesource_wildfire/medline_84.ris');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const asked = await lead.get(`/api/projects/${pid}/imports/by-hash/${sha}`);
    expect(asked.body).toEqual({ repeatOf: null });
    const form = new FormData();
    form.set('file', new Blob([bytes]), 'medline_84.ris');
    const first = await fetch(`${server.url}/api/projects/${pid}/imports?source=MEDLINE%20via%20Ovid`, { method: 'POST', body: form, headers: { cookie: lead.cookie, origin: server.url } });
    const one = await first.json();
    expect(first.status).toBe(201);
    expect(one.sha256).toBe(sha);
    expect(one.repeatOf).toBeUndefined();
    const again = await lead.request('POST', `/api/projects/${pid}/imports?source=MEDLINE%20again&filename=copy.ris`, bytes, { 'content-type': 'application/octet-stream' });
    expect(again.status).toBe(201);
    expect(again.body.repeatOf).toEqual({ importId: one.importId, at: expect.any(String), source: 'MEDLINE via Ovid', filename: 'medline_84.ris', by: 'Lena Lead' });
    expect(again.body.duplicates).toBe(again.body.parsed);
    expect((await lead.get(`/api/projects/${pid}/imports/by-hash/${sha}`)).body.repeatOf.importId).toBe(one.importId);
    expect((await lead.get(`/api/projects/${pid}/imports/by-hash/${'0'.repeat(64)}`)).body).toEqual({ repeatOf: null });
    expect((await lead.get(`/api/projects/${pid}/imports/by-hash/nothex`)).status).toBe(400);
    // another project does not see it
    const other = await projectWith(lead, []);
    expect((await lead.get(`/api/projects/${other}/imports/by-hash/${sha}`)).body).toEqual({ repeatOf: null });
  });

  it('offers every problem of an import as CSV, to members only', async () => {
    const pid = await projectWith(lead, []);
    const untitled = Array.from({ length: 30 }, (_, i) => `TY  - JOUR\nAU  - Nobody, ${i}\nER  - \n`).join('');
    const r = await lead.request('POST', `/api/projects/${pid}/imports?source=X&filename=no-titles.ris`, `${untitled}TY  - JOUR\nTI  - =HYPERLINK("x")\nXX  - =1+1\nER  - \n`, { 'content-type': 'application/octet-stream' });
    expect(r.status).toBe(201);
    expect(r.body.errors).toHaveLength(31);
    const csv = await lead.get(`/api/projects/${pid}/imports/${r.body.importId}/problems.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('no-titles-problems.csv');
    const rows = Papa.parse<string[]>(String(csv.body).replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['line', 'message']);
    expect(rows.slice(1)).toEqual(r.body.errors.map((p: { line: number; message: string }) => [String(p.line), p.message]));
    expect(rows[1]).toEqual(['1', 'This record has no title.']);
    const stranger = await signUp(server.url);
    // not a member: the project is hidden
    expect((await stranger.get(`/api/projects/${pid}/imports/${r.body.importId}/problems.csv`)).status).toBe(404);
    expect((await lead.get(`/api/projects/${pid}/imports/nope/problems.csv`)).status).toBe(404);
  });

  it('words a failed file for people: no line for whole-file problems, a format hint only where it helps', async () => {
    const pid = await projectWith(lead, []);
    const post = (body: string | Buffer, query = 'source=X') => lead.request('POST', `/api/projects/${pid}/imports?${query}`, body, { 'content-type': 'application/octet-stream' });
    const empty = await post(Buffer.alloc(0));
    expect(empty.body.error).toEqual({ code: 'unreadable_file', message: 'The file is empty (0 bytes).', fields: {} });
    const pdf = await post(Buffer.from('%PDF-1.7\n'));
    expect(pdf.body.error.fields.format).toBeUndefined();
    const unknown = await post('Meeting notes: search CINAHL next week.\n');
    expect(unknown.body.error.message).not.toMatch(/^Line/);
    expect(unknown.body.error.fields.format).toMatch(/format/);
    const declared = await post(ris(2), 'source=X&format=bibtex');
    expect(declared.body.error.fields.format).toMatch(/Find out automatically/);
    const cut = await post(`${ris(5000)}TY  - JOUR\nTI  - Cut`);
    expect(cut.body.error.message).toMatch(/^Line 25,001: .*no end marker \("ER {2}-" line\).*cut off/);
    expect(cut.body.error.fields).toEqual({ line: '25001' });
    expect(count(pid)).toBe(0);
  });
});
