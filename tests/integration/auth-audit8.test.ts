/**
 * Audit 8, auth: a wrong current password on the password form is 403 `wrong_password` on that
 * field and leaves the person signed in, and counts against the log-in throttle; failed log-ins say
 * how many tries are left and, once paused, until when — the same for an email nobody has; and a
 * pause ends with its window, whichever IP logs in afterwards.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Client, signUp, TEST_PASSWORD, type Res } from '../helpers/http';
import { useTestServer } from '../helpers/lifecycle';
import { LoginThrottle } from '../../server/auth/throttle';

const env = useTestServer({}, { perFile: true });
const WINDOW_MS = 60_000; // tests/helpers/server.ts: 5 failures per email in 60 s

/** The parts of a refusal a visitor sees (the deadline checked separately: it moves with the clock). */
const shape = (r: Res) => ({ status: r.status, code: r.body.error.code, message: r.body.error.message, triesLeft: r.body.error.triesLeft });

function expectUntilWithinWindow(r: Res, startedAt: number) {
  const until = Date.parse(r.body.error.until);
  expect(until).toBeGreaterThan(Date.now());
  expect(until).toBeLessThanOrEqual(startedAt + WINDOW_MS + 1000);
}

describe('changing the password with a wrong current password', () => {
  it('is 403 wrong_password on currentPassword, keeps every session, and is throttled like log-ins', async () => {
    const base = env.server.url;
    const a = await signUp(base);
    const other = new Client(base);
    expect((await other.post('/api/auth/login', { email: a.user.email, password: TEST_PASSWORD })).status).toBe(200);
    const startedAt = Date.now();
    const answers: Res[] = [];
    for (let i = 0; i < 5; i++) answers.push(await a.post('/api/auth/password', { currentPassword: `not it ${i} at all`, newPassword: 'new long password' }));
    for (const r of answers) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('wrong_password');
      expect(r.body.error.fields.currentPassword).toMatch(/current password is not correct/);
    }
    expect(answers.map((r) => r.body.error.triesLeft)).toEqual([4, 3, 2, 1, 0]);
    // Still signed in, here and in the other session: nothing was ended by a wrong guess.
    expect((await a.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(200);

    // Paused now, even with the right password, on this route and at log-in (one count per account).
    const paused = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'new long password' });
    expect(paused.status).toBe(429);
    expect(paused.body.error.code).toBe('rate_limited');
    expect(paused.body.error.fields.currentPassword).toMatch(/Try again in/);
    expectUntilWithinWindow(paused, startedAt);
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await new Client(base).post('/api/auth/login', { email: a.user.email, password: TEST_PASSWORD })).status).toBe(429);
    expect((await a.get('/api/me')).status).toBe(200);
  });

  it('failed log-ins count against the password form too, and the right password still works before the pause', async () => {
    const base = env.server.url;
    const a = await signUp(base);
    const stranger = new Client(base);
    for (let i = 0; i < 3; i++) await stranger.post('/api/auth/login', { email: a.user.email, password: `guess ${i} wrong!` });
    const wrong = await a.post('/api/auth/password', { currentPassword: 'still not it', newPassword: 'new long password' });
    expect(wrong.body.error.triesLeft).toBe(1);
    const ok = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'new long password' });
    expect(ok.status).toBe(200);
    // A success clears the count, as a log-in does.
    const again = await a.post('/api/auth/password', { currentPassword: 'wrong once more', newPassword: 'another long password' });
    expect(again.body.error.triesLeft).toBe(4);
  });
});

describe('log-in throttle answers', () => {
  /** Five wrong passwords then the right one, for `email`; the six answers. */
  async function fiveWrongThenRight(email: string, password: string) {
    const c = new Client(env.server.url);
    const out: Res[] = [];
    for (let i = 0; i < 5; i++) out.push(await c.post('/api/auth/login', { email, password: `wrong ${i} guess!` }));
    out.push(await c.post('/api/auth/login', { email, password }));
    return out;
  }

  it('counts down the tries left, then says until when it is paused', async () => {
    const a = await signUp(env.server.url);
    const startedAt = Date.now();
    const answers = await fiveWrongThenRight(a.user.email, TEST_PASSWORD);
    expect(answers.slice(0, 5).map((r) => [r.status, r.body.error.code, r.body.error.triesLeft])).toEqual([
      [401, 'invalid_credentials', 4],
      [401, 'invalid_credentials', 3],
      [401, 'invalid_credentials', 2],
      [401, 'invalid_credentials', 1],
      [401, 'invalid_credentials', 0],
    ]);
    // Every failure says when its counting window ends: the time a pause would last until.
    for (const r of answers.slice(0, 5)) expectUntilWithinWindow(r, startedAt);
    const locked = answers[5]!;
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(locked.body.error.until).toBe(answers[4]!.body.error.until);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(WINDOW_MS / 1000);
  });

  it('answers an email nobody has exactly as it answers a real one', async () => {
    const a = await signUp(env.server.url);
    const real = await fiveWrongThenRight(a.user.email, TEST_PASSWORD);
    const ghost = await fiveWrongThenRight(`nobody-${Date.now()}@example.org`, TEST_PASSWORD);
    expect(ghost.map(shape)).toEqual(real.map(shape));
    expect(ghost[5]!.headers.get('retry-after')).not.toBeNull();
  });

  it('counts one email however it is typed (case, spaces), so variants share one count', async () => {
    const a = await signUp(env.server.url);
    const c = new Client(env.server.url);
    await c.post('/api/auth/login', { email: a.user.email.toUpperCase(), password: 'wrong guess one!' });
    const second = await c.post('/api/auth/login', { email: ` ${a.user.email} `, password: 'wrong guess two!' });
    expect(second.body.error.triesLeft).toBe(3);
  });
});

describe('a pause ends with its window', () => {
  afterEach(() => vi.useRealTimers());

  it('lets the right person in from another IP once the window is over; retries meanwhile do not extend it', () => {
    vi.useFakeTimers({ now: Date.parse('2030-01-01T09:00:00Z'), toFake: ['Date'] });
    const t = new LoginThrottle({ windowMs: 15 * 60_000, maxPerEmail: 5, maxPerIp: 30 });
    const email = 'colleague@example.org';
    let last = { triesLeft: -1, resetAt: 0 };
    for (let i = 0; i < 5; i++) last = t.fail(email, '203.0.113.9');
    expect(last).toEqual({ triesLeft: 0, resetAt: Date.parse('2030-01-01T09:15:00Z') });
    // The pause is per email: the colleague's own IP is paused for this account too...
    expect(t.lockedUntil(email, '198.51.100.7')).toBe(last.resetAt);
    // ...but the service refuses paused attempts before counting them, so it cannot be stretched.
    vi.setSystemTime(Date.parse('2030-01-01T09:14:59Z'));
    expect(t.lockedUntil(email, '198.51.100.7')).toBe(last.resetAt);
    vi.setSystemTime(Date.parse('2030-01-01T09:15:00Z'));
    expect(t.lockedUntil(email, '198.51.100.7')).toBe(0);
    t.succeed(email);
    expect(t.fail(email, '198.51.100.7').triesLeft).toBe(4);
  });
});
