/** Documents stored by earlier versions still load: frozen Yjs updates through today's server and helpers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import * as W from '../../shared/workspace';
import { commentsMap, listComments, threadKeys } from '../../shared/discussions';
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

  it('v1 discussion threads (one array per thread, with a repaired copy) read through today’s helpers and server', async () => {
    const check = (doc: Y.Doc) => {
      expect(threadKeys(doc).sort()).toEqual(['ft:rec-fixture-0002', 'ta:rec-fixture-0001']);
      expect(listComments(doc, 'ta:rec-fixture-0001').map((c) => [c.authorId, c.authorName, c.text, c.mentions, c.at])).toEqual([
        ['u-frozen-ana', 'Ana Frozen', 'Frozen: the sample fits, @Ben Frozen?', ['u-frozen-ben'], '2026-11-21T10:00:00.000Z'],
        ['u-frozen-ben', 'Ben Frozen', 'Frozen: the setting does not fit.', [], '2026-11-21T10:00:01.000Z'],
      ]);
      expect(listComments(doc, 'ft:rec-fixture-0002')).toEqual([
        expect.objectContaining({ authorId: 'u-frozen-ben', text: 'Frozen second thought, @Ana Frozen', mentions: ['u-frozen-ana'], editedAt: '2026-11-21T10:02:00.000Z' }),
      ]);
      expect(commentsMap(doc).size).toBe(0);
    };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fixture('discussions-v1.bin'));
    check(doc);
    // Stored by an earlier server: a member's client receives every comment.
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    new DocStore(server.db).append(`p/${pid}/workspace`, fixture('discussions-v1.bin'));
    const c = await connectDoc(lead, `p/${pid}/workspace`);
    await synced(c);
    check(c.doc);
    c.destroy();
  });

  it('v1 synthesis comments (resolved kept inside each value) keep their state through today’s helpers and server', async () => {
    const states = (doc: Y.Doc) =>
      W.thread(doc, { kind: 'theme', themeId: 'theme-frozen' })
        .map((c) => [c.id, c.author, c.text, c.resolved])
        .sort(([a], [b]) => String(a).localeCompare(String(b)));
    const frozen = [
      ['cm-open', 'u-frozen-ana', 'Frozen: still open, edited.', false],
      ['cm-reopened', 'u-frozen-ana', 'Frozen: reopened later.', false],
      ['cm-reply', 'u-frozen-ben', 'Frozen: yes, it stays close to the studies.', false],
      ['cm-resolved', 'u-frozen-ana', 'Frozen: is this descriptive?', true],
    ];
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fixture('comments-v1.bin'));
    expect(doc.getMap(W.WS.commentResolutions).size).toBe(0);
    expect(states(doc)).toEqual(frozen);
    // Stored by an earlier server: a member reads the same, and reopens the resolved one today's way.
    const lead = await signUp(server.url);
    const pid = await projectWith(lead, []);
    new DocStore(server.db).append(`p/${pid}/workspace`, fixture('comments-v1.bin'));
    const c = await connectDoc(lead, `p/${pid}/workspace`);
    await synced(c);
    expect(states(c.doc)).toEqual(frozen);
    W.setCommentResolved(c.doc, 'cm-resolved', false, lead.user.id);
    const stored = () => {
      const d = new Y.Doc();
      new DocStore(server.db).loadInto(`p/${pid}/workspace`, d);
      return d;
    };
    await eventually(() => !W.isCommentResolved(stored(), 'cm-resolved'), 5000, 'reopen stored');
    expect(states(stored())).toEqual(frozen.map((x) => (x[0] === 'cm-resolved' ? [...x.slice(0, 3), false] : x)));
    c.destroy();
  });
});
