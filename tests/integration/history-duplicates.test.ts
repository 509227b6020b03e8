/** A record's history tells its duplicate review too (split, merge, confirm), for every member. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp } from '../helpers/http';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.close());

describe('record history of duplicate review', () => {
  it('shows a split and a merge in the record’s history', async () => {
    const lead = await signUp(server.url, 'Lead');
    const rev = await signUp(server.url, 'Rev');
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }]);
    const body = readFileSync(join(import.meta.dirname, '../../../shared/data/citesource_wildfire/medline_84.ris'));
    for (const source of ['MEDLINE', 'MEDLINE again']) {
      const r = await lead.request('POST', `/api/projects/${pid}/imports?source=${encodeURIComponent(source)}`, body, { 'content-type': 'application/octet-stream' });
      expect(r.status).toBe(201);
    }
    const dup = server.db.prepare('SELECT id, duplicate_of FROM records WHERE project_id = ? AND duplicate_of IS NOT NULL LIMIT 1').get(pid) as { id: string; duplicate_of: string };
    expect((await lead.post(`/api/projects/${pid}/duplicates/split`, { recordId: dup.id })).status).toBe(200);
    expect((await lead.post(`/api/projects/${pid}/duplicates/merge`, { primaryId: dup.duplicate_of, duplicateId: dup.id })).status).toBe(200);
    const h = await rev.get(`/api/projects/${pid}/records/${dup.id}/history`);
    expect(h.status).toBe(200);
    const reviews = h.body.events.filter((e: { kind: string }) => e.kind === 'duplicate_review');
    expect(reviews.map((e: { action: string; by: { name: string } }) => `${e.action}:${e.by.name}`)).toEqual(['split:Lead', 'merged:Lead']);
  });
});
