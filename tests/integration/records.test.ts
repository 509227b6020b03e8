/**
 * The records list over HTTP with real exports: words in title/abstract (FTS5, prefixes, safe
 * against FTS syntax), filters by source, import, duplicate status and prior label (Rayyan's
 * reviewers by name), keyset paging that stays stable while records arrive, the stage queue
 * (blinding), single records with their group, facets, and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { dataFile } from '../helpers/data';

const file = dataFile;

let server: TestServer;
let lead: Client & { user: { id: string } };
let reviewer: Client & { user: { id: string } };
let outsider: Client;
let pid: string;
const imports: Record<string, { importId: string; parsed: number; duplicates: number }> = {};

interface Rec {
  id: string;
  seq: number;
  title: string;
  abstract: string;
  source: string;
  importId: string;
  duplicateOf: string | null;
  priorLabels: { tool: string; reviewer: string | null; label: string }[];
}

async function upload(path: string, source: string) {
  const r = await lead.request('POST', `/api/projects/${pid}/imports?source=${encodeURIComponent(source)}`, file(path), { 'content-type': 'application/octet-stream' });
  expect(r.status, path).toBe(201);
  imports[source] = r.body;
}

/** Every page of a listing, following nextCursor. */
async function all(query: string, limit = 100, start: string | null = null): Promise<{ records: Rec[]; total: number; pages: number }> {
  const records: Rec[] = [];
  let cursor: string | null = start;
  let total = -1;
  let pages = 0;
  do {
    const r = await lead.get(`/api/projects/${pid}/records?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status, query).toBe(200);
    records.push(...r.body.records);
    total = r.body.total;
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor);
  return { records, total, pages };
}

const words = (r: Rec) => `${r.title} ${r.abstract}`.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
const hasPrefix = (r: Rec, prefix: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${prefix}`, 'u').test(words(r));

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lead');
  reviewer = await signUp(server.url, 'Rita Reviewer');
  outsider = await signUp(server.url, 'Outsider');
  pid = await projectWith(lead, [{ client: reviewer, role: 'reviewer' }]);
  await upload('citesource_wildfire/medline_84.ris', 'MEDLINE');
  await upload('citesource_wildfire/wos_278.ris', 'Web of Science');
  await upload('rayyan/accident_prone_locations/articles.csv', 'Rayyan export');
});
afterAll(async () => server.close());

