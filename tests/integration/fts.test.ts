/** The search index is built in batches after imports, and a search never misses a record. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp } from '../helpers/http';
import { seedRecords } from '../helpers/records';
import { catchUpIndex, indexBatch } from '../../server/records/fts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.close());

const upto = () => (server.db.prepare('SELECT indexed_upto AS u FROM records_fts_state').get() as { u: number }).u;
const maxRowid = () => (server.db.prepare('SELECT MAX(rowid) AS m FROM records').get() as { m: number }).m;

describe('full-text index', () => {
  it('catches up before a search, so just-written records are found', async () => {
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    seedRecords(server.db, pid, lead.user.id, 30, 'Resettlement');
    expect(upto()).toBeLessThan(maxRowid()); // written, not indexed yet
    const r = await lead.get(`/api/projects/${pid}/records?q=resettle`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(30);
    expect(upto()).toBe(maxRowid());
  });

  it('lets other requests through while a search waits for a large backlog to be indexed', async () => {
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    seedRecords(server.db, pid, lead.user.id, 20_000, 'Backlog');
    const finished: string[] = [];
    const before = upto();
    const search = lead.get(`/api/projects/${pid}/records?q=backlog&limit=1`).then((r) => (finished.push('search'), r));
    // This test shares the server's thread: it sees the index half built only if the search
    // lets other work run between its steps. Then another request is answered before it ends.
    for (let i = 0; i < 100_000 && !(upto() > before && upto() < maxRowid()); i++) await new Promise((resolve) => setImmediate(resolve));
    expect(upto()).toBeGreaterThan(before);
    expect(upto()).toBeLessThan(maxRowid());
    const health = lead.get('/api/health').then((r) => (finished.push('health'), r));
    const [s, h] = await Promise.all([search, health]);
    expect([s.status, h.status]).toEqual([200, 200]);
    expect(s.body.total).toBe(20_000);
    expect(finished).toEqual(['health', 'search']);
    expect(upto()).toBe(maxRowid());
  });

  it('indexes in bounded batches and stops when nothing is left', async () => {
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    seedRecords(server.db, pid, lead.user.id, 25, 'Batching');
    expect(indexBatch(server.db, 10)).toBe(10);
    expect(indexBatch(server.db, 10)).toBe(10);
    expect(indexBatch(server.db, 10)).toBe(5);
    expect(indexBatch(server.db, 10)).toBe(0);
    catchUpIndex(server.db);
    const hits = server.db.prepare("SELECT COUNT(*) AS n FROM records_fts WHERE records_fts MATCH 'batching'").get() as { n: number };
    expect(hits.n).toBe(25); // each record indexed exactly once
  });
});
