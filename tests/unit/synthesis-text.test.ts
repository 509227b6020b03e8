/**
 * The synthesis client's pure helpers, without a browser: the textarea ↔ Y.Text binding (minimal
 * change, carets carried through remote edits — checked against real Yjs deltas), sentence
 * splitting and word steps (the keyboard's units of selection), and segmenting for highlights.
 * (Kept beside the synthesis e2e test because of file ownership; it belongs with tests/unit.)
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, transformPosition, type DeltaOp } from '../../client/src/synthesis/textBinding';
import { adjustRange, segmentsIn, sentencesOf, splitSentences, trimRange } from '../../client/src/synthesis/text';

/** Applies a remote edit to a Y.Text and returns the delta an observer sees. */
function remoteDelta(initial: string, edit: (t: Y.Text) => void): DeltaOp[] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, initial);
  let delta: DeltaOp[] = [];
  text.observe((e) => (delta = e.delta as DeltaOp[]));
  edit(text);
  return delta;
}

describe('textarea binding', () => {
  it('finds the one minimal change', () => {
    expect(diffText('same', 'same')).toBeNull();
    expect(diffText('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(diffText('abcdef', 'abXYef')).toEqual({ index: 2, remove: 2, insert: 'XY' });
    expect(diffText('aaa', 'aa')).toEqual({ index: 2, remove: 1, insert: '' });
    // Never half of a surrogate pair: 😀 and 😃 share their high surrogate.
    expect(diffText('a😀b', 'a😃b')).toEqual({ index: 1, remove: 2, insert: '😃' });
  });

  it('applying the change to a Y.Text gives the new value', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const before = 'We feel at home';
    text.insert(0, before);
    for (const after of ['We all feel at home', 'We feel home', 'Often, we feel at home together', '']) {
      const c = diffText(text.toString(), after)!;
      text.delete(c.index, c.remove);
      text.insert(c.index, c.insert);
      expect(text.toString()).toBe(after);
    }
  });

  it('keeps a caret in place through remote edits elsewhere', () => {
    // caret after "We " (3); someone appends at the end: the caret stays.
    expect(transformPosition(3, remoteDelta('We feel at home', (t) => t.insert(15, ' together')))).toBe(3);
    // someone types at the start: the caret moves along with its text.
    expect(transformPosition(3, remoteDelta('We feel at home', (t) => t.insert(0, 'Often, ')))).toBe(10);
    // a deletion before the caret pulls it back; one spanning it lands at the deletion point.
    expect(transformPosition(8, remoteDelta('We feel at home', (t) => t.delete(0, 3)))).toBe(5);
    expect(transformPosition(5, remoteDelta('We feel at home', (t) => t.delete(3, 5)))).toBe(3);
    // text typed exactly at the caret goes after it, unless it is a selection's end.
    const atCaret = remoteDelta('abc', (t) => t.insert(1, 'X'));
    expect(transformPosition(1, atCaret)).toBe(1);
    expect(transformPosition(1, atCaret, true)).toBe(2);
  });
});

describe('selection units', () => {
  const text = 'We felt lost. Nobody spoke our language!\n\nLater, a friend helped. "It was good."\nThe end';
  const sentences = splitSentences(text);

  it('splits sentences and paragraphs, covering the whole text once', () => {
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(['We felt lost.', 'Nobody spoke our language!', 'Later, a friend helped.', '"It was good."', 'The end']);
    expect(sentences.map((s) => s.para)).toEqual([true, false, true, false, true]);
    for (let i = 0; i + 1 < sentences.length; i++) expect(sentences[i]!.next).toBe(sentences[i + 1]!.start);
    expect(sentences.at(-1)!.next).toBe(text.length);
  });

  it('moves either end by a word and trims white space', () => {
    const first = { start: 0, end: 13 };
    expect(text.slice(0, adjustRange(text, first, 'end', -1).end)).toBe('We felt');
    expect(text.slice(0, adjustRange(text, first, 'end', 1).end)).toBe('We felt lost. Nobody');
    expect(text.slice(adjustRange(text, first, 'start', 1).start, 13)).toBe('felt lost.');
    // never down to nothing
    expect(adjustRange(text, { start: 0, end: 2 }, 'end', -1)).toEqual({ start: 0, end: 2 });
    expect(trimRange(text, { start: 12, end: 16 })).toEqual({ start: 12, end: 16 });
    expect(trimRange(text, { start: 13, end: 14 })).toBeNull();
    expect(sentencesOf(sentences, { start: 10, end: 20 })).toEqual([0, 1]);
  });

  it('cuts segments where highlights and selections start and end', () => {
    const segs = segmentsIn(0, 14, [{ id: 'a', start: 3, end: 7 }], [{ start: 5, end: 20 }], { start: 0, end: 4 });
    expect(segs.map((s) => [s.start, s.end, s.annotations.join(), s.peers.join(), s.mine])).toEqual([
      [0, 3, '', '', true],
      [3, 4, 'a', '', true],
      [4, 5, 'a', '', false],
      [5, 7, 'a', '0', false],
      [7, 14, '', '0', false],
    ]);
  });
});