describe('records list: search', () => {
  it('finds words in title or abstract, by prefix, all words required', async () => {
    const smoke = await all('q=smoke');
    expect(smoke.total).toBeGreaterThan(10);
    expect(smoke.records.length).toBe(smoke.total);
    expect(smoke.records.every((r) => hasPrefix(r, 'smoke'))).toBe(true);
    // A prefix finds at least as much as the whole word, and every hit starts a word with it.
    const prefix = await all('q=smok');
    expect(prefix.total).toBeGreaterThanOrEqual(smoke.total);
    expect(prefix.records.every((r) => hasPrefix(r, 'smok'))).toBe(true);
    const both = await all(`q=${encodeURIComponent('smoke health')}`);
    expect(both.total).toBeGreaterThan(0);
    expect(both.total).toBeLessThan(smoke.total);
    expect(both.records.every((r) => hasPrefix(r, 'smoke') && hasPrefix(r, 'health'))).toBe(true);
    // The count matches a scan of every record.
    const everything = await all('', 500);
    expect(smoke.total).toBe(everything.records.filter((r) => hasPrefix(r, 'smoke')).length);
  });

  it('treats FTS syntax as plain words: no errors, no injected operators', async () => {
    for (const q of ['title:smoke', 'smoke OR crash', '"unterminated', 'NEAR(smoke crash)', '*', 'smoke*', '-smoke', '^smoke', "'; DROP TABLE records; --", '()', 'AND', '"""']) {
      const r = await lead.get(`/api/projects/${pid}/records?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      expect(typeof r.body.total, q).toBe('number');
    }
    // Only upper-case OR and NOT are operators; a quoted "OR" or a lower-case "or" is a word.
    const ids = async (q: string) => new Set((await all(`q=${encodeURIComponent(q)}`, 500)).records.map((r) => r.id));
    const everything = new Set((await all('', 500)).records.map((r) => r.id));
    const smoke = await ids('smoke');
    const crash = await ids('crash');
    expect(smoke.size).toBeGreaterThan(0);
    expect(crash.size).toBeGreaterThan(0);
    expect(await ids('smoke OR crash')).toEqual(new Set([...smoke, ...crash]));
    expect(await ids('smoke | crash')).toEqual(new Set([...smoke, ...crash]));
    expect(await ids('smoke AND crash')).toEqual(new Set([...smoke].filter((id) => crash.has(id))));
    expect(await ids('smoke -crash')).toEqual(new Set([...smoke].filter((id) => !crash.has(id))));
    expect(await ids('smoke NOT crash')).toEqual(new Set([...smoke].filter((id) => !crash.has(id))));
    // leaving words out without looking for any: every record but those
    expect(await ids('-smoke')).toEqual(new Set([...everything].filter((id) => !smoke.has(id))));
    expect((await ids('smoke "OR" crash')).size).toBeLessThan(crash.size);
    expect((await ids('smoke or crash')).size).toBeLessThan(crash.size);
    // Only punctuation: nothing to search for, so every record.
    const none = await lead.get(`/api/projects/${pid}/records?q=${encodeURIComponent('*()"')}`);
    expect(none.body.total).toBe((await lead.get(`/api/projects/${pid}/records`)).body.total);
  });
});

describe('records list: filters and paging', () => {
  it('filters by source, import and duplicate status', async () => {
    const med = await all('source=MEDLINE');
    expect(med.total).toBe(84);
    expect(med.records.every((r) => r.source === 'MEDLINE')).toBe(true);
    const byImport = await all(`import=${imports['Web of Science']!.importId}`);
    expect(byImport.total).toBe(278);
    expect(byImport.records.every((r) => r.importId === imports['Web of Science']!.importId)).toBe(true);
    const dupTotal = Object.values(imports).reduce((s, i) => s + i.duplicates, 0);
    const only = await all('duplicates=only');
    expect(only.total).toBe(dupTotal);
    expect(only.records.every((r) => r.duplicateOf)).toBe(true);
    const exclude = await all('duplicates=exclude');
    const everything = await all('', 500);
    expect(exclude.total + only.total).toBe(everything.total);
    expect(exclude.records.every((r) => !r.duplicateOf)).toBe(true);
    const wosDups = await all(`source=${encodeURIComponent('Web of Science')}&duplicates=only`);
    expect(wosDups.total).toBe(imports['Web of Science']!.duplicates);
  });

  it('filters by a prior label and keeps Rayyan reviewers by name', async () => {
    const text = file('rayyan/accident_prone_locations/articles.csv').toString('utf8');
    const blocks = text.match(/RAYYAN-INCLUSION: \{[^}]*\}/g) ?? [];
    const included = await all('label=rayyan:include');
    expect(included.total).toBe(blocks.filter((b) => b.includes('Included')).length);
    const maybe = await all('label=rayyan:maybe');
    expect(maybe.total).toBe(blocks.filter((b) => b.includes('Maybe')).length);
    for (const r of maybe.records) {
      expect(r.priorLabels).toContainEqual(expect.objectContaining({ tool: 'rayyan', reviewer: 'taniabatistela', label: 'maybe' }));
    }
    // Rayyan kept "Fagner " with a trailing space; the name comes back trimmed.
    expect(included.records[0]!.priorLabels.map((l) => l.reviewer)).toEqual(expect.arrayContaining(['LUCAS', 'Fagner']));
    const anyRayyan = await all('label=rayyan');
    expect(anyRayyan.total).toBe(blocks.length);
    const facets = await lead.get(`/api/projects/${pid}/records/facets`);
    expect(facets.status).toBe(200);
    expect(facets.body.sources.map((s: { source: string }) => s.source)).toEqual(['MEDLINE', 'Web of Science', 'Rayyan export']);
    expect(facets.body.labels).toContainEqual({ tool: 'rayyan', label: 'maybe', n: maybe.total, reviewers: ['taniabatistela'] });
    expect(facets.body.labels).toContainEqual(expect.objectContaining({ tool: 'rayyan', label: 'include', reviewers: ['Fagner', 'LUCAS', 'taniabatistela'] }));
  });

  it('pages by arrival order without repeats, even while an import adds records', async () => {
    const first = await lead.get(`/api/projects/${pid}/records?limit=250`);
    expect(first.body.records).toHaveLength(250);
    const before = first.body.total;
    await upload('citesource_wildfire/econlit_3.ris', 'EconLit');
    const rest = await all('', 200, first.body.nextCursor);
    const ids = [...first.body.records, ...rest.records].map((r: Rec) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(before + 3);
    const seqs = [...first.body.records, ...rest.records].map((r: Rec) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(rest.pages).toBeGreaterThan(1);
  });

  it('refuses unknown filter values and bad paging with 400', async () => {
    const bad = [
      'duplicates=maybe', 'label=rayyan:yes', 'label=ray yan', 'source=Nowhere', 'import=nope', 'limit=501', 'limit=0', 'limit=ten',
      'cursor=-1', 'cursor=abc', 'stage=zz', `q=${'a'.repeat(501)}`, `q=${encodeURIComponent(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))}`,
    ];
    for (const q of bad) {
      const r = await lead.get(`/api/projects/${pid}/records?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toMatch(/^bad_|invalid/);
      expect(r.body.error.message, q).toBeTruthy();
    }
    expect((await outsider.get(`/api/projects/${pid}/records`)).status).toBe(404);
    expect((await new (lead.constructor as typeof Client)(server.url).get(`/api/projects/${pid}/records`)).status).toBe(401);
  });
});

