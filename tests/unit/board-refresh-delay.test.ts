import { describe, expect, it } from 'vitest';
import { refreshDelay } from '../../server/screening/board';

describe('board refresh pacing', () => {
  it('waits only the debounce before a project’s first refresh and after cheap ones', () => {
    expect(refreshDelay(30, undefined, 1000)).toBe(30);
    // a 5 ms refresh that ended 10 ms ago: 4 × 5 ms = 20 ms of rest is already within the debounce
    expect(refreshDelay(30, { costMs: 5, endedAt: 990 }, 1000)).toBe(30);
  });

  it('rests four times the cost of a costly refresh, counted from when it ended', () => {
    // 700 ms (a 100,000-record stage) that ended 100 ms ago: 2,800 − 100 ms to go
    expect(refreshDelay(30, { costMs: 700, endedAt: 900 }, 1000)).toBe(2700);
    // long after, only the debounce is left
    expect(refreshDelay(30, { costMs: 700, endedAt: 900 }, 10_000)).toBe(30);
  });

  it('keeps the board’s share of the thread at 1/(1 + ratio) when refreshes are always due', () => {
    let now = 0;
    let busy = 0;
    let last: { costMs: number; endedAt: number } | undefined;
    for (let i = 0; i < 100; i++) {
      now += refreshDelay(30, last, now);
      const cost = 500 + (i % 7) * 50;
      busy += cost;
      now += cost;
      last = { costMs: cost, endedAt: now };
    }
    now += refreshDelay(30, last, now); // the rest after the last one
    expect(busy / now).toBeGreaterThan(0.18);
    expect(busy / now).toBeLessThanOrEqual(0.2 + 1e-9);
  });
});
