/**
 * The box around a data table (or a diagram) that may be wider than the screen — on a phone, or at
 * 400% zoom. It then scrolls sideways inside this box rather than the whole page, as WCAG 1.4.10
 * allows for data tables and two-dimensional content; while it does, the box is a region named by
 * the table's caption (or `labelledby`) and takes keyboard focus, so keyboard users can scroll it
 * with the arrow keys and screen readers say what it holds. When everything fits, the box is plain:
 * no extra tab stop or landmark on wide screens. The box is also the containing block of what is
 * absolutely positioned inside it (.table-wrap in styles.css), so visually hidden text in a cell
 * scrolls with the table instead of widening the page.
 */
import { createSignal, createUniqueId, onCleanup, onMount, type JSX } from 'solid-js';

/** Wraps one <table> (named by its <caption>, given an id here if it has none) or other wide content. */
export function ScrollBox(props: { children: JSX.Element; labelledby?: string; class?: string }) {
  const [scrolls, setScrolls] = createSignal(false);
  const [captionId, setCaptionId] = createSignal<string>();
  let box!: HTMLDivElement;
  onMount(() => {
    const caption = box.querySelector(':scope > table > caption');
    if (caption) {
      if (!caption.id) caption.id = `table-${createUniqueId()}`;
      setCaptionId(caption.id);
    }
    const check = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(box);
    // the content grows as rows (or the drawing) arrive; the box's own width would not change
    for (const child of box.children) observer.observe(child);
    check();
    onCleanup(() => observer.disconnect());
  });
  return (
    <div
      ref={box}
      class={props.class ? `table-wrap ${props.class}` : 'table-wrap'}
      role={scrolls() ? 'region' : undefined}
      tabindex={scrolls() ? 0 : undefined}
      aria-labelledby={scrolls() ? (props.labelledby ?? captionId()) : undefined}
    >
      {props.children}
    </div>
  );
}
