/**
 * Records search over HTTP with real exports: relevance ranking (bm25, titles above abstracts),
 * keyset paging by relevance that returns every match exactly once, leaving out a duplicate group
 * (the merge form's candidates) without breaking the count, and hostile or empty queries: FTS5
 * syntax is never a 500, and text with no searchable words says it did not filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { dataFile } from '../helpers/data';

interface Rec { id: string; seq: number; title: string; abstract: string; duplicateOf: string | null }
interface ListBody { records: Rec[]; nextCursor: string | null; total: number; sort: string; search: { words: string[]; ignored: boolean } }

let server: TestServer;
let lead: Client;
let pid: string;
let everyone: number;

const list = async (query: string): Promise<ListBody> => {
  const r = await lead.get(`/api/projects/${pid}/records?${query}`);
  expect(r.status, query).toBe(200);
  return r.body as ListBody;
};

/** Every page of a listing, following nextCursor, with how many pages it took. */
async function all(query: string, limit: number): Promise<{ records: Rec[]; totals: number[]; pages: number }> {
  const records: Rec[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const body = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    records.push(...body.records);
    totals.push(body.total);
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  return { records, totals, pages };
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lead');
  pid = await projectWith(lead, []);
  for (const [path, source] of [['citesource_wildfire/wos_278.ris', 'Web of Science'], ['citesource_wildfire/lens_343.ris', 'Lens']] as const) {
    const r = await lead.request('POST', `/api/projects/${pid}/imports?source=${encodeURIComponent(source)}`, dataFile(path), { 'content-type': 'application/octet-stream' });
    expect(r.status, path).toBe(201);
  }
  everyone = (await list('limit=1')).total;
});
afterAll(async () => server.close());

describe('records search: relevance', () => {
  const title = 'Health effects of wildfires';

  it('ranks the record with exactly this title first among many matches; arrival order does not', async () => {
    const q = `q=${encodeURIComponent(title)}`;
    const ranked = await list(`${q}&sort=relevance&limit=10`);
    expect(ranked.total).toBeGreaterThanOrEqual(20);
    expect(ranked.sort).toBe('relevance');
    expect(ranked.search).toEqual({ words: ['Health', 'effects', 'of', 'wildfires'], clauses: [['Health'], ['effects'], ['of'], ['wildfires']], excluded: [], ignored: false });
    expect(norm(ranked.records[0]!.title)).toBe(norm(title));
    // The same search in arrival order puts it elsewhere: the ranking is what found it.
    const arrival = await list(`${q}&limit=10`);
    expect(arrival.sort).toBe('arrival');
    expect(arrival.total).toBe(ranked.total);
    expect(norm(arrival.records[0]!.title)).not.toBe(norm(title));
    // Title words outweigh abstract words: every record with all the words in its title comes
    // before every record with some of them only in its abstract.
    const whole = (await list(`${q}&sort=relevance&limit=500`)).records;
    const inTitle = (r: Rec) => ['health', 'effects', 'of', 'wildfires'].every((w) => norm(r.title).split(' ').some((t) => t.startsWith(w)));
    const firstAbstractOnly = whole.findIndex((r) => !inTitle(r));
    const lastTitle = whole.map(inTitle).lastIndexOf(true);
    expect(firstAbstractOnly).toBeGreaterThan(0);
    expect(lastTitle).toBeLessThan(firstAbstractOnly);
  });

  it('pages by relevance: every match exactly once, in the order of one big page', async () => {
    const q = `q=${encodeURIComponent('smoke health')}&sort=relevance`;
    const one = (await list(`${q}&limit=500`)).records.map((r) => r.id);
    const paged = await all(q, 7);
    const ids = paged.records.map((r) => r.id);
    expect(one.length).toBeGreaterThan(30);
    expect(paged.pages).toBe(Math.ceil(one.length / 7));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(one);
    expect(new Set(paged.totals)).toEqual(new Set([one.length]));
    // The same set as arrival order finds.
    const arrival = await all(`q=${encodeURIComponent('smoke health')}`, 100);
    expect(new Set(ids)).toEqual(new Set(arrival.records.map((r) => r.id)));
  });

  it('leaves out a group (its primary and duplicates) and counts only what is left', async () => {
    const dup = (await list('duplicates=only&limit=1')).records[0]!;
    const primary = dup.duplicateOf!;
    const group = new Set([primary, ...(await lead.get(`/api/projects/${pid}/records/${primary}`)).body.duplicates.map((d: Rec) => d.id)]);
    expect(group.size).toBeGreaterThan(1);
    const words = norm(dup.title).split(' ').slice(0, 3).join(' ');
    const q = `q=${encodeURIComponent(words)}&sort=relevance`;
    const withGroup = await all(q, 500);
    const without = await all(`${q}&notInGroup=${primary}`, 500);
    expect(withGroup.records.filter((r) => group.has(r.id)).length).toBeGreaterThan(0);
    expect(without.records.some((r) => group.has(r.id))).toBe(false);
    expect(without.totals[0]).toBe(withGroup.totals[0]! - withGroup.records.filter((r) => group.has(r.id)).length);
    expect(without.records.length).toBe(without.totals[0]);
  });

  it('ranks within the other filters and falls back to arrival order without search words', async () => {
    const ranked = await all(`q=smoke&sort=relevance&duplicates=exclude`, 50);
    expect(ranked.records.every((r) => r.duplicateOf === null)).toBe(true);
    expect(ranked.records.length).toBe(ranked.totals[0]);
    expect((await list('sort=relevance&q=(&limit=1')).sort).toBe('arrival');
    const unranked = await all('sort=relevance', 200);
    const seqs = unranked.records.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs.length).toBe(everyone);
  });
});

