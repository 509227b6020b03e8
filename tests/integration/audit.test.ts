/**
 * The audit log over HTTP: newest-first paging without gaps or repeats (with and without a kind),
 * the kind filter, bad parameters, who may read it, actor and subject names, the CSV download, and
 * the blinding rule: a lead who screens a stage sees nothing there derived from others' decisions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { Client, projectWith, signUp } from '../helpers/http';
import { importDataFile, seedDecisions, seedRecords } from '../helpers/records';
import type { AuditEvent, AuditPage } from '../../shared/audit';

type User = Client & { user: { id: string; name: string } };
let server: TestServer;
let lead: User;
let alice: User;
let bob: User;
let observer: User;
let pid: string;


const page = async (who: Client, query: string) => {
  const r = await who.get<AuditPage>(`/api/projects/${pid}/audit?${query}`);
  expect(r.status, query).toBe(200);
  return r.body;
};

/** Walks the whole log newest first in pages of `limit`, returning every event in order. */
async function walkDesc(limit: number, kind = ''): Promise<AuditEvent[]> {
  const all: AuditEvent[] = [];
  let before: number | null | undefined;
  for (let i = 0; i < 200; i++) {
    const p = await page(lead, `order=desc&limit=${limit}${kind ? `&kind=${kind}` : ''}${before ? `&before=${before}` : ''}`);
    all.push(...p.events);
    if (p.nextBefore === null) return all;
    expect(p.events).toHaveLength(limit);
    before = p.nextBefore;
  }
  throw new Error('paging did not end');
}

const oldestFirst = async () => (await page(lead, '')).events;

beforeAll(async () => {
  server = await startServer();
  lead = (await signUp(server.url, 'Lena Lead')) as User;
  alice = (await signUp(server.url, 'Alice')) as User;
  bob = (await signUp(server.url, 'Bob')) as User;
  observer = (await signUp(server.url, 'Olga')) as User;
  pid = await projectWith(lead, [
    { client: alice, role: 'reviewer' },
    { client: bob, role: 'reviewer' },
    { client: observer, role: 'observer' },
  ]);
  await importDataFile(lead, pid, 'citesource_wildfire/medline_84.ris', 'MEDLINE');
  await importDataFile(lead, pid, 'citesource_wildfire/wos_278.ris', 'Web of Science');
  for (let i = 0; i < 23; i++) expect((await lead.patch(`/api/projects/${pid}`, { question: `Question ${i}` })).status).toBe(200);
  const groups = (await lead.get(`/api/projects/${pid}/duplicates?limit=5`)).body.groups as { primary: { id: string }; duplicates: { id: string }[] }[];
  expect((await lead.post(`/api/projects/${pid}/duplicates/split`, { recordId: groups[0]!.duplicates[0]!.id })).status).toBe(200);
  expect((await lead.post(`/api/projects/${pid}/duplicates/merge`, { primaryId: groups[1]!.primary.id, duplicateId: groups[2]!.primary.id })).status).toBe(200);
  expect((await lead.patch(`/api/projects/${pid}/members/${observer.user.id}`, { role: 'reviewer' })).status).toBe(200);
  expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
});
afterAll(async () => server.close());

