/**
 * Export over HTTP: real RIS and CSV exports imported, exported and imported again give back the
 * same records; every record with duplicates flagged; by stage and decision only where the
 * blinding rule allows (403 `blinded` for a screener before unblinding); bad input is a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
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
const open: SyncClient[] = [];

interface Rec { id: string; title: string; authors: string[]; year: number | null; doi: string | null; abstract: string; priorLabels: unknown[]; notes: string; duplicateOf: string | null }

async function importInto(pid: string, body: Buffer | string, source: string, format?: string) {
  const q = `source=${encodeURIComponent(source)}${format ? `&format=${format}` : ''}`;
  const r = await lead.request('POST', `/api/projects/${pid}/imports?${q}`, body, { 'content-type': 'application/octet-stream' });
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
  return r.body;
}

async function recordsOf(pid: string): Promise<Rec[]> {
  const out: Rec[] = [];
  let cursor = '';
  do {
    const r = await lead.get(`/api/projects/${pid}/records?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    out.push(...r.body.records);
    cursor = r.body.nextCursor ?? '';
  } while (cursor);
  return out;
}

async function exportText(who: Client, pid: string, query: string) {
  const res = await fetch(`${server.url}/api/projects/${pid}/export?${query}`, { headers: { cookie: who.cookie } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const fields = (r: Rec) => ({ title: r.title, authors: r.authors, year: r.year, doi: r.doi, abstract: r.abstract });
const csvRows = (text: string) => Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lead');
  alice = await signUp(server.url, 'Alice');
  bob = await signUp(server.url, 'Bob');
  observer = await signUp(server.url, 'Olga');
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server.close();
});

describe('round trips', () => {
  for (const [format, path, source] of [
    ['ris', 'citesource_wildfire/medline_84.ris', 'MEDLINE'],
    ['ris', 'asysd/zotero_export.ris', 'Zotero'],
    ['csv', 'rayyan/accident_prone_locations/articles.csv', 'Rayyan'],
    ['csv', 'citesource_wildfire/wos_278.ris', 'Web of Science'],
  ] as const) {
    it(`${path} → import → ${format} export → import gives the same records`, async () => {
      const a = await projectWith(lead, [], `Round trip A ${path}`);
      const first = await importInto(a, file(path), source);
      const exported = await exportText(lead, a, `format=${format}`);
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="coreview-round-trip-a.*\\.${format}"$`));
      expect(exported.headers.get('content-type')).toMatch(format === 'csv' ? /^text\/csv/ : /^application\/x-research-info-systems/);
      const b = await projectWith(lead, [], 'Round trip B');
      const second = await importInto(b, exported.text, source, format);
      expect(second.parsed).toBe(first.parsed);
      expect(second.errors).toEqual([]);
      const [before, after] = [await recordsOf(a), await recordsOf(b)];
      expect(before.length).toBe(first.parsed);
      expect(before.filter((r) => r.abstract && r.authors.length && r.year).length).toBeGreaterThan(before.length / 2);
      expect(after.map(fields)).toEqual(before.map(fields));
      expect(after.map((r) => r.priorLabels)).toEqual(before.map((r) => r.priorLabels));
      // Coreview's remarks on the export (duplicate of…) do not come back as the records' notes.
      expect(after.map((r) => r.notes)).toEqual(before.map((r) => r.notes));
      // Duplicates are found again the same way.
      expect(after.filter((r) => r.duplicateOf).length).toBe(before.filter((r) => r.duplicateOf).length);
    });
  }

  it('flags duplicates in every-record exports: CSV columns, RIS notes', async () => {
    const pid = await projectWith(lead, [], 'Flags');
    await importInto(pid, file('citesource_wildfire/medline_84.ris'), 'MEDLINE');
    await importInto(pid, file('citesource_wildfire/wos_278.ris'), 'Web of Science');
    const recs = await recordsOf(pid);
    const dups = recs.filter((r) => r.duplicateOf);
    expect(dups.length).toBeGreaterThan(20);
    const rows = csvRows((await exportText(lead, pid, 'format=csv')).text);
    expect(rows).toHaveLength(recs.length);
    expect(rows.filter((r) => r.duplicate_of).map((r) => r.coreview_id).sort()).toEqual(dups.map((d) => d.id).sort());
    expect(rows.find((r) => r.duplicate_of)).toMatchObject({ duplicate_confirmed: 'no', database: 'Web of Science' });
    const ris = (await exportText(lead, pid, 'format=ris')).text;
    expect(ris.match(/^ER {2}-/gm)).toHaveLength(recs.length);
    expect(ris.match(/^RN {2}- Coreview: duplicate of /gm)).toHaveLength(dups.length);
    expect(ris).not.toMatch(/^N1 {2}- Coreview:/m);
    // The list filters apply: only Web of Science's duplicates.
    const wos = csvRows((await exportText(lead, pid, `format=csv&source=${encodeURIComponent('Web of Science')}&duplicates=only`)).text);
    expect(wos.length).toBe(dups.length);
  });
});

describe('export by stage and decision', () => {
  let pid: string;
  let ids: string[];
  beforeAll(async () => {
    pid = await projectWith(lead, [{ client: alice, role: 'reviewer' }, { client: bob, role: 'reviewer' }, { client: observer, role: 'observer' }], 'Decisions');
    ids = seedRecords(server.db, pid, lead.user.id, 8);
    // Records 0–2 both include; 3–4 both exclude; 5 conflict; 6 both maybe; 7 only Alice decided.
    const plan = (who: 'a' | 'b', i: number) => (i <= 2 ? 'include' : i <= 4 ? 'exclude' : i === 5 ? (who === 'a' ? 'include' : 'exclude') : i === 6 ? 'maybe' : who === 'a' ? 'include' : null);
    for (const [who, client] of [['a', alice], ['b', bob]] as const) {
      const d = await connectDoc(client, `p/${pid}/u/${client.user.id}`);
      open.push(d);
      await synced(d);
      ids.forEach((id, i) => {
        const decision = plan(who, i);
        if (decision) d.doc.getMap('decisions:ta').set(id, { decision, reasons: [], note: '', at: new Date().toISOString() });
      });
    }
    await eventually(() => listDecisions(server.db, pid, 'ta').length === 15, 5000, 'decisions projected');
  });

  const idsIn = (text: string) => csvRows(text).map((r) => r.coreview_id);

  it('refuses decisions to a screener before unblinding; a lead who does not screen may export', async () => {
    for (const [who, q] of [[alice, 'format=csv&stage=ta'], [alice, 'format=ris&stage=ta&decision=include'], [observer, 'format=csv&stage=ta'], [alice, 'format=csv&stage=ft']] as const) {
      const r = await exportText(who, pid, q);
      expect(r.status, q).toBe(403);
      expect(JSON.parse(r.text).error.code).toBe('blinded');
      expect(r.text).not.toMatch(/include|exclude/i);
    }
    const r = await exportText(lead, pid, 'format=csv&stage=ta&decision=include');
    expect(r.status).toBe(200);
    expect(idsIn(r.text).sort()).toEqual([ids[0], ids[1], ids[2], ids[6]].sort()); // maybe counts as include by default
    // Every record without a stage is fine for anyone: nothing in it comes from decisions.
    const plain = await exportText(alice, pid, 'format=csv');
    expect(plain.status).toBe(200);
    expect(plain.text).not.toMatch(/screening_/);
  });

  it('after unblinding, exports each category with the final decision', async () => {
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const get = async (decision: string) => idsIn((await exportText(alice, pid, `format=csv&stage=ta&decision=${decision}`)).text).sort();
    expect(await get('exclude')).toEqual([ids[3], ids[4]].sort());
    expect(await get('conflict')).toEqual([ids[5]]);
    expect(await get('maybe')).toEqual([ids[6]]);
    expect(await get('pending')).toEqual([ids[7]]);
    const rows = csvRows((await exportText(alice, pid, 'format=csv&stage=ta')).text);
    expect(rows).toHaveLength(8);
    expect(rows.find((r) => r.coreview_id === ids[5])).toMatchObject({ screening_stage: 'ta', screening_status: 'conflict', screening_decision: '' });
    expect(rows.find((r) => r.coreview_id === ids[0])).toMatchObject({ screening_status: 'agreed', screening_decision: 'include' });
    const ris = (await exportText(observer, pid, 'format=ris&stage=ta&decision=include')).text;
    expect(ris.match(/^RN {2}- Coreview title\/abstract screening: include \(agreed\)\.$/gm)).toHaveLength(4);
  });

  it('refuses bad input with 400', async () => {
    for (const q of ['', 'format=pdf', 'format=csv&decision=include', 'format=csv&stage=xx', 'format=csv&stage=ta&decision=yes', 'format=ris&duplicates=some', 'format=ris&source=Nowhere']) {
      const r = await exportText(lead, pid, q);
      expect(r.status, q).toBe(400);
      expect(JSON.parse(r.text).error.message, q).toBeTruthy();
    }
    const stranger = await signUp(server.url, 'Stranger');
    expect((await exportText(stranger, pid, 'format=csv')).status).toBe(404);
  });
});
