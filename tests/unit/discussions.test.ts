/**
 * Discussion threads (shared/discussions.ts): concurrent comments from three replicas, with
 * updates delivered in shuffled order, converge to the same thread in time order and lose nothing
 * — also when two people start the same thread at once, with no repair. Old-layout threads (one
 * Y.Array per thread) still read and their authors can still edit them; new comments never go
 * there. Plus mentions and editing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment, allThreads, commentsMap, editOwnComment, legacyThreadsMap, listComments, parseMentions, threadKey, threadKeys,
  type DiscussionComment,
} from '../../shared/discussions';
import { prng as rng } from '../helpers/random';

const REMOTE = Symbol('remote');

/** Replicas whose local updates queue up for every other replica; `deliver` hands them out in random order. */
function network(n: number, seed: number) {
  const random = rng(seed);
  const docs = Array.from({ length: n }, () => new Y.Doc());
  const queue: { to: number; update: Uint8Array }[] = [];
  docs.forEach((doc, from) => {
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
      // The documents themselves converged, not only the lists, and only the new layout was written.
      const states = net.docs.map((d) => commentsMap(d).toJSON()); // toEqual: key order is arrival order
      expect(states[1]).toEqual(states[0]);
      expect(states[2]).toEqual(states[0]);
      expect(commentsMap(net.docs[0]!).size).toBe(7);
      expect(net.docs.every((d) => legacyThreadsMap(d).size === 0)).toBe(true);
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
    const real = addComment(doc, key, people[0]!, 'real', members, at(1));
    const flat = commentsMap(doc) as Y.Map<unknown>;
    flat.set('junk', 'not a map');
    flat.set('no-thread', new Y.Map());
    // A comment whose id is not its key is not read (it could stand in for another comment).
    const wrongId = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ threadKey: key, id: real.id, authorId: 'u-ben', authorName: 'Ben', text: 'x', at: at(2) })) wrongId.set(k, v);
    flat.set('other-key', wrongId);
    const legacy = new Y.Array<unknown>();
    legacyThreadsMap(doc).set(key, legacy);
    legacy.push(['not a map', new Y.Map()]);
    legacyThreadsMap(doc).set('ta:rec-4', 'not a list');
    expect(listComments(doc, key).map((c) => c.text)).toEqual(['real']);
    expect(threadKeys(doc)).toEqual([key]);
    expect(() => addComment(doc, key, people[0]!, '   ', members)).toThrow();
    expect(listComments(doc, 'ta:none')).toEqual([]);
  });

  for (const seed of [5, 11, 99, 1234, 31337]) {
    it(`two peers starting the same thread at once both keep their comment (seed ${seed})`, () => {
      const net = network(2, seed);
      const key = threadKey('ft', 'rec-5');
      const mine = [0, 1, 2].map((i) => addComment(net.docs[0]!, key, people[0]!, `Ana ${i}`, members, at(10 + 2 * i)));
      const theirs = [0, 1, 2].map((i) => addComment(net.docs[1]!, key, people[1]!, `Ben ${i}`, members, at(11 + 2 * i)));
      net.deliver();
      const lists = net.docs.map((d) => listComments(d, key));
      expect(lists[1]).toEqual(lists[0]);
      expect(lists[0]!.map((c) => c.id)).toEqual([mine[0], theirs[0], mine[1], theirs[1], mine[2], theirs[2]].map((c) => c!.id));
    });
  }
});

/** Writes a comment the way the first layout did: into the thread's own Y.Array (created if missing). */
function legacyComment(doc: Y.Doc, key: string, c: DiscussionComment): void {
  let thread = legacyThreadsMap(doc).get(key) as Y.Array<Y.Map<unknown>> | undefined;
  if (!thread) legacyThreadsMap(doc).set(key, (thread = new Y.Array()));
  const entry = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(c)) entry.set(k, v);
  thread.push([entry]);
}

describe('old-layout threads', () => {
  const key = threadKey('ta', 'rec-old');
  const old = (id: string, author: (typeof people)[number], text: string, s: number): DiscussionComment =>
    ({ id, authorId: author.id, authorName: author.name, text, mentions: [], at: at(s) });

  it('read together with new comments, in time order, a repaired copy once', () => {
    const doc = new Y.Doc();
    legacyComment(doc, key, old('old-1', people[0]!, 'Old first', 1));
    legacyComment(doc, key, old('old-2', people[1]!, 'Old second', 3));
    legacyComment(doc, key, old('old-1', people[0]!, 'Old first', 1)); // the old repair's copy
    const before = JSON.stringify(legacyThreadsMap(doc).toJSON());
    addComment(doc, key, people[2]!, 'New in between', members, at(2));
    addComment(doc, threadKey('ft', 'rec-new'), people[2]!, 'Elsewhere', members, at(4));
    expect(listComments(doc, key).map((c) => [c.authorName, c.text])).toEqual([
      ['Ana', 'Old first'],
      ['Cy', 'New in between'],
      ['Ben Okafor', 'Old second'],
    ]);
    expect(JSON.stringify(legacyThreadsMap(doc).toJSON())).toBe(before); // new comments never go there
    expect([...allThreads(doc).keys()].sort()).toEqual(['ft:rec-new', key]);
    expect(allThreads(doc).get(key)).toEqual(listComments(doc, key));
  });

  it('let the author edit an old comment (every copy), nobody else', () => {
    const doc = new Y.Doc();
    legacyComment(doc, key, old('old-1', people[0]!, 'Old first', 1));
    legacyComment(doc, key, old('old-1', people[0]!, 'Old first', 1));
    expect(editOwnComment(doc, key, 'old-1', 'u-ben', 'Hijack', members, at(5))).toBe(false);
    expect(editOwnComment(doc, key, 'old-1', 'u-ana', 'Old first, @Cy', members, at(6))).toBe(true);
    const copies = (legacyThreadsMap(doc).get(key) as Y.Array<Y.Map<unknown>>).toArray().map((m) => [m.get('text'), m.get('editedAt')]);
    expect(copies).toEqual([['Old first, @Cy', at(6)], ['Old first, @Cy', at(6)]]);
    expect(listComments(doc, key)).toEqual([expect.objectContaining({ id: 'old-1', mentions: ['u-cy'], editedAt: at(6), at: at(1) })]);
  });

  it('cannot be hidden behind a new comment reusing its id', () => {
    const doc = new Y.Doc();
    legacyComment(doc, key, old('old-1', people[0]!, 'Ana said this', 1));
    const forged = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ threadKey: key, ...old('old-1', people[1]!, 'Ben says that', 1) })) forged.set(k, v);
    commentsMap(doc).set('old-1', forged);
    expect(listComments(doc, key).map((c) => c.text).sort()).toEqual(['Ana said this', 'Ben says that']);
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
