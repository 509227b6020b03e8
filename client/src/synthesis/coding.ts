/**
 * The coding view's selection: one contiguous range of the source, made with the mouse (any
 * characters) or the keyboard (whole sentences, then word by word at either end). `active` is the
 * sentence the keyboard is on; `anchor` is where a Shift-extended selection started.
 */
import { createSignal, type Accessor } from 'solid-js';
import { adjustRange, sentencesOf, trimRange, type Range, type Sentence } from './text';

/** The state the reading pane and the selection panel share. */
export interface CodingState {
  text: string;
  sentences: Sentence[];
  selection: Accessor<Range | null>;
  active: Accessor<number>;
  /** Sets the selection (trimmed of white space); null clears it. */
  select(r: Range | null): void;
  /** Moves the keyboard to sentence `i`; with `extend`, selects from the anchor to it. */
  moveTo(i: number, extend: boolean): void;
  /** Selects sentence `i` alone (or clears it when it already is the selection). */
  toggleSentence(i: number): void;
  /** Moves one end of the selection by a word. */
  adjust(edge: 'start' | 'end', dir: 1 | -1): void;
  /** The sentences the selection touches. */
  selectedSentences: Accessor<[number, number] | null>;
}

/** Creates the selection state for a source's text. */
export function createCodingState(text: string, sentences: Sentence[]): CodingState {
  const [selection, setSelection] = createSignal<Range | null>(null, { equals: (a, b) => a?.start === b?.start && a?.end === b?.end });
  const [active, setActive] = createSignal(0);
  let anchor = 0;
  const clamp = (i: number) => Math.max(0, Math.min(sentences.length - 1, i));
  const sentenceRange = (a: number, b: number): Range => ({ start: sentences[Math.min(a, b)]!.start, end: sentences[Math.max(a, b)]!.end });
  const selectedSentences = () => {
    const s = selection();
    return s ? sentencesOf(sentences, s) : null;
  };

  return {
    text,
    sentences,
    selection,
    active,
    selectedSentences,
    select(r) {
      const trimmed = r ? trimRange(text, r) : null;
      setSelection(trimmed);
      const idx = trimmed ? sentencesOf(sentences, trimmed) : null;
      if (idx) {
        anchor = idx[0];
        setActive(idx[0]);
      }
    },
    moveTo(i, extend) {
      if (!sentences.length) return;
      const next = clamp(i);
      setActive(next);
      if (extend) setSelection(sentenceRange(anchor, next));
      else anchor = next;
    },
    toggleSentence(i) {
      if (!sentences.length) return;
      const k = clamp(i);
      const r = sentenceRange(k, k);
      const s = selection();
      anchor = k;
      setActive(k);
      setSelection(s && s.start === r.start && s.end === r.end ? null : r);
    },
    adjust(edge, dir) {
      const s = selection();
      if (s) setSelection(adjustRange(text, s, edge, dir));
    },
  };
}
