/** Every route × every role answers as DESIGN section 1 and 4 say (table-driven). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../helpers/server';
import { Client, signUp } from '../helpers/http';

type Who = 'lead' | 'reviewer' | 'co_researcher' | 'observer' | 'nonmember' | 'anonymous';
const WHO: Who[] = ['lead', 'reviewer', 'co_researcher', 'observer', 'nonmember', 'anonymous'];

let server: TestServer;
let pid: string;
let lead: Client & { user: { id: string } };
const as: Record<Who, Client & { user?: { id: string } }> = {} as never;

async function addMember(role: string) {
  const c = await signUp(server.url, role);
  const inv = await lead.post(`/api/projects/${pid}/invitations`, { role });
  await c.post(`/api/invitations/${inv.body.token}/accept`);
  return c;
}

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lead');
  pid = (await lead.post('/api/projects', { title: 'Authz' })).body.project.id;
  as.lead = lead;
  for (const role of ['reviewer', 'co_researcher', 'observer'] as const) as[role] = await addMember(role);
  as.nonmember = await signUp(server.url, 'Stranger');
  as.anonymous = new Client(server.url);
});
afterAll(async () => server.close());

const member = (ok: number) => ({ lead: ok, reviewer: ok, co_researcher: ok, observer: ok, nonmember: 404, anonymous: 401 });
const leadOnly = (ok: number) => ({ lead: ok, reviewer: 403, co_researcher: 403, observer: 403, nonmember: 404, anonymous: 401 });
const anyUser = (ok: number) => ({ lead: ok, reviewer: ok, co_researcher: ok, observer: ok, nonmember: ok, anonymous: 401 });

interface Row {
  route: string;
  expect: Record<Who, number>;
  call: (c: Client) => Promise<{ status: number; body: any }>;
}

const rows: Row[] = [
  { route: 'GET /api/me', expect: anyUser(200), call: (c) => c.get('/api/me') },
  { route: 'GET /api/projects', expect: anyUser(200), call: (c) => c.get('/api/projects') },
  { route: 'POST /api/projects', expect: anyUser(201), call: (c) => c.post('/api/projects', { title: 'Mine' }) },
  { route: 'GET /api/projects/:pid', expect: member(200), call: (c) => c.get(`/api/projects/${pid}`) },
  { route: 'PATCH /api/projects/:pid', expect: leadOnly(200), call: (c) => c.patch(`/api/projects/${pid}`, { question: 'Why?' }) },
  { route: 'GET /api/projects/:pid/members', expect: member(200), call: (c) => c.get(`/api/projects/${pid}/members`) },
  {
    route: 'PATCH /api/projects/:pid/members/:uid',
    expect: leadOnly(200),
    call: async (c) => c.patch(`/api/projects/${pid}/members/${as.observer.user!.id}`, { role: 'observer' }),
  },
  {
    route: 'DELETE /api/projects/:pid/members/:uid (someone else)',
    expect: leadOnly(200),
    call: async (c) => {
      const target = await addMember('reviewer');
      return c.delete(`/api/projects/${pid}/members/${target.user!.id}`);
    },
  },
  { route: 'POST /api/projects/:pid/invitations', expect: leadOnly(201), call: (c) => c.post(`/api/projects/${pid}/invitations`, { role: 'reviewer' }) },
  { route: 'GET /api/projects/:pid/audit', expect: leadOnly(200), call: (c) => c.get(`/api/projects/${pid}/audit`) },
  { route: 'GET /api/projects/:pid/audit?order=desc&kind=members', expect: leadOnly(200), call: (c) => c.get(`/api/projects/${pid}/audit?order=desc&kind=members`) },
  { route: 'GET /api/projects/:pid/audit.csv', expect: leadOnly(200), call: (c) => c.get(`/api/projects/${pid}/audit.csv`) },
  { route: 'POST /api/sync/tickets', expect: anyUser(201), call: (c) => c.post('/api/sync/tickets') },
  {
    route: 'POST /api/invitations/:token/accept',
    expect: anyUser(200),
    // A fresh account per row (signed in, or not), so accepting does not change who is a member.
    call: async (c) => {
      const inv = await lead.post(`/api/projects/${pid}/invitations`, { role: 'observer' });
      const who = c.cookie ? await signUp(server.url, 'Newcomer') : c;
      return who.post(`/api/invitations/${inv.body.token}/accept`);
    },
  },
];

describe('HTTP authorization by role', () => {
  for (const row of rows) {
    for (const who of WHO) {
      it(`${row.route} as ${who} → ${row.expect[who]}`, async () => {
        const res = await row.call(as[who]);
        expect(res.status).toBe(row.expect[who]);
        if (res.status >= 400) {
          expect(res.body.error.code).toEqual(expect.any(String));
          expect(res.body.error.message).toEqual(expect.any(String));
        }
      });
    }
  }

  it('a non-member and a member get the same answer for a project that does not exist', async () => {
    const a = await as.nonmember.get(`/api/projects/${pid}`);
    const b = await as.reviewer.get('/api/projects/doesnotexist0000');
    expect(a.status).toBe(b.status);
    expect(a.body).toEqual(b.body);
  });

  it('a lead cannot leave a project without another lead', async () => {
    const r = await lead.delete(`/api/projects/${pid}/members/${lead.user.id}`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('last_lead');
  });
});

function upgrade(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => (ws.close(), resolve(101)));
    ws.on('error', () => undefined);
  });
}

describe('sync authorization by role', () => {
  const docs = {
    workspace: () => `p/${pid}/workspace`,
    board: () => `p/${pid}/board`,
    'lead private': () => `p/${pid}/u/${lead.user.id}`,
    'own private': (c: Client & { user?: { id: string } }) => `p/${pid}/u/${c.user?.id ?? 'nobody'}`,
  };
  const expected: Record<keyof typeof docs, Record<Who, number>> = {
    workspace: { lead: 101, reviewer: 101, co_researcher: 101, observer: 101, nonmember: 403, anonymous: 401 },
    board: { lead: 101, reviewer: 101, co_researcher: 101, observer: 101, nonmember: 403, anonymous: 401 },
    'lead private': { lead: 101, reviewer: 403, co_researcher: 403, observer: 403, nonmember: 403, anonymous: 401 },
    'own private': { lead: 101, reviewer: 101, co_researcher: 101, observer: 101, nonmember: 403, anonymous: 401 },
  };
  for (const [doc, name] of Object.entries(docs) as [keyof typeof docs, (c: Client) => string][]) {
    for (const who of WHO) {
      it(`${doc} as ${who} → ${expected[doc][who]}`, async () => {
        const c = as[who];
        const t = who === 'anonymous' ? '' : `?ticket=${(await c.post('/api/sync/tickets')).body.ticket}`;
        expect(await upgrade(`${server.url.replace('http', 'ws')}/sync/${name(c)}${t}`)).toBe(expected[doc][who]);
      });
    }
  }
});
