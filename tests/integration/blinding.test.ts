/**
 * The blinding probe (DESIGN section 2): reviewer A decides with distinctive notes and reasons;
 * reviewer B opens every document and calls every route B may, and nothing derived from A's
 * decisions may appear in anything B receives, until a lead unblinds the stage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoardStage } from '../../shared/board';
import * as Y from 'yjs';
import { startServer, type TestServer } from '../helpers/server';
import { projectWith, signUp, type Client } from '../helpers/http';
import { connectDoc, eventually, settle, synced, type SyncClient } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { listDecisions } from '../../server/screening/repo';

let server: TestServer;
let pid: string;
let ids: string[];
let lead: Client & { user: { id: string } };
let a: Client & { user: { id: string } };
let b: Client & { user: { id: string } };
const open: SyncClient[] = [];

const NOTE = 'ZEBRA-7731-private-reasoning';
const NOTE2 = 'QUOKKA-4410-hesitant';

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lead');
  a = await signUp(server.url, 'Alice');
  b = await signUp(server.url, 'Bob');
  pid = await projectWith(lead, [
    { client: a, role: 'reviewer' },
    { client: b, role: 'reviewer' },
  ]);
  await lead.patch(`/api/projects/${pid}`, { exclusionReasons: ['Wrong population', 'Zebra-specific reason'] });
  ids = seedRecords(server.db, pid, lead.user.id, 10);
  const ad = await connectDoc(a, `p/${pid}/u/${a.user.id}`);
  open.push(ad);
  await synced(ad);
  ad.provider.awareness.setLocalState({ location: { page: 'screen', detail: ids[3] } });
  const map = ad.doc.getMap('decisions:ta');
  ids.forEach((id, i) =>
    map.set(id, i % 2 ? { decision: 'exclude', reasons: ['Zebra-specific reason'], note: NOTE, at: new Date().toISOString() } : { decision: 'include', reasons: [], note: NOTE2, at: new Date().toISOString() }),
  );
  await eventually(() => listDecisions(server.db, pid, 'ta').length === 10, 5000, 'A decided');
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server.close();
});

/** Everything B can receive: every document B may open (with awareness) and every route B may call. */
async function everythingBReceives(): Promise<string> {
  const received: string[] = [];
  for (const name of [`p/${pid}/u/${b.user.id}`, `p/${pid}/workspace`, `p/${pid}/board`]) {
    const c = await connectDoc(b, name);
    open.push(c);
    await synced(c);
    await settle(150);
    received.push(JSON.stringify(c.doc.toJSON()), JSON.stringify(Y.encodeStateAsUpdate(c.doc)));
    received.push(JSON.stringify([...c.provider.awareness.getStates().values()]));
    for (const key of c.doc.share.keys()) received.push(JSON.stringify(c.doc.get(key).toJSON()));
    c.destroy();
  }
  const routes = [
    '/api/me',
    '/api/projects',
    `/api/projects/${pid}`,
    `/api/projects/${pid}/members`,
    `/api/projects/${pid}/records`,
    `/api/projects/${pid}/records?stage=ta`,
    `/api/projects/${pid}/records?stage=ft`,
    ...ids.map((id) => `/api/projects/${pid}/records/${id}`),
    `/api/projects/${pid}/stages/ta/queue`,
    `/api/projects/${pid}/stages/ft/queue`,
    `/api/projects/${pid}/decisions?stage=ta`,
    `/api/projects/${pid}/decisions?stage=ft`,
    `/api/projects/${pid}/conflicts?stage=ta`,
    `/api/projects/${pid}/conflicts?stage=ft`,
    `/api/projects/${pid}/agreement?stage=ta`,
    `/api/projects/${pid}/prisma.json`,
    `/api/projects/${pid}/prisma.svg`,
    `/api/projects/${pid}/audit`,
    `/api/projects/${pid}/export?format=csv`,
    `/api/projects/${pid}/export?format=ris`,
    `/api/projects/${pid}/themes/export?format=json`,
  ];
  for (const r of routes) {
    const res = await b.get(r);
    received.push(`${r} ${res.status} ${typeof res.body === 'string' ? res.body : JSON.stringify(res.body)}`);
  }
  // Bad input is a channel too: error texts must not leak.
  const res = await b.post(`/api/projects/${pid}/conflicts/ta/${ids[1]}/resolve`, { decision: 'include' });
  received.push(JSON.stringify(res.body));
  return received.join('\n');
}