describe('records search: hostile and empty queries', () => {
  const hostile = [
    '(', ')', '()', '"', '"""', '"unbalanced', 'unbalanced"', 'smoke"health', 'NEAR', 'NEAR(smoke health)', 'NEAR(smoke health, 2)', 'smoke NEAR/2 health',
    'AND', 'OR', 'NOT', 'smoke AND', 'OR health', 'smoke NOT health', 'smoke -health', '-', '*', 'smoke*', '*smoke', '^', '^smoke', ':', 'title:smoke',
    'abstract:', '{title abstract}:smoke', '+', 'C++', 'smoke + health', '\\', "'", "'; DROP TABLE records; --", '\u0000', 'ƒ(x) = ∑', '😷 smoke',
  ];

  it('never fails on FTS syntax, in either order', async () => {
    for (const q of hostile) {
      for (const sort of ['arrival', 'relevance']) {
        const r = await lead.get(`/api/projects/${pid}/records?q=${encodeURIComponent(q)}&sort=${sort}&limit=5`);
        expect(r.status, `${sort}: ${JSON.stringify(q)}`).toBe(200);
        expect(r.body.total, q).toBeLessThanOrEqual(everyone);
      }
    }
  });

  it('says when typed text had nothing to search for, and then does not pretend to filter', async () => {
    for (const q of ['(', '"', '*', '-', '^', ':', '+', '()"*:^-']) {
      const body = await list(`q=${encodeURIComponent(q)}&limit=1`);
      expect(body.search, q).toEqual({ words: [], clauses: [], excluded: [], ignored: true });
      expect(body.total, q).toBe(everyone);
    }
    const real = await list('q=smoke&limit=1');
    expect(real.search).toEqual({ words: ['smoke'], clauses: [['smoke']], excluded: [], ignored: false });
    expect(real.total).toBeLessThan(everyone);
    expect((await list('limit=1')).search).toEqual({ words: [], clauses: [], excluded: [], ignored: false });
  });

  it('searches "C++" as the word "c", not every word starting with c', async () => {
    const body = await all(`q=${encodeURIComponent('C++')}`, 500);
    const first = await list(`q=${encodeURIComponent('C++')}&limit=1`);
    expect(first.search).toEqual({ words: ['C'], clauses: [['C']], excluded: [], ignored: false });
    expect(body.records.length).toBeLessThan(everyone / 4);
    for (const r of body.records) expect(norm(`${r.title} ${r.abstract}`).split(' ')).toContain('c');
    // A longer word still matches by its start.
    const prefix = await list('q=wildfir&limit=1');
    expect(prefix.total).toBeGreaterThan(100);
  });

  it('refuses an unknown sort and a cursor from the other order with 400', async () => {
    for (const q of ['sort=best', 'sort=relevance&q=smoke&cursor=12', 'sort=relevance&q=smoke&cursor=abc_1', 'sort=relevance&q=smoke&cursor=Infinity_1']) {
      const r = await lead.get(`/api/projects/${pid}/records?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe('bad_filter');
    }
  });
});
