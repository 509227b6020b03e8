/**
 * Marks the project's highlight terms in a text: signs to include and signs to exclude look
 * different in more than colour (underline style), and a legend on the page says which is which.
 */
import { For, type JSX } from 'solid-js';

/** One piece of text, marked or plain. */
export interface Piece {
  text: string;
  mark?: 'include' | 'exclude';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits `text` at every term (case-insensitive, longest term first); pure, so it can be tested. */
export function splitByTerms(text: string, terms: { include: string[]; exclude: string[] }): Piece[] {
  const kinds = new Map<string, 'include' | 'exclude'>();
  for (const t of terms.exclude) if (t.trim()) kinds.set(t.trim().toLocaleLowerCase(), 'exclude');
  for (const t of terms.include) if (t.trim()) kinds.set(t.trim().toLocaleLowerCase(), 'include');
  if (kinds.size === 0 || !text) return [{ text }];
  const pattern = new RegExp(`(${[...kinds.keys()].sort((a, b) => b.length - a.length).map(escape).join('|')})`, 'giu');
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) pieces.push({ text: text.slice(last, m.index) });
    pieces.push({ text: m[0], mark: kinds.get(m[0].toLocaleLowerCase()) });
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}

/** Text with the highlight terms marked. */
export function Highlighted(props: { text: string; terms: { include: string[]; exclude: string[] } }): JSX.Element {
  return (
    <For each={splitByTerms(props.text, props.terms)}>
      {(p) => (p.mark ? <mark class={`hl hl-${p.mark}`}>{p.text}</mark> : p.text)}
    </For>
  );
}
