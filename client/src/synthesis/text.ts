/**
 * Pure text helpers for the coding view: sentences (the keyboard's unit of selection), word steps
 * (fine adjustment), and the segments a source is drawn in (cut wherever a highlight, someone's
 * selection or one's own selection starts or ends). Offsets are UTF-16, end exclusive, as in
 * shared/workspace annotations.
 */

/** A sentence of the source: [start, end) without surrounding white space; `para` when it opens a paragraph. */
export interface Sentence {
  start: number;
  end: number;
  /** where the next sentence starts (the white space between is drawn with this one) */
  next: number;
  para: boolean;
}

/** A selected range of the source. */
export interface Range {
  start: number;
  end: number;
}

// A sentence ends after . ! ? … (and closing quotes or brackets), or at a line break.
const SENTENCE_END = /[.!?…。؟]+["'”’»)\]]*(?=\s)|\n/g;

/** Splits text into sentences; blank lines (or single line breaks) start paragraphs. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let cursor = 0;
  let para = true;
  const push = (a: number, b: number, breakAfter: boolean) => {
    const slice = text.slice(a, b);
    const lead = slice.length - slice.trimStart().length;
    const trimmed = slice.trim();
    if (trimmed) {
      out.push({ start: a + lead, end: a + lead + trimmed.length, next: b, para });
      para = false;
    }
    if (breakAfter) para = true;
  };
  for (const m of text.matchAll(SENTENCE_END)) {
    const isBreak = m[0] === '\n';
    const end = isBreak ? m.index! : m.index! + m[0].length;
    push(cursor, end, isBreak);
    cursor = isBreak ? end + 1 : end;
  }
  push(cursor, text.length, false);
  // Each sentence owns the white space up to the next one, so the whole text is drawn once.
  for (let i = 0; i < out.length; i++) out[i]!.next = i + 1 < out.length ? out[i + 1]!.start : text.length;
  return out;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/** The offset one word after `pos` (the end of the next word), bounded by the text. */
export function wordForward(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && isSpace(text[i])) i++;
  while (i < text.length && !isSpace(text[i])) i++;
  return i;
}

/** The offset one word before `pos` (the start of the previous word), bounded by the text. */
export function wordBackward(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && isSpace(text[i - 1])) i--;
  while (i > 0 && !isSpace(text[i - 1])) i--;
  return i;
}

/** Moves one end of a range by a word, keeping at least one word selected. */
export function adjustRange(text: string, r: Range, edge: 'start' | 'end', dir: 1 | -1): Range {
  if (edge === 'end') {
    const end = dir > 0 ? wordForward(text, r.end) : trimEnd(text, wordBackward(text, r.end));
    return end > r.start ? { start: r.start, end } : r;
  }
  const start = dir > 0 ? trimStart(text, wordForward(text, r.start)) : wordBackward(text, r.start);
  return start < r.end ? { start, end: r.end } : r;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && isSpace(text[end - 1])) end--;
  return end;
}
function trimStart(text: string, start: number): number {
  while (start < text.length && isSpace(text[start])) start++;
  return start;
}

/** A range without white space at either end; null when nothing but white space is left. */
export function trimRange(text: string, r: Range): Range | null {
  const start = trimStart(text, Math.max(0, Math.min(r.start, r.end)));
  const end = trimEnd(text, Math.min(text.length, Math.max(r.start, r.end)));
  return end > start ? { start, end } : null;
}

/** The sentences a range touches, as [first, last] indexes (or null). */
export function sentencesOf(sentences: Sentence[], r: Range): [number, number] | null {
  let first = -1;
  let last = -1;
  sentences.forEach((s, i) => {
    if (s.start < r.end && r.start < s.next) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return first < 0 ? null : [first, last];
}

/** What marks one segment carries. */
export interface Segment {
  start: number;
  end: number;
  /** ids of the annotations covering it */
  annotations: string[];
  /** indexes of the people whose selection covers it */
  peers: number[];
  mine: boolean;
}

/** Cuts [from, to) wherever an annotation, a peer's selection or one's own selection starts or ends. */
export function segmentsIn(
  from: number,
  to: number,
  annotations: { id: string; start: number; end: number }[],
  peers: Range[],
  mine: Range | null,
): Segment[] {
  const cuts = new Set([from, to]);
  const add = (r: Range) => {
    if (r.start > from && r.start < to) cuts.add(r.start);
    if (r.end > from && r.end < to) cuts.add(r.end);
  };
  annotations.forEach(add);
  peers.forEach(add);
  if (mine) add(mine);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covers = (r: Range) => r.start <= start && end <= r.end;
    out.push({
      start,
      end,
      annotations: annotations.filter(covers).map((a) => a.id),
      peers: peers.flatMap((p, k) => (covers(p) ? [k] : [])),
      mine: !!mine && covers(mine),
    });
  }
  return out;
}

/** Two segment lists draw the same. */
export function sameSegments(a: Segment[], b: Segment[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return x.start === y.start && x.end === y.end && x.mine === y.mine && x.annotations.join() === y.annotations.join() && x.peers.join() === y.peers.join();
    })
  );
}