describe('records: stage queue and single records', () => {
  it('keeps the stage queue: a screener’s own primaries, searchable; full text stays empty while blinded', async () => {
    const primaries = await all('duplicates=exclude', 500);
    const ta = await reviewer.get(`/api/projects/${pid}/records?stage=ta&limit=500`);
    expect(ta.status).toBe(200);
    expect(ta.body.total).toBe(primaries.total);
    expect(ta.body.records.every((r: Rec) => !r.duplicateOf)).toBe(true);
    const smoke = await reviewer.get(`/api/projects/${pid}/records?stage=ta&q=smoke&limit=500`);
    expect(smoke.body.total).toBe(primaries.records.filter((r) => hasPrefix(r, 'smoke')).length);
    const ft = await reviewer.get(`/api/projects/${pid}/records?stage=ft`);
    expect(ft.status).toBe(200);
    expect(ft.body).toMatchObject({ records: [], total: 0 });
    // The lead does not screen 'ta', so has no queue.
    expect((await lead.get(`/api/projects/${pid}/records?stage=ta`)).body.total).toBe(0);
  });

  it('returns a duplicate with its primary and whole group', async () => {
    const dup = (await lead.get(`/api/projects/${pid}/records?duplicates=only&source=${encodeURIComponent('Web of Science')}&limit=1`)).body.records[0] as Rec;
    const r = await reviewer.get(`/api/projects/${pid}/records/${dup.id}`);
    expect(r.status).toBe(200);
    expect(r.body.primary.id).toBe(dup.duplicateOf);
    expect(r.body.group.primary.id).toBe(dup.duplicateOf);
    expect(r.body.group.duplicates.map((d: Rec) => d.id)).toContain(dup.id);
    expect(r.body.group.confirmed).toBe(false);
    const primary = await reviewer.get(`/api/projects/${pid}/records/${dup.duplicateOf}`);
    expect(primary.body.duplicates.map((d: Rec) => d.id)).toContain(dup.id);
    expect(primary.body.record.duplicateCount).toBe(primary.body.duplicates.length);
    expect((await reviewer.get(`/api/projects/${pid}/records/nope`)).status).toBe(404);
  });
});