describe('the audit log, newest first', () => {
  it('pages through every event once, newest first, with or without a kind', async () => {
    const all = await oldestFirst();
    expect(all.length).toBeGreaterThan(30);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => a - b));
    for (const limit of [1, 7, all.length, 500]) {
      const walked = await walkDesc(limit);
      expect(walked.map((e) => e.id), `limit ${limit}`).toEqual(all.map((e) => e.id).reverse());
    }
    const settings = await walkDesc(4, 'settings');
    expect(settings.map((e) => e.id)).toEqual(all.filter((e) => e.type.startsWith('project.')).map((e) => e.id).reverse());
    expect(settings).toHaveLength(24); // created, then 23 changes
    // before and after bound a range in either order.
    const mid = all[10]!.id;
    expect((await page(lead, `order=desc&before=${mid}&after=${all[5]!.id}`)).events.map((e) => e.id)).toEqual(all.slice(6, 10).map((e) => e.id).reverse());
    expect((await page(lead, `after=${mid}&limit=3`)).events.map((e) => e.id)).toEqual(all.slice(11, 14).map((e) => e.id));
  });

  it('filters by kind', async () => {
    const expected: Record<string, RegExp> = {
      records: /^(import\.|record\.fulltext_)/,
      duplicates: /^record\.duplicate_/,
      screening: /^(stage\.|record\.resolved$|record\.quorum_withdrawn$)/,
      members: /^(member\.|invitation\.)/,
      settings: /^(project\.|prisma\.)/,
      synthesis: /^theme/,
    };
    const all = await oldestFirst();
    for (const [kind, pattern] of Object.entries(expected)) {
      const { events } = await page(lead, `order=desc&kind=${kind}`);
      expect(events.every((e) => pattern.test(e.type) && e.kind === kind), kind).toBe(true);
      expect(events.length, kind).toBe(all.filter((e) => pattern.test(e.type)).length);
    }
    const types = (kind: string) => page(lead, `kind=${kind}`).then((p) => new Set(p.events.map((e) => e.type)));
    expect(await types('records')).toEqual(new Set(['import.completed']));
    expect(await types('duplicates')).toEqual(new Set(['record.duplicate_split', 'record.duplicate_merged', 'record.duplicate_moved']));
    expect(await types('members')).toEqual(new Set(['invitation.created', 'member.joined', 'member.role_changed']));
    expect(await types('screening')).toEqual(new Set(['stage.unblinded']));
  });

  it('refuses unknown parameters with 400 bad_query', async () => {
    for (const q of ['kind=themes', 'kind=', 'order=newest', 'limit=0', 'limit=501', 'limit=2.5', 'before=-1', 'before=abc', 'after=x']) {
      const r = await lead.get(`/api/projects/${pid}/audit?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe('bad_query');
      expect(r.body.error.message, q).toMatch(/must be/);
    }
    expect((await lead.get(`/api/projects/${pid}/audit.csv?kind=nope`)).status).toBe(400);
  });

  it('is for leads only', async () => {
    const stranger = await signUp(server.url, 'Stranger');
    for (const path of ['audit', 'audit?order=desc&kind=members', 'audit.csv']) {
      for (const who of [alice, observer]) {
        const r = await who.get(`/api/projects/${pid}/${path}`);
        expect(r.status, path).toBe(403);
        expect(r.body.error.code).toBe('lead_only');
      }
      expect((await stranger.get(`/api/projects/${pid}/${path}`)).status).toBe(404);
      expect((await new Client(server.url).get(`/api/projects/${pid}/${path}`)).status).toBe(401);
    }
  });

  it('names actors and subjects; a deleted account is a former member', async () => {
    const all = await oldestFirst();
    const imported = all.filter((e) => e.type === 'import.completed');
    expect(imported.map((e) => [e.actorName, e.subject])).toEqual([['Lena Lead', 'medline_84.ris'], ['Lena Lead', 'wos_278.ris']]);
    const joined = all.filter((e) => e.type === 'member.joined');
    expect(joined.map((e) => e.actorName)).toEqual(['Alice', 'Bob', 'Olga']);
    const role = all.find((e) => e.type === 'member.role_changed')!;
    expect(role).toMatchObject({ actorName: 'Lena Lead', subject: 'Olga', before: { role: 'observer' }, after: { role: 'reviewer' } });
    const merged = all.find((e) => e.type === 'record.duplicate_merged')!;
    const primaryId = (merged.after as { duplicateOf: string }).duplicateOf;
    const primaryTitle = (await lead.get(`/api/projects/${pid}/records/${primaryId}`)).body.record.title as string;
    expect(primaryTitle.length).toBeGreaterThan(5);
    expect(merged.refs[primaryId]).toBe(primaryTitle);
    expect(merged.subject).toBe((await lead.get(`/api/projects/${pid}/records/${merged.entityId}`)).body.record.title);

    // An account that no longer exists (as after a deletion) reads as "former member".
    const gone = (await signUp(server.url, 'Gina Gone')) as User;
    const inv = await lead.post(`/api/projects/${pid}/invitations`, { role: 'reviewer' });
    expect((await gone.post(`/api/invitations/${inv.body.token}/accept`)).status).toBe(200);
    expect((await lead.delete(`/api/projects/${pid}/members/${gone.user.id}`)).status).toBe(200);
    server.db.pragma('foreign_keys = OFF');
    server.db.prepare('DELETE FROM users WHERE id = ?').run(gone.user.id);
    server.db.pragma('foreign_keys = ON');
    const recent = (await page(lead, 'order=desc&kind=members&limit=2')).events;
    expect(recent.map((e) => [e.type, e.actorName, e.subject])).toEqual([
      ['member.removed', 'Lena Lead', 'former member'],
      ['member.joined', 'former member', 'former member'],
    ]);
  });

  it('downloads the whole log as CSV, oldest first, formulas defused', async () => {
    expect((await lead.patch(`/api/projects/${pid}`, { question: '=HYPERLINK("http://evil")' })).status).toBe(200);
    const r = await lead.get(`/api/projects/${pid}/audit.csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="activity\.csv"/);
    const text = r.body as string;
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('time,actor,actor id,type,kind,entity,entity id,subject,before,after');
    // A byte-order mark first (fetch's text() drops it), so spreadsheets read names as UTF-8.
    const raw = new Uint8Array(await (await fetch(`${server.url}/api/projects/${pid}/audit.csv`, { headers: { cookie: lead.cookie } })).arrayBuffer());
    expect([...raw.slice(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 't'.charCodeAt(0)]);
    const all = await oldestFirst();
    expect(lines).toHaveLength(all.length + 1);
    expect(lines[1]).toContain('project.created');
    expect(lines.at(-1)).toContain('project.settings_changed');
    expect(text).toContain('Lena Lead,');
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    const members = (await lead.get(`/api/projects/${pid}/audit.csv?kind=members`)).body as string;
    expect(members.split('\r\n').filter(Boolean).slice(1).every((l) => /,(member|invitation)\./.test(l))).toBe(true);
  });
});

