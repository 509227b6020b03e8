/** Documents stored by earlier versions still load: frozen Yjs updates through today's server and helpers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import * as W from '../../shared/workspace';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced } from '../helpers/sync';
import { blankRecord, insertImport } from '../../server/records/store';
import { DocStore } from '../../server/sync/store';
import { listDecisions } from '../../server/screening/repo';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/yjs', name));

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.close());

describe('frozen documents', () => {
  it('a stored private document from v1 is projected into SQLite when loaded', async () => {
    const lead = await signUp(server.url);
    const rev = await signUp(server.url);
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }]);
    await lead.patch(`/api/projects/${pid}`, { exclusionReasons: ['Wrong setting'] });
    server.db.transaction(() =>
      insertImport(server.db, {
        projectId: pid, userId: lead.user.id, source: 'Fixture', format: 'ris', filename: null, encoding: 'utf-8', problems: [],
        records: ['rec-fixture-0001', 'rec-fixture-0002', 'rec-fixture-0003'].map((id) => ({ id, record: blankRecord(id), duplicate: null })),
      }),
    )();
    // As if an earlier server had stored it and crashed before projecting it.
    new DocStore(server.db).append(`p/${pid}/u/${rev.user.id}`, fixture('private-v1.bin'));
    const c = await connectDoc(rev, `p/${pid}/u/${rev.user.id}`);
    await synced(c);
    await eventually(() => listDecisions(server.db, pid, 'ta').length === 2, 5000, 'projected on load');
    const rows = listDecisions(server.db, pid, 'ta').sort((a, b) => a.recordId.localeCompare(b.recordId));
    expect(rows.map((r) => [r.recordId, r.decision, r.reasons, r.note])).toEqual([
      ['rec-fixture-0001', 'include', [], 'frozen include'],
      ['rec-fixture-0002', 'exclude', ['Wrong setting'], 'frozen exclude'],
    ]);
    expect(c.doc.getMap('decisions:ta').size).toBe(2);
    c.destroy();
  });

  it('a v1 workspace reads the same through today’s helpers', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fixture('workspace-v1.bin'));
    const tree = W.themeTree(doc);
    expect(tree.roots.map((r) => r.id)).toEqual(['theme-an']);
    const an = tree.roots[0] as { children: { id: string; description: string; children: { id: string; type: string }[] }[] };
    expect(an.children[0]!.id).toBe('theme-de');
    expect(an.children[0]!.description).toBe('Feeling understood by peers.');
    expect(an.children[0]!.children.map((c) => c.id)).toEqual(['code-frozen']);
    const excerpts = W.codedExcerpts(doc);
    expect(excerpts).toHaveLength(1);
    expect(JSON.stringify(excerpts[0])).toContain('Peer support helped people feel less alone.');
    expect(W.listCodes(doc).map((c) => [c.name, c.excerptCount])).toEqual([['Belonging', 1]]);
  });
});
