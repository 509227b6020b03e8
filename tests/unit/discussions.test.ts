/**
 * Discussion threads (shared/discussions.ts): concurrent comments from three replicas, with
 * updates delivered in shuffled order, converge to the same thread in time order and lose nothing
 * — also when two people start the same thread at once. Plus mentions and editing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, editOwnComment, keepThreadsWhole, listComments, parseMentions, threadKey, threadKeys } from '../../shared/discussions';

const REMOTE = Symbol('remote');

/** A small seeded generator (mulberry32), so a failing order can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replicas whose local updates queue up for every other replica; `deliver` hands them out in random order. */
function network(n: number, seed: number) {
  const random = rng(seed);
  const docs = Array.from({ length: n }, () => new Y.Doc());
  const queue: { to: number; update: Uint8Array }[] = [];
  docs.forEach((doc, from) => {
    keepThreadsWhole(doc);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      docs.forEach((_, to) => to !== from && queue.push({ to, update }));
    });
  });
  return {
    docs,
    pending: () => queue.length,
    /** Delivers everything, including what the deliveries cause, in shuffled order. */
    deliver() {
      let rounds = 0;
      while (queue.length > 0) {
        if (++rounds > 10_000) throw new Error('replicas never went quiet');
        const [next] = queue.splice(Math.floor(random() * queue.length), 1);
        Y.applyUpdate(docs[next!.to]!, next!.update, REMOTE);
      }
    },
  };
}

const people = [
  { id: 'u-ana', name: 'Ana' },
  { id: 'u-ben', name: 'Ben Okafor' },
  { id: 'u-cy', name: 'Cy' },
];
const members = people.map((p) => ({ userId: p.id, name: p.name }));
const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, s)).toISOString();

describe('discussion threads', () => {
  for (const seed of [1, 7, 42, 2025]) {
    it(`converge from three replicas in time order, nothing lost (seed ${seed})`, () => {
      const net = network(3, seed);
      const key = threadKey('ta', 'rec-1');
      // All three start the same thread before hearing from each other: a real race on the map key.
      addComment(net.docs[0]!, key, people[0]!, 'I think it fits: the sample is refugees.', members, at(3));
      addComment(net.docs[1]!, key, people[1]!, 'The setting is a camp, not resettlement.', members, at(1));
      addComment(net.docs[2]!, key, people[2]!, '@Ana could you check the methods?', members, at(2));
      addComment(net.docs[1]!, key, people[1]!, 'Also no peer support component.', members, at(5));
      addComment(net.docs[2]!, threadKey('ft', 'rec-9'), people[2]!, 'Other thread', members, at(4));
      expect(net.pending()).toBeGreaterThan(0);
      net.deliver();
      // Replies after the first exchange, again concurrent.
      addComment(net.docs[0]!, key, people[0]!, 'Agreed, @Ben Okafor — exclude.', members, at(7));
      addComment(net.docs[2]!, key, people[2]!, 'Fine by me.', members, at(6));
      net.deliver();

      const lists = net.docs.map((d) => listComments(d, key));
      expect(lists[1]).toEqual(lists[0]);
      expect(lists[2]).toEqual(lists[0]);
      expect(lists[0]!.map((c) => c.text)).toEqual([
        'The setting is a camp, not resettlement.',
        '@Ana could you check the methods?',
        'I think it fits: the sample is refugees.',
        'Also no peer support component.',
        'Fine by me.',
        'Agreed, @Ben Okafor — exclude.',
      ]);
      expect(lists[0]!.map((c) => c.authorName)).toEqual(['Ben Okafor', 'Cy', 'Ana', 'Ben Okafor', 'Cy', 'Ana']);
      expect(lists[0]![1]!.mentions).toEqual(['u-ana']);
      expect(lists[0]![5]!.mentions).toEqual(['u-ben']);
      // The documents themselves converged, not only the lists.
      const json = net.docs.map((d) => JSON.stringify(d.getMap('discussions').toJSON()));
      expect(json[1]).toBe(json[0]);
      expect(json[2]).toBe(json[0]);
      expect(threadKeys(net.docs[0]!).sort()).toEqual(['ft:rec-9', 'ta:rec-1']);
    });
  }

  it('lets people edit only their own comments, and the edit reaches everyone', () => {
    const net = network(2, 3);
    const key = threadKey('ta', 'rec-2');
    const c = addComment(net.docs[0]!, key, people[0]!, 'First thought', members, at(1));
    net.deliver();
    expect(editOwnComment(net.docs[1]!, key, c.id, 'u-ben', 'Not mine to edit', members, at(2))).toBe(false);
    expect(editOwnComment(net.docs[0]!, key, c.id, 'u-ana', 'Second thought, @Cy', members, at(3))).toBe(true);
    net.deliver();
    const [seen] = listComments(net.docs[1]!, key);
    expect(seen).toMatchObject({ text: 'Second thought, @Cy', mentions: ['u-cy'], editedAt: at(3), at: at(1), authorId: 'u-ana' });
  });

  it('ignores entries that are not comments and refuses empty text', () => {
    const doc = new Y.Doc();
    const key = threadKey('ta', 'rec-3');
    addComment(doc, key, people[0]!, 'real', members, at(1));
    const thread = doc.getMap('discussions').get(key) as Y.Array<unknown>;
    thread.push(['not a map', new Y.Map()]);
    expect(listComments(doc, key).map((c) => c.text)).toEqual(['real']);
    expect(() => addComment(doc, key, people[0]!, '   ', members)).toThrow();
    expect(listComments(doc, 'ta:none')).toEqual([]);
  });
});

describe('parseMentions', () => {
  const team = [
    { userId: '1', name: 'Ana' },
    { userId: '2', name: 'Ana María López' },
    { userId: '3', name: 'Bo' },
    { userId: '4', name: 'فاطمة' },
  ];
  it('finds the longest matching member name at each @, once each, in order', () => {
    expect(parseMentions('@ana maría lópez and @Ana, then @Bo. @Bo again', team)).toEqual(['2', '1', '3']);
  });
  it('needs a word boundary on both sides', () => {
    expect(parseMentions('mail ana@Bo.org or @Bob or @Anabel', team)).toEqual([]);
  });
  it('handles names in other scripts and unknown names', () => {
    expect(parseMentions('شكرا @فاطمة! @Nobody', team)).toEqual(['4']);
  });
});
