/** Sign-up, log-in, sessions (Lucia model), password rules, throttling, Origin checks, bad bodies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { Client, signUp } from '../helpers/http';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.close());

describe('auth', () => {
  it('signs up, stores only an Argon2id hash and a hashed session token, and answers /api/me', async () => {
    const c = new Client(server.url);
    const r = await c.post('/api/auth/signup', { email: 'Ada@Example.org', password: 'correct horse battery', name: 'Ada' });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ email: 'ada@example.org', name: 'Ada' });
    const setCookie = r.headers.getSetCookie().join(';');
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // plain http here
    const token = c.cookie.split('=')[1]!;
    const row = server.db.prepare('SELECT password_hash FROM users WHERE email = ?').get('ada@example.org') as { password_hash: string };
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    const sessions = server.db.prepare('SELECT id FROM sessions').all() as { id: string }[];
    expect(sessions.some((s) => s.id === token)).toBe(false);
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
    expect((await c.get('/api/me')).body.user.name).toBe('Ada');
  });

  it('explains password and field rules', async () => {
    const c = new Client(server.url);
    const short = await c.post('/api/auth/signup', { email: 'b@example.org', password: 'short', name: 'B' });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('invalid');
    expect(short.body.error.fields.password).toMatch(/at least 10/);
    const badEmail = await c.post('/api/auth/signup', { email: 'nope', password: 'long enough pass', name: 'B' });
    expect(badEmail.body.error.fields.email).toMatch(/valid email/);
    const dup = await c.post('/api/auth/signup', { email: 'ADA@example.org', password: 'long enough pass', name: 'B' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('email_taken');
  });

  it('logs in and out; logout ends the session on the server', async () => {
    const a = new Client(server.url);
    await a.post('/api/auth/signup', { email: 'c@example.org', password: 'c password long', name: 'C' });
    const b = new Client(server.url);
    expect((await b.post('/api/auth/login', { email: 'c@example.org', password: 'wrong password!' })).status).toBe(401);
    const ok = await b.post('/api/auth/login', { email: 'C@example.org', password: 'c password long' });
    expect(ok.status).toBe(200);
    const stolen = b.cookie;
    expect((await b.post('/api/auth/logout')).status).toBe(200);
    const replay = new Client(server.url);
    replay.cookie = stolen;
    expect((await replay.get('/api/me')).status).toBe(401);
    expect((await a.get('/api/me')).status).toBe(200); // other sessions live on
  });

  it('password change ends every other session', async () => {
    const a = await signUp(server.url);
    const other = new Client(server.url);
    await other.post('/api/auth/login', { email: a.user.email, password: 'a long enough password' });
    expect((await other.get('/api/me')).status).toBe(200);
    const wrong = await a.post('/api/auth/password', { currentPassword: 'not it at all', newPassword: 'new long password' });
    expect(wrong.status).toBe(403);
    const changed = await a.post('/api/auth/password', { currentPassword: 'a long enough password', newPassword: 'new long password' });
    expect(changed.status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await a.get('/api/me')).status).toBe(200);
    const fresh = new Client(server.url);
    expect((await fresh.post('/api/auth/login', { email: a.user.email, password: 'new long password' })).status).toBe(200);
  });

  it('throttles repeated failures for one email with 429, even with the right password', async () => {
    const a = await signUp(server.url);
    const c = new Client(server.url);
    for (let i = 0; i < 5; i++) {
      expect((await c.post('/api/auth/login', { email: a.user.email, password: `wrong ${i} guess!` })).status).toBe(401);
    }
    const limited = await c.post('/api/auth/login', { email: a.user.email, password: 'a long enough password' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
  });

  it('refuses state-changing requests without our Origin', async () => {
    const a = await signUp(server.url);
    const none = new Client(server.url, null);
    none.cookie = a.cookie;
    const r1 = await none.post('/api/projects', { title: 'x' });
    expect(r1.status).toBe(403);
    expect(r1.body.error.code).toBe('bad_origin');
    const evil = new Client(server.url, 'https://evil.example');
    evil.cookie = a.cookie;
    expect((await evil.post('/api/projects', { title: 'x' })).status).toBe(403);
    expect((await a.post('/api/projects', { title: 'x' })).status).toBe(201);
  });

  it('answers bad bodies with clear JSON errors and never a stack trace', async () => {
    const a = await signUp(server.url);
    const bad = await a.request('POST', '/api/projects', '{not json', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_json');
    const big = await a.request('POST', '/api/projects', JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }), { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('too_large');
    const wrongType = await a.post('/api/projects', { title: 42 });
    expect(wrongType.status).toBe(400);
    expect(JSON.stringify(wrongType.body)).not.toMatch(/at .*\.ts:\d+/);
    const unknown = await a.get('/api/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await a.get('/api/health')).body).toEqual({ ok: true });
  });
});
