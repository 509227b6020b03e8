/**
 * The source text as a multi-select list of sentences: one tab stop; ↑/↓ move between sentences,
 * Space selects one, Shift+↑/↓ extend, Shift+→/← move the end by a word and Ctrl+Shift+→/← the
 * start, Enter goes to the codes, Escape clears. A mouse can select any characters or click a
 * sentence. Coded spans are tinted and underlined in each code's colour, and the names of every
 * code on a span follow it in text (never colour alone); other people's selections are outlined
 * with their name; a sentence where a commented passage ends says how many open comments it has.
 */
import { createEffect, createMemo, For, Index, Show } from 'solid-js';
import type { AnnotationView } from '../../../shared/workspace';
import { locale, t } from '../i18n';
import type { CodingState } from './coding';
import { sameSegments, segmentsIn, type Range } from './text';

/** Someone else's live selection. */
export interface PeerSelection extends Range {
  name: string;
  color: string;
}

/** Maps a DOM point inside the pane to a text offset (segments carry their start in data-s). */
function offsetAt(root: HTMLElement, node: Node, offset: number, textLength: number): number {
  if (node.nodeType === Node.TEXT_NODE && node.parentElement?.dataset.s !== undefined) return Number(node.parentElement.dataset.s) + offset;
  const point = document.createRange();
  point.setStart(node, offset);
  for (const seg of root.querySelectorAll<HTMLElement>('[data-s]')) {
    if (point.comparePoint(seg, 0) >= 0) return Number(seg.dataset.s);
  }
  return textLength;
}

/** The reading pane. `onCode` is called on Enter (go and choose codes). */
export function SourceText(props: {
  state: CodingState;
  annotations: AnnotationView[];
  codeName: (id: string) => string;
  codeColour: (id: string) => string;
  peers: PeerSelection[];
  labelledBy: string;
  onCode: () => void;
  /** open comments on passages that end in [start, next) */
  commentsEndingIn?: (start: number, next: number) => number;
}) {
  let pane!: HTMLDivElement;
  const st = props.state;
  const selectedRange = () => st.selectedSentences();

  createEffect(() => {
    const el = pane?.querySelector(`#sent-${st.active()}`);
    if (el && document.activeElement === pane) el.scrollIntoView({ block: 'nearest' });
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const rtl = locale().dir === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    let handled = true;
    if (e.key === 'ArrowDown') st.moveTo(st.active() + 1, e.shiftKey);
    else if (e.key === 'ArrowUp') st.moveTo(st.active() - 1, e.shiftKey);
    else if (e.key === 'Home') st.moveTo(0, e.shiftKey);
    else if (e.key === 'End') st.moveTo(st.sentences.length - 1, e.shiftKey);
    else if (e.key === ' ') st.toggleSentence(st.active());
    else if ((e.key === forward || e.key === back) && e.shiftKey) st.adjust(e.ctrlKey || e.metaKey ? 'start' : 'end', e.key === forward ? 1 : -1);
    else if (e.key === 'Escape') st.select(null);
    else if (e.key === 'Enter') {
      if (!st.selection()) st.toggleSentence(st.active());
      props.onCode();
    } else handled = false;
    if (handled) e.preventDefault();
  };

  const onMouseUp = (e: MouseEvent) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed && sel.rangeCount && pane.contains(sel.anchorNode) && pane.contains(sel.focusNode)) {
      const a = offsetAt(pane, sel.anchorNode!, sel.anchorOffset, st.text.length);
      const b = offsetAt(pane, sel.focusNode!, sel.focusOffset, st.text.length);
      st.select({ start: Math.min(a, b), end: Math.max(a, b) });
      // Our own highlight replaces the browser's, which would otherwise linger over re-drawn text.
      sel.removeAllRanges();
      return;
    }
    const option = (e.target as Element).closest<HTMLElement>('[role=option]');
    if (!option) return;
    const i = Number(option.dataset.i);
    if (e.shiftKey && st.selection()) st.moveTo(i, true);
    else st.toggleSentence(i);
  };

  return (
    <div
      ref={pane}
      class="syn-text"
      role="listbox"
      aria-multiselectable="true"
      aria-labelledby={props.labelledBy}
      aria-describedby="coding-keys"
      aria-activedescendant={st.sentences.length ? `sent-${st.active()}` : undefined}
      tabindex="0"
      onKeyDown={onKeyDown}
      onMouseUp={onMouseUp}
      data-testid="source-text"
    >
      <Index each={st.sentences}>
        {(s, i) => {
          const overlaps = (r: Range) => r.start < s().next && s().start < r.end;
          const anns = createMemo(() => props.annotations.filter(overlaps), [], { equals: (a, b) => a.length === b.length && a.every((x, k) => x === b[k]) });
          const segs = createMemo(
            () => segmentsIn(s().start, s().next, anns(), props.peers.map((p) => (overlaps(p) ? p : { start: -1, end: -1 })), st.selection()),
            [],
            { equals: sameSegments },
          );
          const selected = () => {
            const r = selectedRange();
            return !!r && i >= r[0] && i <= r[1];
          };
          return (
            <>
              <Show when={s().para && i > 0}>
                <span class="syn-para" aria-hidden="true" />
              </Show>
              <span role="option" id={`sent-${i}`} data-i={i} aria-selected={selected() ? 'true' : 'false'} classList={{ active: st.active() === i }}>
                <For each={segs()}>
                  {(seg) => {
                    const codes = () => [...new Set(anns().filter((a) => seg.annotations.includes(a.id)).flatMap((a) => a.codeIds))];
                    const ending = () => [...new Set(anns().filter((a) => a.end === seg.end && seg.annotations.includes(a.id)).flatMap((a) => a.codeIds))];
                    const starting = () => props.peers.filter((p, k) => p.start === seg.start && seg.peers.includes(k));
                    const underline = () => codes().slice(0, 4).map((c, k) => `inset 0 -${3 * (k + 1)}px 0 ${props.codeColour(c)}`).join(', ');
                    const peer = () => (seg.peers.length ? props.peers[seg.peers[0]!] : undefined);
                    return (
                      <>
                        <For each={starting()}>
                          {(p) => (
                            <span class="syn-peer-label" style={{ 'border-color': p.color }} data-testid="peer-selection">
                              {t('syn.code.peerSelecting', { name: p.name })}
                            </span>
                          )}
                        </For>
                        <span
                          data-s={seg.start}
                          classList={{ 'syn-coded': codes().length > 0, 'syn-multi': codes().length > 1, 'syn-mine': seg.mine, 'syn-peer': !!peer() }}
                          style={{ 'box-shadow': codes().length ? underline() : undefined, 'outline-color': peer()?.color }}
                        >
                          {st.text.slice(seg.start, seg.end)}
                        </span>
                        <Show when={ending().length}>
                          <span class="syn-codes" data-testid="span-codes">
                            <span class="visually-hidden">{t('syn.code.codedAs')}</span>
                            {ending().map(props.codeName).sort((x, y) => x.localeCompare(y, locale().code)).join(' · ')}
                          </span>
                        </Show>
                      </>
                    );
                  }}
                </For>
                <Show when={props.commentsEndingIn?.(s().start, s().next)}>
                  {(n) => (
                    <span class="syn-comment-mark" data-testid="comment-mark">
                      {t('syn.code.commentMark', { count: n() })}
                    </span>
                  )}
                </Show>
              </span>
            </>
          );
        }}
      </Index>
    </div>
  );
}