describe('the blinding rule in the audit log', () => {
  it('hides from a lead who screens a blinded stage what others’ decisions there imply', async () => {
    const screening = (await signUp(server.url, 'Sam Screening Lead')) as User;
    const other = (await signUp(server.url, 'Nia Non-screening Lead')) as User;
    const a = (await signUp(server.url, 'Ann')) as User;
    const b = (await signUp(server.url, 'Ben')) as User;
    const p = await projectWith(screening, [{ client: other, role: 'lead' }, { client: a, role: 'reviewer' }, { client: b, role: 'reviewer' }]);
    expect((await screening.request('PUT', `/api/projects/${p}/stages/ta/screeners`, { userIds: [screening.user.id] })).status).toBe(200);
    const ids = seedRecords(server.db, p, screening.user.id, 3);
    seedDecisions(server.db, p, [a, b].map((u) => ({ recordId: ids[0]!, userId: u.user.id, decision: 'include' as const })));
    // Ann and Ben agree, so the record is at full text; only someone not blind to TA may know that.
    expect((await other.request('PUT', `/api/projects/${p}/records/${ids[0]}/fulltext-link`, { url: 'https://example.org/a.pdf' })).status).toBe(200);
    expect((await other.post(`/api/projects/${p}/stages/ta/reassign`, { from: a.user.id, to: b.user.id })).status).toBe(200);

    const log = async (who: Client) => (await who.get<AuditPage>(`/api/projects/${p}/audit?order=desc`)).body.events;
    const seen = await log(other);
    expect(seen.some((e) => e.type === 'record.fulltext_linked')).toBe(true);
    expect(seen.find((e) => e.type === 'stage.reassigned')!.after).toHaveProperty('moved');
    const blind = await log(screening);
    expect(blind.length).toBe(seen.length - 1);
    expect(blind.some((e) => e.type.startsWith('record.fulltext_'))).toBe(false);
    expect(blind.find((e) => e.type === 'stage.reassigned')!.after).not.toHaveProperty('moved');
    const csv = (await screening.get(`/api/projects/${p}/audit.csv`)).body as string;
    expect(csv).not.toContain('fulltext');
    expect(csv).not.toContain('example.org');

    // Once the stage is unblinded, the lead's settlement is in everyone's log, with stage and reason.
    seedDecisions(server.db, p, [{ recordId: ids[1]!, userId: a.user.id, decision: 'include' }, { recordId: ids[1]!, userId: b.user.id, decision: 'exclude' }]);
    expect((await other.post(`/api/projects/${p}/conflicts/ta/${ids[1]}/resolve`, { decision: 'include', reason: 'meets criteria' })).status).toBe(403);
    expect((await screening.post(`/api/projects/${p}/stages/ta/unblind`)).status).toBe(200);
    expect((await other.post(`/api/projects/${p}/conflicts/ta/${ids[1]}/resolve`, { decision: 'include', reason: 'meets criteria' })).status).toBe(200);
    const after = await log(screening);
    expect(after.find((e) => e.type === 'record.resolved')).toMatchObject({ actorName: 'Nia Non-screening Lead', after: { stage: 'ta', decision: 'include', reason: 'meets criteria' } });
    expect(after.some((e) => e.type === 'record.fulltext_linked')).toBe(true);
  });
});
