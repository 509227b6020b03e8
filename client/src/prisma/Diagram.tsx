/**
 * The diagram itself: the server's SVG, sanitized (./sanitize.ts) and placed inline so that its
 * numbers are real links — keyboard reachable, followed by the router — each named in full for
 * screen readers ("Records screened: 120. Show these records.").
 */
import { createEffect, createSignal, on, Show } from 'solid-js';
import type { PrismaReport } from '../../../shared/prisma/report';
import { t } from '../i18n';
import { sanitizeSvg } from './sanitize';

/**
 * href → an accessible name for the number that links there, e.g. "Records screened: 120. Show these
 * records." The number is kept as drawn and outside brackets, so the name contains the visible text
 * (WCAG 2.5.3, label in name; checkers ignore bracketed words).
 */
function linkLabels(report: PrismaReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const box of report.boxes) {
    for (const line of box.lines) {
      if (!line.href || line.n === null || out.has(line.href)) continue;
      const what = line.text.replace(/\s*\([^()]*=\s*\d+\)\s*$/, '');
      out.set(line.href, t('prisma.recordsOf', { what, n: String(line.n) }).replace(/[\u2068\u2069]/g, ''));
    }
  }
  return out;
}

/** Renders the sanitized SVG; `onReady` receives the element (for the PNG) or null when refused. */
export function Diagram(props: { svg: string; report: PrismaReport; onReady: (svg: SVGSVGElement | null) => void }) {
  let host!: HTMLDivElement;
  const [failed, setFailed] = createSignal(false);
  // Rebuilt only when the drawing changes (its links follow from the same counts), so a live refresh
  // with the same numbers leaves a keyboard user's focus where it was; otherwise focus returns to
  // the link with the same address, if there still is one.
  createEffect(on(() => props.svg, (svg) => {
    const focused = host.contains(document.activeElement) ? document.activeElement?.getAttribute('href') : null;
    const el = sanitizeSvg(svg);
    host.replaceChildren();
    setFailed(!el);
    props.onReady(el);
    if (!el) return;
    // role="img" would hide the links inside from assistive technology: a labelled group keeps them.
    el.setAttribute('role', 'group');
    el.removeAttribute('aria-labelledby');
    if (el.querySelector('title[id]')) el.setAttribute('aria-labelledby', el.querySelector('title[id]')!.id);
    if (el.querySelector('desc[id]')) el.setAttribute('aria-describedby', el.querySelector('desc[id]')!.id);
    el.classList.add('prisma-svg');
    const labels = linkLabels(props.report);
    for (const a of Array.from(el.querySelectorAll('a'))) {
      const name = labels.get(a.getAttribute('href') ?? '');
      if (name) a.setAttribute('aria-label', name);
    }
    host.append(el);
    if (focused) [...el.querySelectorAll('a')].find((a) => a.getAttribute('href') === focused)?.focus();
  }));
  return (
    <>
      <div ref={host} class="prisma-diagram" data-testid="prisma-diagram" />
      <Show when={failed()}>
        <p role="alert">{t('prisma.svgUnsafe')}</p>
      </Show>
    </>
  );
}
