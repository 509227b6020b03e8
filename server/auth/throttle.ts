/**
 * Login throttling: too many failures for one email or from one IP within a window answer 429.
 * In memory on purpose: one process serves the app, and a restart forgiving attempts is acceptable.
 * The email key is the typed (normalised) string, whether or not an account has it, so the answers
 * never tell a visitor which emails exist.
 */
export interface ThrottleOptions {
  windowMs: number;
  maxPerEmail: number;
  maxPerIp: number;
}

interface Bucket {
  failures: number;
  resetAt: number;
}

/** After a failure: how many more the email may have before it pauses, and when its window ends. */
export interface FailureCount {
  triesLeft: number;
  resetAt: number;
}

export class LoginThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly opts: ThrottleOptions = { windowMs: 15 * 60_000, maxPerEmail: 5, maxPerIp: 30 }) {}

  /**
   * When attempts are allowed again (epoch ms), or 0 when allowed now. Attempts refused meanwhile
   * are not counted, so a lockout always ends with its window: nobody can extend it by retrying.
   */
  lockedUntil(email: string, ip: string): number {
    const now = Date.now();
    let until = 0;
    for (const [key, max] of this.keys(email, ip)) {
      const b = this.buckets.get(key);
      if (b && b.resetAt > now && b.failures >= max) until = Math.max(until, b.resetAt);
    }
    return until;
  }

  /** Counts one failed attempt against the email and the IP. */
  fail(email: string, ip: string): FailureCount {
    const now = Date.now();
    if (this.buckets.size > 100_000) this.sweep(now);
    for (const [key] of this.keys(email, ip)) {
      const b = this.buckets.get(key);
      if (!b || b.resetAt <= now) this.buckets.set(key, { failures: 1, resetAt: now + this.opts.windowMs });
      else b.failures++;
    }
    const mine = this.buckets.get(`e:${email}`)!;
    return { triesLeft: Math.max(0, this.opts.maxPerEmail - mine.failures), resetAt: mine.resetAt };
  }

  /** A successful login clears the email's failures (not the IP's: one IP may try many accounts). */
  succeed(email: string): void {
    this.buckets.delete(`e:${email}`);
  }

  private keys(email: string, ip: string): [string, number][] {
    return [
      [`e:${email}`, this.opts.maxPerEmail],
      [`i:${ip}`, this.opts.maxPerIp],
    ];
  }

  private sweep(now: number): void {
    for (const [k, b] of this.buckets) if (b.resetAt <= now) this.buckets.delete(k);
  }
}
