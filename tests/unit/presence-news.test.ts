/** Presence news: joining and leaving the project are told; a page change (gone for a moment) is not. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PresenceNews, type PresentPerson } from '../../client/src/workspace/presence';

const amir: PresentPerson = { id: 'u-amir', name: 'Amir Reviewer', color: '', isSelf: false, pages: ['screen'] };

describe('PresenceNews', () => {
  let said: string[];
  let present: Set<string>;
  let news: PresenceNews;
  beforeEach(() => {
    vi.useFakeTimers();
    said = [];
    present = new Set();
    news = new PresenceNews(({ joined, left }) => said.push(...joined.map((p) => `+${p.name}`), ...left.map((p) => `-${p.name}`)), (id) => present.has(id), 5000);
  });
  afterEach(() => {
    news.dispose();
    vi.useRealTimers();
  });

  it('says nothing when someone moves between pages (gone and back within the grace)', () => {
    news.change({ joined: [], left: [amir] }, true);
    vi.advanceTimersByTime(300);
    present.add(amir.id);
    news.change({ joined: [{ ...amir, pages: ['records'] }], left: [] }, true);
    vi.advanceTimersByTime(10_000);
    expect(said).toEqual([]);
  });

  it('tells a real join at once and a real departure after the grace', () => {
    present.add(amir.id);
    news.change({ joined: [amir], left: [] }, true);
    expect(said).toEqual(['+Amir Reviewer']);
    present.delete(amir.id);
    news.change({ joined: [], left: [amir] }, true);
    vi.advanceTimersByTime(4999);
    expect(said).toEqual(['+Amir Reviewer']);
    vi.advanceTimersByTime(1);
    expect(said).toEqual(['+Amir Reviewer', '-Amir Reviewer']);
  });

  it('stays quiet while the list is catching up after connecting', () => {
    news.change({ joined: [amir], left: [] }, false);
    news.change({ joined: [], left: [amir] }, false);
    vi.advanceTimersByTime(10_000);
    expect(said).toEqual([]);
  });
});