describe('blinding probe', () => {
  it('B receives nothing derived from A’s decisions before unblinding', async () => {
    // B also screens a record, so B's own data is present but A's must not be.
    const bd = await connectDoc(b, `p/${pid}/u/${b.user.id}`);
    open.push(bd);
    await synced(bd);
    bd.doc.getMap('decisions:ta').set(ids[0]!, { decision: 'exclude', reasons: ['Wrong population'], note: 'mine', at: new Date().toISOString() });
    await eventually(() => listDecisions(server.db, pid, 'ta').length === 11, 5000, 'B decided');
    bd.destroy();
    const all = await everythingBReceives();
    for (const secret of [NOTE, NOTE2, '"reasons":["Zebra-specific reason"]', 'agreedInclude', 'agreedExclude', '"conflicts":[', '"progress"']) {
      expect(all, `leaked ${secret}`).not.toContain(secret);
    }
    // B's own view of decisions holds only B's decision.
    const view = await b.get(`/api/projects/${pid}/decisions?stage=ta`);
    expect(view.body.blinded).toBe(true);
    const visible = view.body.records.flatMap((r: { decisions: { userId: string }[] }) => r.decisions);
    expect(visible.every((d: { userId: string }) => d.userId === b.user.id)).toBe(true);
    const conflicts = await b.get(`/api/projects/${pid}/conflicts?stage=ta`);
    expect(conflicts.status).toBe(403);
    expect(conflicts.body.error.code).toBe('blinded');
    // Awareness: A's location is seen by nobody in B's private doc; the board carries no per-reviewer data.
    expect(all).not.toContain(`"detail":"${ids[3]}"`);
  });

  it('a lead who does not screen sees live progress on the board; after unblinding B sees the conflicts', async () => {
    const board = await connectDoc(lead, `p/${pid}/board`);
    open.push(board);
    await synced(board);
    await eventually(() => !!(board.doc.getMap('stages').get('ta') as any)?.progress, 5000, 'lead board');
    const ta = board.doc.getMap('stages').get('ta') as any;
    expect(ta.visible).toBe(true);
    expect(ta.progress.find((p: any) => p.name === 'Alice').decided).toBe(10);
    expect(ta.counts.conflicts).toBe(1); // record 0: A include, B exclude

    const bBoard = await connectDoc(b, `p/${pid}/board`);
    open.push(bBoard);
    await synced(bBoard);
    await settle(100);
    expect((bBoard.doc.getMap('stages').get('ta') as any).visible).toBe(false);

    const un = await lead.post(`/api/projects/${pid}/stages/ta/unblind`);
    expect(un.status).toBe(200);
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(409);
    // B's board socket is told its view changed (4409) so the client reopens a fresh document.
    await eventually(() => bBoard.closes.includes(4409), 5000, 'view change');
    bBoard.destroy();
    const fresh = await connectDoc(b, `p/${pid}/board`);
    open.push(fresh);
    await synced(fresh);
    await eventually(() => readBoardStage(fresh.doc, 'ta')?.conflicts?.length === 1, 5000, 'B sees conflicts');
    const conflicts = await b.get(`/api/projects/${pid}/conflicts?stage=ta`);
    expect(conflicts.status).toBe(200);
    expect(conflicts.body.conflicts).toHaveLength(1);
    expect(conflicts.body.conflicts[0].recordId).toBe(ids[0]);
    expect(conflicts.body.conflicts[0].decisions.map((d: any) => d.note).sort()).toEqual([NOTE2, 'mine'].sort());
    const audit = await lead.get(`/api/projects/${pid}/audit`);
    expect(audit.body.events.some((e: any) => e.type === 'stage.unblinded' && e.actorId === lead.user.id)).toBe(true);
  });
});
