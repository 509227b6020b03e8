/**
 * Login throttling: too many failures for one email or from one IP within a window answer 429.
 * In memory on purpose: one process serves the app, and a restart forgiving attempts is acceptable.
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

export class LoginThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly opts: ThrottleOptions = { windowMs: 15 * 60_000, maxPerEmail: 5, maxPerIp: 30 }) {}

  /** Seconds to wait before another attempt is allowed, or 0 when allowed now. */
  retryAfter(email: string, ip: string): number {
    const now = Date.now();
    let wait = 0;
    for (const [key, max] of this.keys(email, ip)) {
      const b = this.buckets.get(key);
      if (b && b.resetAt > now && b.failures >= max) wait = Math.max(wait, Math.ceil((b.resetAt - now) / 1000));
    }
    return wait;
  }

  /** Counts one failed attempt against the email and the IP. */
  fail(email: string, ip: string): void {
    const now = Date.now();
    if (this.buckets.size > 100_000) this.sweep(now);
    for (const [key] of this.keys(email, ip)) {
      const b = this.buckets.get(key);
      if (!b || b.resetAt <= now) this.buckets.set(key, { failures: 1, resetAt: now + this.opts.windowMs });
      else b.failures++;
    }
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
